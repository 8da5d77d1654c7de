/**
 * Lesson 04: tasks, asyncio's `Task` (`Lib/asyncio/tasks.py`) and `asyncio.run`
 * (`Lib/asyncio/runners.py`). A task drives a coroutine (a generator) on its loop, one step at a
 * time: each step resumes the coroutine up to its next `yield`; a yielded future parks the task
 * until the future is done, a bare `yield` gives up one iteration of the loop, and anything else
 * is a mistake, thrown back into the coroutine. A task is itself a future: it finishes with what
 * its coroutine returns or throws.
 *
 * Fill in the bodies that throw `TODO(04.N)`, exercise by exercise (`npm start` tells you which).
 * Three methods grow over several exercises: `_step`, `_stepRunAndHandleResult` and
 * `_handleYield`. Their comments say which exercise adds which part; write only the part of the
 * exercise you are on. The rest is given: read it, it is part of the story.
 */

// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { CancelledError, InvalidStateError, RuntimeError, ValueError } from '#course/errors';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { _setResultUnlessCancelled, Future, isFuture, repr } from '#course/futures';
import {
  _getRunningLoop,
  _setDefaultTaskFactory,
  type CreateTaskOptions,
  type EventLoop,
  type EventLoopOptions,
  getRunningLoop,
  newEventLoop,
} from '#course/loop';

/**
 * A coroutine: a generator that yields the futures it waits for (through `yield* future`), or
 * nothing (a bare `yield`) to let the loop run one iteration, and returns its result. Python's
 * `async def f() -> T` is `function* f(): Coroutine<T>`.
 *
 * @typeParam T - What the coroutine returns.
 */
export type Coroutine<T> = Generator<Future<unknown> | undefined, T, unknown>;

/** What can be awaited with `yield*`, run by `runUntilComplete`, or given to `ensureFuture`. */
export type Awaitable<T> = Future<T> | Coroutine<T>;

/** Options of the {@link Task} constructor. */
export interface TaskOptions {
  /** The loop to run on; by default the running loop. */
  loop?: EventLoop | null;
  /** The task's name; by default `Task-<n>`, from a process-wide counter. */
  name?: string | null;
}

/** Options of {@link run}: the clock of the new loop. */
export type RunOptions = EventLoopOptions;

/**
 * How long `run()` lets the default executor's workers finish, in seconds: asyncio's
 * `constants.THREAD_JOIN_TIMEOUT`. Given.
 */
const THREAD_JOIN_TIMEOUT = 300;

/** The method lesson 06 adds to the loop, which `run()` calls when the loop has it. Given. */
interface ExecutorShutdown {
  shutdownDefaultExecutor(timeout?: number | null): Coroutine<void>;
}

/**
 * Marks a step that resumes the coroutine with a plain `next()`: asyncio's `exc=None`.
 * JavaScript can throw anything, even `undefined`, so no ordinary value can mean "no error".
 */
const NO_EXCEPTION: unique symbol = Symbol('no exception');

/** The process-wide counter behind the default names `Task-1`, `Task-2`, ... */
const taskCounter = 0;

/**
 * Returns true for a generator object: anything with `next`, `throw` and `return` (asyncio's
 * `iscoroutine`, for this course's coroutines). Given.
 */
export function isCoroutine(value: unknown): value is Coroutine<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const gen = value as Partial<Coroutine<unknown>>;
  return (
    typeof gen.next === 'function' &&
    typeof gen.throw === 'function' &&
    typeof gen.return === 'function'
  );
}

// ---------------------------------------------------------------------------------------------
// Which tasks exist, and which one is running (asyncio's `_scheduled_tasks`, `_current_tasks`).
// ---------------------------------------------------------------------------------------------

/** The tasks of each loop that are not done yet. */
const tasksByLoop = new WeakMap<EventLoop, Set<Task<unknown>>>();
/** The task whose step is running, for each loop that is running one. */
const currentTasks = new WeakMap<EventLoop, Task<unknown>>();

/** Adds a new task to its loop's tasks (asyncio's `_register_task`). Given: call it. */
function registerTask(task: Task<unknown>): void {
  const loop = task.getLoop();
  let tasks = tasksByLoop.get(loop);
  if (tasks === undefined) {
    tasks = new Set();
    tasksByLoop.set(loop, tasks);
  }
  tasks.add(task);
}

/** Removes a finished task from its loop's tasks (asyncio's `_unregister_task`). Given. */
function unregisterTask(task: Task<unknown>): void {
  tasksByLoop.get(task.getLoop())?.delete(task);
}

