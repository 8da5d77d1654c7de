/**
 * Lesson 04: tasks, asyncio's `Task` (`Lib/asyncio/tasks.py`) and `asyncio.run`
 * (`Lib/asyncio/runners.py`). A task drives a coroutine (a generator) on its loop, one step at a
 * time: each step resumes the coroutine up to its next `yield`; a yielded future parks the task
 * until the future is done, a bare `yield` gives up one iteration of the loop, and anything else
 * is a mistake, thrown back into the coroutine. A task is itself a future: it finishes with what
 * its coroutine returns or throws.
 */

import { CancelledError, InvalidStateError, RuntimeError, ValueError } from '#course/errors';
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
 * `constants.THREAD_JOIN_TIMEOUT`.
 */
const THREAD_JOIN_TIMEOUT = 300;

/** The method lesson 06 adds to the loop, which `run()` calls when the loop has it. */
interface ExecutorShutdown {
  shutdownDefaultExecutor(timeout?: number | null): Coroutine<void>;
}

/**
 * Marks a step that resumes the coroutine with a plain `next()`: asyncio's `exc=None`.
 * JavaScript can throw anything, even `undefined`, so no ordinary value can mean "no error".
 */
const NO_EXCEPTION: unique symbol = Symbol('no exception');

/** The process-wide counter behind the default names `Task-1`, `Task-2`, ... */
let taskCounter = 0;

/**
 * Returns true for a generator object: anything with `next`, `throw` and `return` (asyncio's
 * `iscoroutine`, for this course's coroutines).
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

/** Adds a new task to its loop's tasks (asyncio's `_register_task`). */
function registerTask(task: Task<unknown>): void {
  const loop = task.getLoop();
  let tasks = tasksByLoop.get(loop);
  if (tasks === undefined) {
    tasks = new Set();
    tasksByLoop.set(loop, tasks);
  }
  tasks.add(task);
}

/** Removes a finished task from its loop's tasks (asyncio's `_unregister_task`). */
function unregisterTask(task: Task<unknown>): void {
  tasksByLoop.get(task.getLoop())?.delete(task);
}

/**
 * Makes `task` the current task of `loop` for one step (asyncio's `_enter_task`).
 *
 * @throws RuntimeError when another task is current: two steps never overlap.
 */
function enterTask(loop: EventLoop, task: Task<unknown>): void {
  const current = currentTasks.get(loop);
  if (current !== undefined) {
    throw new RuntimeError(
      `Cannot enter into task ${task} while another task ${current} is being executed.`,
    );
  }
  currentTasks.set(loop, task);
}

/**
 * Ends the step of `task`, the current task of `loop` (asyncio's `_leave_task`).
 *
 * @throws RuntimeError when `task` is not the current task.
 */
