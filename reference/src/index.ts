/**
 * The reference runtime: asyncio, rebuilt on generators and hosted on Node's event loop.
 *
 * @module
 */

export {
  CancelledError,
  type ErrorClass,
  type ExceptionCondition,
  ExceptionGroup,
  InvalidStateError,
  RuntimeError,
  TimeoutError,
  ValueError,
} from './errors.ts';
export {
  type DoneCallback,
  Future,
  type FutureOptions,
  type FutureState,
  isFuture,
  type Scheduler,
} from './futures.ts';
export {
  type AsCompletedOptions,
  type AwaitableResult,
  asCompleted,
  type GatherOptions,
  type GatherOutcomes,
  type GatherResults,
  gather,
  type ReturnWhen,
  shield,
  TaskGroup,
  type TaskGroupTaskOptions,
  Timeout,
  type TimeoutState,
  taskGroup,
  timeout,
  timeoutAt,
  type WaitOptions,
  wait,
  waitFor,
} from './groups.ts';
export {
  type ClockKind,
  EventLoop,
  type EventLoopOptions,
  type ExceptionContext,
  type ExceptionHandler,
  getRunningLoop,
  Handle,
  newEventLoop,
  TimerHandle,
} from './loop.ts';
export { repr } from './repr.ts';
export {
  type Awaitable,
  allTasks,
  type Coroutine,
  createTask,
  currentTask,
  ensureFuture,
  isCoroutine,
  type RunOptions,
  run,
  sleep,
  Task,
  type TaskOptions,
} from './tasks.ts';
export {
  type ModuleFunction,
  type ShutdownOptions,
  toThread,
  type WorkerFunction,
  WorkerPoolExecutor,
  type WorkerPoolExecutorOptions,
  wrapPromise,
} from './threads.ts';