/**
 * Makes `task` the current task of `loop` for one step (asyncio's `_enter_task`): record it in
 * `currentTasks`.
 *
 * @throws RuntimeError when another task is current (two steps never overlap), with the message
 *   `` `Cannot enter into task ${task} while another task ${current} is being executed.` ``.
 */
function enterTask(loop: EventLoop, task: Task<unknown>): void {
  throw new Error(`TODO(04.6): make ${task} the current task of ${loop}`);
}

/**
 * Ends the step of `task`, the current task of `loop` (asyncio's `_leave_task`): remove it from
 * `currentTasks`.
 *
 * @throws RuntimeError when `task` is not the current task, with the message
 *   `` `Leaving task ${task} does not match the current task ${current ?? 'None'}.` ``.
 */
function leaveTask(loop: EventLoop, task: Task<unknown>): void {
  throw new Error(`TODO(04.6): end the step of ${task}, the current task of ${loop}`);
}

// ---------------------------------------------------------------------------------------------
// The task.
// ---------------------------------------------------------------------------------------------

/**
 * A coroutine wrapped in a future (asyncio's `Task`). At any time the task is in one of three
 * states: waiting (`_futWaiter` is a pending future with the task's `_wakeup` among its done
 * callbacks), scheduled (a `_step` is queued on the loop), or running (inside `_step`).
 *
 * @typeParam T - What the coroutine returns.
 */
export class Task<T = unknown> extends Future<T> {
  /** The loop the task runs on. */
  declare _loop: EventLoop;
  /** The coroutine this task drives. */
  _coro: Coroutine<T>;
  /** The task's name. */
  _name: string;
  /** How many cancellations were requested and not withdrawn (`cancelling()`). */
  _numCancelsRequested = 0;
  /** A cancellation to deliver at the next step, because no future was there to carry it. */
  _mustCancel = false;
  /** The future the coroutine waits for, while the task is waiting. */
  _futWaiter: Future<unknown> | null = null;

  /**
   * Wraps `coro` and schedules its first step: the body does not start now, but in the next
   * iteration of the loop. After `super(...)` (given: it takes the loop of the options, or the
   * running loop):
   *
   * 1. check that `coro` is a coroutine (`isCoroutine`), or throw
   *    ``new TypeError(`a coroutine was expected, got ${repr(coro)}`)``;
   * 2. keep it in `_coro`, and the name in `_name`: `String(options.name)` when one is given
   *    (not `null` or `undefined`), otherwise `Task-<n>`, with `n` the next value of
   *    `taskCounter` (a task given a name uses up no number);
   * 3. schedule the first step: `this._loop.callSoon(this._step.bind(this), NO_EXCEPTION)`;
   * 4. register the task with its loop: `registerTask(this)`.
   *
   * @param coro - The coroutine (a generator object) to drive.
   * @param options - `{ loop, name }`.
   * @throws TypeError('a coroutine was expected, got ...') for anything but a generator.
   */
  constructor(coro: Coroutine<T>, options?: TaskOptions) {
    super({ loop: options?.loop ?? null });
    throw new Error('TODO(04.1): check the coroutine, name the task, schedule its first step');
  }

  /** Returns the loop the task runs on. */
  override getLoop(): EventLoop {
    return this._loop;
  }

  /** Returns the coroutine the task drives. */
  getCoro(): Coroutine<T> {
    throw new Error('TODO(04.1): return the coroutine');
  }

  /** Returns the task's name. */
  getName(): string {
    throw new Error('TODO(04.1): return the name');
  }

  /** Sets the task's name; any value becomes a string, as Python's `str()` makes it one. */
  setName(value: unknown): void {
    throw new Error(`TODO(04.1): rename the task ${repr(String(value))}`);
  }

  /**
   * @throws RuntimeError('Task does not support set_result operation'): a task's result comes
   *   from its coroutine. (The task itself finishes with `super.setResult(...)`, Future's.)
   */
  override setResult(_result: T): never {
    throw new Error('TODO(04.1): refuse: a task does not support set_result');
  }

  /**
   * @throws RuntimeError('Task does not support set_exception operation'): a task's error comes
   *   from its coroutine.
   */
  override setException(_exception: unknown): never {
    throw new Error('TODO(04.1): refuse: a task does not support set_exception');
  }