function leaveTask(loop: EventLoop, task: Task<unknown>): void {
  const current = currentTasks.get(loop);
  if (current !== task) {
    throw new RuntimeError(
      `Leaving task ${task} does not match the current task ${current ?? 'None'}.`,
    );
  }
  currentTasks.delete(loop);
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
   * iteration of the loop.
   *
   * @param coro - The coroutine (a generator object) to drive.
   * @param options - `{ loop, name }`.
   * @throws TypeError('a coroutine was expected, got ...') for anything but a generator.
   */
  constructor(coro: Coroutine<T>, options?: TaskOptions) {
    super({ loop: options?.loop ?? null });
    if (!isCoroutine(coro)) throw new TypeError(`a coroutine was expected, got ${repr(coro)}`);
    this._coro = coro;
    this._name = options?.name == null ? `Task-${++taskCounter}` : String(options.name);
    this._loop.callSoon(this._step.bind(this), NO_EXCEPTION);
    registerTask(this);
  }

  /** Returns the loop the task runs on. */
  override getLoop(): EventLoop {
    return this._loop;
  }

  /** Returns the coroutine the task drives. */
  getCoro(): Coroutine<T> {
    return this._coro;
  }

  /** Returns the task's name. */
  getName(): string {
    return this._name;
  }

  /** Sets the task's name; any value becomes a string, as Python's `str()` makes it one. */
  setName(value: unknown): void {
    this._name = String(value);
  }

  /** @throws RuntimeError: a task's result comes from its coroutine. */
  override setResult(_result: T): never {
    throw new RuntimeError('Task does not support set_result operation');
  }

  /** @throws RuntimeError: a task's error comes from its coroutine. */
  override setException(_exception: unknown): never {
    throw new RuntimeError('Task does not support set_exception operation');
  }

  /**
   * Requests cancellation. The future the task waits for is cancelled now, and its done callback
   * makes the coroutine get a `CancelledError` at its `yield*`, in a later step. With no future
   * to cancel, `_mustCancel` makes the next step throw the error in. The coroutine may catch it:
   * the task is `cancelled()` only once its coroutine ends with a `CancelledError`.
   *
   * @param msg - The message of the `CancelledError`.
   * @returns false if the task is done; true otherwise, each call counting in `cancelling()`.
   */
  override cancel(msg?: string | null): boolean {
    if (this.done()) return false;
    this._numCancelsRequested++;
    // The waiter stays set: it may be a task that ignores the request, to be asked again.
    if (this._futWaiter?.cancel(msg)) return true;
    this._mustCancel = true;
    this._cancelMessage = msg ?? null;
    return true;
  }

  /** Returns how many cancellations were requested and not withdrawn with `uncancel()`. */
  cancelling(): number {
    return this._numCancelsRequested;
  }

  /**
   * Withdraws one cancellation request. Reaching 0 also withdraws a cancellation that has not
   * been delivered yet (Python 3.13).
   *
   * @returns The number of requests that remain.
   */
  uncancel(): number {
    if (this._numCancelsRequested > 0) {
      this._numCancelsRequested--;
      if (this._numCancelsRequested === 0) this._mustCancel = false;
    }
    return this._numCancelsRequested;
  }

  /**
   * asyncio's repr of a task: `<Task pending name='Task-1' wait_for=<Future pending ...>>`,
   * `cancelling` instead of `pending` once a cancellation was requested.
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
   * @param exc - The error to throw into the coroutine, or `NO_EXCEPTION`.
   * @throws InvalidStateError if the task is already done.
   */
  _step(exc: unknown): void {
    if (this.done()) {
      throw new InvalidStateError(`_step(): already done: ${this}, ${repr(exc)}`);
    }
    if (this._mustCancel) {
      // A cancellation that no future could carry is delivered now.
      if (!(exc instanceof CancelledError)) exc = this._makeCancelledError();
      this._mustCancel = false;
    }
    this._futWaiter = null;
    enterTask(this._loop, this);
    try {
      this._stepRunAndHandleResult(exc);
    } finally {
      leaveTask(this._loop, this);
    }
  }

  /**
   * Resumes the coroutine (asyncio's `__step_run_and_handle_result`). When it ends, the task
   * finishes with its result, its error, or cancelled; otherwise `_handleYield` deals with what
   * it yielded.
   */
  _stepRunAndHandleResult(exc: unknown): void {
    let step: IteratorResult<Future<unknown> | undefined, T>;
    try {
      step = exc === NO_EXCEPTION ? this._coro.next() : this._coro.throw(exc);
    } catch (error) {
      if (error instanceof CancelledError) {
        // Keep the coroutine's own error: result() throws it (once).
        this._cancelledExc = error;
        super.cancel();
      } else {
        super.setException(error);
      }
      unregisterTask(this);
      return;
    }
    if (!step.done) {
      this._handleYield(step.value);
      return;
    }
    if (this._mustCancel) {
      // The task was cancelled while it ran, and returned without awaiting: it ends cancelled.
      this._mustCancel = false;
      super.cancel(this._cancelMessage);
    } else {
      super.setResult(step.value);
    }
    unregisterTask(this);
  }

  /**
   * Handles what the coroutine yielded: a future awaited with `yield*` parks the task on it; a
   * bare `yield` schedules the next step (one iteration); anything else is a mistake, thrown
   * back into the coroutine at its `yield` in the next step, as a `RuntimeError`.
   */
  _handleYield(value: unknown): void {
    if (isFuture(value)) {
      if (value.getLoop() !== this._loop) {
        this._throwInLater(`Task ${this} got Future ${value} attached to a different loop`);
      } else if (!value._asyncioFutureBlocking) {
        this._throwInLater(`yield was used instead of yield from in task ${this} with ${value}`);
      } else if (value === this) {
        this._throwInLater(`Task cannot await on itself: ${this}`);
      } else {
        value._asyncioFutureBlocking = false;
        value.addDoneCallback(this._wakeup.bind(this));
        this._futWaiter = value;
        // A cancel() that came during this step goes to the new waiter at once.
        if (this._mustCancel && value.cancel(this._cancelMessage)) this._mustCancel = false;
      }
    } else if (value === undefined || value === null) {
      // A bare yield gives up control for exactly one iteration.
      this._loop.callSoon(this._step.bind(this), NO_EXCEPTION);
    } else if (isCoroutine(value)) {
      this._throwInLater(
        `yield was used instead of yield from for generator in task ${this} with ${repr(value)}`,
      );
    } else {
      this._throwInLater(`Task got bad yield: ${repr(value)}`);
    }
  }

  /** Schedules a step that throws `RuntimeError(message)` into the coroutine at its `yield`. */
  _throwInLater(message: string): void {
    this._loop.callSoon(this._step.bind(this), new RuntimeError(message));
  }

  /**
   * The done callback of the awaited future (asyncio's `__wakeup`): steps at once, with no extra
   * iteration. The result is not sent in: the future's iterator reads it when it resumes; an
   * error is thrown in.
   */
  _wakeup(future: Future<unknown>): void {
    try {
      future.result();
    } catch (error) {
      this._step(error);
      return;
    }
    this._step(NO_EXCEPTION);
  }
}

