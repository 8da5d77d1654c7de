/**
 * Lesson 05: groups of tasks and timeouts, the concurrency tools of asyncio built on tasks:
 * `gather`, `shield`, `wait`, `wait_for` and `as_completed` from `tasks.py`, `TaskGroup` from
 * `taskgroups.py`, `Timeout` from `timeouts.py` (Python 3.13), and Python's `ExceptionGroup`.
 * This module only gathers them (`#course/groups`); each lives in a smaller file beside it:
 *
 * - `exceptiongroup.ts`: {@link ExceptionGroup};
 * - `gather.ts`: {@link gather}, {@link shield};
 * - `async-with.ts`: Python's `async with`, as a function;
 * - `taskgroups.ts`: {@link TaskGroup}, {@link taskGroup};
 * - `timeouts.ts`: {@link Timeout}, {@link timeout}, {@link timeoutAt}, {@link waitFor};
 * - `wait.ts`: {@link wait}, {@link asCompleted}.
 */

export { type ExceptionCondition, ExceptionGroup } from './exceptiongroup.ts';
export {
  type AwaitableResult,
  type GatherOptions,
  type GatherOutcomes,
  type GatherResults,
  gather,
  shield,
} from './gather.ts';
export { TaskGroup, type TaskGroupTaskOptions, taskGroup } from './taskgroups.ts';
export { Timeout, type TimeoutState, timeout, timeoutAt, waitFor } from './timeouts.ts';
export {
  type AsCompletedOptions,
  asCompleted,
  type ReturnWhen,
  type WaitOptions,
  wait,
} from './wait.ts';