  /**
   * Requests cancellation. The future the task waits for is cancelled now, and its done callback
   * makes the coroutine get a `CancelledError` at its `yield*`, in a later step. With no future
   * to cancel, `_mustCancel` makes the next step throw the error in. The coroutine may catch it:
   * the task is `cancelled()` only once its coroutine ends with a `CancelledError`.
   *
   * A done task returns false. Otherwise count the request (`_numCancelsRequested`); if
   * `_futWaiter` is set and its `cancel(msg)` returns true, return true (leave `_futWaiter` set);
   * otherwise set `_mustCancel` and `_cancelMessage` (`msg ?? null`), and return true. Never
   * throw into the coroutine here, and never make the task itself cancelled here.
   *
   * @param msg - The message of the `CancelledError`.
   * @returns false if the task is done; true otherwise, each call counting in `cancelling()`.
   */
  override cancel(msg?: string | null): boolean {
    throw new Error(`TODO(04.4): cancel the task (message ${repr(msg)})`);
  }

  /** Returns how many cancellations were requested and not withdrawn with `uncancel()`. */
  cancelling(): number {
    throw new Error('TODO(04.5): return the number of cancellation requests');
  }

  /**
   * Withdraws one cancellation request. Reaching 0 also withdraws a cancellation that has not
   * been delivered yet (Python 3.13).
   *
   * @returns The number of requests that remain.
   */
  uncancel(): number {
    throw new Error('TODO(04.5): withdraw one cancellation request');
  }

  /**
   * asyncio's repr of a task: `<Task pending name='Task-1' wait_for=<Future pending ...>>`,
   * `cancelling` instead of `pending` once a cancellation was requested. Given.
   */
  override _reprInfo(): string[] {
    const info = super._reprInfo();
    if (this._numCancelsRequested > 0 && !this.done()) info[0] = 'cancelling';
    info.splice(1, 0, `name=${repr(this._name)}`);
    if (this._futWaiter !== null) info.splice(2, 0, `wait_for=${this._futWaiter}`);
    return info;
  }

  /**
   * One step (asyncio's `__step`): resumes the coroutine, with `next()` or, when `exc` is an
   * error, with `throw(exc)`, up to its next `yield`; then handles what it yielded, or finishes
   * the task if the coroutine ended. The task is the loop's current task meanwhile.
   *
   * - 04.1: if the task is done, throw
   *   ``new InvalidStateError(`_step(): already done: ${this}, ${repr(exc)}`)``; set
   *   `_futWaiter` to `null`; then `this._stepRunAndHandleResult(exc)`.
   * - 04.4: before that, if `_mustCancel` is set, clear it and, unless `exc` already is a
   *   `CancelledError`, replace `exc` with `this._makeCancelledError()`.
   * - 04.6: around `_stepRunAndHandleResult`, `enterTask(this._loop, this)` before, and
   *   `leaveTask(this._loop, this)` after, in a `finally`, so that it runs even on an error.
   *
   * @param exc - The error to throw into the coroutine, or `NO_EXCEPTION`.
   * @throws InvalidStateError if the task is already done.
   */
  _step(exc: unknown): void {
    throw new Error(`TODO(04.1): run one step of ${this}`);
  }

  /**
   * Resumes the coroutine (asyncio's `__step_run_and_handle_result`). When it ends, the task
   * finishes with its result, its error, or cancelled; otherwise `_handleYield` deals with what
   * it yielded.
   *
   * - 04.1: resume the coroutine, `this._coro.next()` when `exc` is `NO_EXCEPTION`, otherwise
   *   `this._coro.throw(exc)`. If that throws, the task finishes with the error:
   *   `super.setException(error)` (Future's: `this.setException` refuses). If the coroutine
   *   returned (`done`), `super.setResult(value)`. Either way, then `unregisterTask(this)`. If it
   *   yielded, `this._handleYield(value)`.
   * - 04.4: a `CancelledError` thrown out of the coroutine makes the task cancelled instead: keep
   *   it in `this._cancelledExc` (so that `result()` throws that very error), then
   *   `super.cancel()`.
   * - 04.5: a coroutine that returned while `_mustCancel` is set (it cancelled itself, then
   *   returned without awaiting) ends cancelled: clear `_mustCancel` and
   *   `super.cancel(this._cancelMessage)` instead of `super.setResult(value)`.
   */
  _stepRunAndHandleResult(exc: unknown): void {
    throw new Error(`TODO(04.1): resume the coroutine of ${this}, then finish or handle the yield`);
  }