// Lesson 03's hook: from now on, `loop.createTask(coro)` and `loop.runUntilComplete(coro)` wrap
// the coroutine in a Task, as asyncio's default task factory does.
_setDefaultTaskFactory(
  <T>(loop: EventLoop, coro: Generator<unknown, T, unknown>, options?: CreateTaskOptions) =>
    new Task(coro as Coroutine<T>, { loop, name: options?.name }),
);

// ---------------------------------------------------------------------------------------------
// The functions around tasks.
// ---------------------------------------------------------------------------------------------

/**
 * Wraps `coro` in a task on the running loop (`loop.createTask`); it starts in the next
 * iteration.
 *
 * @throws RuntimeError('no running event loop') outside a loop.
 */
export function createTask<T>(coro: Coroutine<T>, options?: { name?: string | null }): Task<T> {
  return getRunningLoop().createTask(coro, options) as Task<T>;
}

/**
 * Returns the task whose step is running on `loop` (the running loop by default), or `null`
 * outside a task: in a plain callback, or between steps.
 *
 * @throws RuntimeError('no running event loop') without a loop, outside one.
 */
export function currentTask(loop?: EventLoop | null): Task<unknown> | null {
  return currentTasks.get(loop ?? getRunningLoop()) ?? null;
}

/**
 * Returns the tasks of `loop` (the running loop by default) that are not done yet.
 *
 * @throws RuntimeError('no running event loop') without a loop, outside one.
 */
export function allTasks(loop?: EventLoop | null): Set<Task<unknown>> {
  const tasks = tasksByLoop.get(loop ?? getRunningLoop()) ?? [];
  return new Set([...tasks].filter((task) => !task.done()));
}

/**
 * Suspends the calling task for `delay` seconds, then returns `result` (`null` by default, as
 * asyncio returns None). A delay of 0 or less is a bare `yield`: one iteration, no timer.
 *
 * @throws ValueError('Invalid delay: NaN (not a number)').
 */