  /**
   * Handles what the coroutine yielded: a future awaited with `yield*` parks the task on it; a
   * bare `yield` schedules the next step (one iteration); anything else is a mistake, thrown
   * back into the coroutine at its `yield` in the next step, as a `RuntimeError`.
   *
   * - 04.1: `undefined` or `null` (a bare `yield`): schedule the next step,
   *   `this._loop.callSoon(this._step.bind(this), NO_EXCEPTION)`.
   * - 04.2: a future (`isFuture(value)`) whose `_asyncioFutureBlocking` flag is true: accept it.
   *   Clear its flag, add `this._wakeup.bind(this)` to its done callbacks, keep it in
   *   `_futWaiter`.
   * - 04.3: the mistakes, each with `this._throwInLater(message)`. A future of another loop
   *   (`value.getLoop() !== this._loop`, checked first):
   *   `Task ${this} got Future ${value} attached to a different loop`; a future whose flag is
   *   false (`yield fut` without `*`): `yield was used instead of yield from in task ${this} with
   *   ${value}`; the task itself: `Task cannot await on itself: ${this}`; a generator
   *   (`isCoroutine(value)`): `yield was used instead of yield from for generator in task
   *   ${this} with ${repr(value)}`; anything else: `Task got bad yield: ${repr(value)}`.
   * - 04.5: after accepting a future, if `_mustCancel` is set (the task cancelled itself during
   *   this step), cancel the future with `_cancelMessage` at once, and clear `_mustCancel` if
   *   that worked.
   */
  _handleYield(value: unknown): void {
    throw new Error(`TODO(04.1): handle what the coroutine yielded: ${repr(value)}`);
  }

  /**
   * Schedules a step that throws `RuntimeError(message)` into the coroutine at its `yield`:
   * `this._loop.callSoon(this._step.bind(this), new RuntimeError(message))`. Not now: in the
   * next iteration, like any other step.
   */
  _throwInLater(message: string): void {
    throw new Error(`TODO(04.3): throw RuntimeError(${repr(message)}) in, at the next step`);
  }

  /**
   * The done callback of the awaited future (asyncio's `__wakeup`): steps at once, with no extra
   * iteration. The result is not sent in: the future's iterator reads it when it resumes; an
   * error is thrown in. Call `future.result()`: if it throws, `this._step(error)`, otherwise
   * `this._step(NO_EXCEPTION)`. Call `_step` directly, not through `callSoon`.
   */
  _wakeup(future: Future<unknown>): void {
    throw new Error(`TODO(04.2): wake up: ${future} is done`);
  }
}

// Lesson 03's hook: from now on, `loop.createTask(coro)` and `loop.runUntilComplete(coro)` wrap
// the coroutine in a Task, as asyncio's default task factory does. Given.
_setDefaultTaskFactory(
  <T>(loop: EventLoop, coro: Generator<unknown, T, unknown>, options?: CreateTaskOptions) =>
    new Task(coro as Coroutine<T>, { loop, name: options?.name }),
);

// ---------------------------------------------------------------------------------------------
// The functions around tasks.
// ---------------------------------------------------------------------------------------------

/**
 * Wraps `coro` in a task on the running loop: `getRunningLoop().createTask(coro, options)`,
 * which goes through the factory above (cast its `Future<T>` to the `Task<T>` it is). It starts
 * in the next iteration.
 *
 * @throws RuntimeError('no running event loop') outside a loop.
 */
export function createTask<T>(coro: Coroutine<T>, options?: { name?: string | null }): Task<T> {
  throw new Error(`TODO(04.1): create the task on the loop of ${getRunningLoop.name}()`);
}

/**
 * Returns the task whose step is running on `loop` (the running loop by default,
 * `getRunningLoop()`), or `null` outside a task: in a plain callback, or between steps. Look it
 * up in `currentTasks`.
 *
 * @throws RuntimeError('no running event loop') without a loop, outside one.
 */
export function currentTask(loop?: EventLoop | null): Task<unknown> | null {
  throw new Error(`TODO(04.6): return the current task of ${loop ?? 'the running loop'}`);
}

/**
 * Returns the tasks of `loop` (the running loop by default) that are not done yet: a new `Set`
 * of those in `tasksByLoop` whose `done()` is false.
 *
 * @throws RuntimeError('no running event loop') without a loop, outside one.
 */
export function allTasks(loop?: EventLoop | null): Set<Task<unknown>> {
  throw new Error(`TODO(04.6): return the tasks of ${loop ?? 'the running loop'} not done yet`);
}

/**
 * Suspends the calling task for `delay` seconds, then returns `result` (`null` by default, as
 * asyncio returns None). A delay of 0 or less is a bare `yield`: one iteration, no timer.
 *
 * Make it a generator function (`function*`), so that nothing happens until it is awaited. A
 * delay of 0 or less: `yield`, then return the result. Otherwise, on the running loop, create a
 * future and a timer, `loop.callLater(delay, _setResultUnlessCancelled, future, result)`; return
 * `yield* future`, and cancel the timer in a `finally`.
 *
 * @throws ValueError('Invalid delay: NaN (not a number)').
 */
export function sleep(delay: number): Coroutine<null>;
export function sleep<T>(delay: number, result: T): Coroutine<T>;
export function sleep<T>(delay: number, result: T | null = null): Coroutine<T | null> {
  throw new Error(`TODO(04.7): make sleep a generator that sleeps ${delay} s`);
}

/**
 * Returns a future for `aw`: a future as it is, a coroutine wrapped in a task on `loop` (the
 * running loop by default).
 *
 * A future (`isFuture`): return it, unless `loop` is given and is not the future's loop:
 * `ValueError('The future belongs to a different loop than the one specified as the loop
 * argument')`. A coroutine (`isCoroutine`): `createTask` on `loop ?? getRunningLoop()`; if that
 * throws a `RuntimeError`, close the coroutine (`aw.return(undefined as T)`), which will never
 * run, and throw the error on. Anything else:
 * `TypeError('An asyncio.Future, a coroutine or an awaitable is required')`.
 *
 * @throws ValueError when a future belongs to another loop than `loop`.
 * @throws TypeError for anything but a future or a coroutine.
 */
export function ensureFuture<T>(aw: Awaitable<T>, loop?: EventLoop | null): Future<T> {
  throw new Error('TODO(04.8): return the future, or wrap the coroutine in a task');
}

/**
 * Runs `main` on a new event loop and returns its result (asyncio's `asyncio.run`). Then it
 * cancels the tasks that are left and lets them finish, so that their `finally` blocks run,
 * reports their errors other than cancellation, and closes the loop.
 *
 * 1. A loop is running (`_getRunningLoop()` is not `null`): throw
 *    `RuntimeError('asyncio.run() cannot be called from a running event loop')`. Not a
 *    coroutine: ``ValueError(`a coroutine was expected, got ${repr(main)}`)``.
 * 2. Make a new loop, `newEventLoop(options)`, and return what
 *    `loop.runUntilComplete(new Task(main, { loop }))` gives (await it).
 * 3. In a `finally`, whatever `main` did: `await cancelAllTasks(loop)`; then, if the loop has a
 *    `shutdownDefaultExecutor` method (lesson 06 gives it executors), `await
 *    loop.runUntilComplete(loop.shutdownDefaultExecutor(THREAD_JOIN_TIMEOUT))`; then, in a
 *    `finally` again, `loop.close()`.
 *
 * @param main - The coroutine to run, for example `main()`.
 * @param options - `{ clock: 'virtual' }` to run on virtual time.
 * @throws RuntimeError when called while a loop is running.
 * @throws ValueError when `main` is not a coroutine.
 */
export async function run<T>(main: Coroutine<T>, options?: RunOptions): Promise<T> {
  throw new Error(
    `TODO(04.9): check ${_getRunningLoop.name}(), run main on a ${newEventLoop.name}(), clean up`,
  );
}

/**
 * asyncio's `runners._cancel_all_tasks`: cancels every task left on `loop`, runs the loop until
 * all of them are done, and reports those that ended with an error other than cancellation.
 *
 * Take `allTasks(loop)`; if there are none, return. Cancel each one, then
 * `await loop.runUntilComplete(whenAllDone(loop, tasks))`. Then, for each task that is not
 * `cancelled()` and whose `exception()` is not `null`, call `loop.callExceptionHandler` with
 * `{ message: 'unhandled exception during asyncio.run() shutdown', exception, task }`.
 */
async function cancelAllTasks(loop: EventLoop): Promise<void> {
  throw new Error(`TODO(04.9): cancel the tasks left on ${loop} and wait for them`);
}

/**
 * A future that is done once all `tasks` are: what `gather(*tasks, return_exceptions=True)`
 * does for asyncio's runner (gather arrives in lesson 05). Given.
 */
function whenAllDone(loop: EventLoop, tasks: Set<Task<unknown>>): Future<null> {
  const all = loop.createFuture<null>();
  let pending = tasks.size;
  for (const task of tasks) {
    task.addDoneCallback(() => {
      pending--;
      if (pending === 0) all.setResult(null);
    });
  }
  return all;
}