export function sleep(delay: number): Coroutine<null>;
export function sleep<T>(delay: number, result: T): Coroutine<T>;
export function* sleep<T>(delay: number, result: T | null = null): Coroutine<T | null> {
  if (delay <= 0) {
    yield;
    return result;
  }
  if (Number.isNaN(delay)) throw new ValueError('Invalid delay: NaN (not a number)');
  const loop = getRunningLoop();
  const future = loop.createFuture<T | null>();
  const timer = loop.callLater(delay, _setResultUnlessCancelled, future, result);
  try {
    return yield* future;
  } finally {
    // A sleep that ends early (cancelled) must not leave its timer behind.
    timer.cancel();
  }
}

/**
 * Returns a future for `aw`: a future as it is, a coroutine wrapped in a task on `loop` (the
 * running loop by default).
 *
 * @throws ValueError when a future belongs to another loop than `loop`.
 * @throws TypeError for anything but a future or a coroutine.
 */
export function ensureFuture<T>(aw: Awaitable<T>, loop?: EventLoop | null): Future<T> {
  if (isFuture(aw)) {
    if (loop != null && loop !== aw.getLoop()) {
      throw new ValueError(
        'The future belongs to a different loop than the one specified as the loop argument',
      );
    }
    return aw as Future<T>;
  }
  if (!isCoroutine(aw)) {
    throw new TypeError('An asyncio.Future, a coroutine or an awaitable is required');
  }
  const target = loop ?? getRunningLoop();
  try {
    return target.createTask(aw);
  } catch (error) {
    // The coroutine will never run: close it, as asyncio does.
    if (error instanceof RuntimeError) aw.return(undefined as T);
    throw error;
  }
}

/**
 * Runs `main` on a new event loop and returns its result (asyncio's `asyncio.run`). Then it
 * cancels the tasks that are left and lets them finish, so that their `finally` blocks run,
 * reports their errors other than cancellation, and closes the loop.
 *
 * @param main - The coroutine to run, for example `main()`.
 * @param options - `{ clock: 'virtual' }` to run on virtual time.
 * @throws RuntimeError when called while a loop is running.
 * @throws ValueError when `main` is not a coroutine.
 */
export async function run<T>(main: Coroutine<T>, options?: RunOptions): Promise<T> {
  if (_getRunningLoop() !== null) {
    throw new RuntimeError('asyncio.run() cannot be called from a running event loop');
  }
  if (!isCoroutine(main)) throw new ValueError(`a coroutine was expected, got ${repr(main)}`);
  const loop = newEventLoop(options);
  try {
    return await loop.runUntilComplete(new Task(main, { loop }));
  } finally {
    try {
      await cancelAllTasks(loop);
      // asyncio's runner then shuts the default executor down. The loop has executors once
      // lesson 06 gives it some; until then there is nothing to shut down.
      const withExecutors = loop as EventLoop & Partial<ExecutorShutdown>;
      if (withExecutors.shutdownDefaultExecutor) {
        await loop.runUntilComplete(withExecutors.shutdownDefaultExecutor(THREAD_JOIN_TIMEOUT));
      }
    } finally {
      loop.close();
    }
  }
}

/**
 * asyncio's `runners._cancel_all_tasks`: cancels every task left on `loop`, runs the loop until
 * all of them are done, and reports those that ended with an error other than cancellation.
 */
async function cancelAllTasks(loop: EventLoop): Promise<void> {
  const toCancel = allTasks(loop);
  if (toCancel.size === 0) return;
  for (const task of toCancel) task.cancel();
  await loop.runUntilComplete(whenAllDone(loop, toCancel));
  for (const task of toCancel) {
    if (task.cancelled()) continue;
    const exception = task.exception();
    if (exception !== null) {
      loop.callExceptionHandler({
        message: 'unhandled exception during asyncio.run() shutdown',
        exception,
        task,
      });
    }
  }
}

/**
 * A future that is done once all `tasks` are: what `gather(*tasks, return_exceptions=True)`
 * does for asyncio's runner (gather arrives in lesson 05).
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
