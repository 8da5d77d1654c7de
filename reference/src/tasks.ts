/**
 * Tasks (asyncio's `tasks.py`): a task drives a coroutine (here, a generator) one step at a
 * time on its loop, parking it on each future it awaits and resuming it when the future is done.
 *
 * @module
 */

import { type Awaitable, type Coroutine, isCoroutine } from './coroutines.ts';
import { CancelledError, InvalidStateError, RuntimeError, ValueError } from './errors.ts';
import { type DoneCallback, Future, type FutureWaiter, isFuture } from './futures.ts';
import type { LiveTask } from './live-tasks.ts';
import type { EventLoop } from './loop.ts';
import type { Runnable } from './ready-queue.ts';
import { callbackRepr, nameCallback, repr } from './repr.ts';
import { getRunningLoop } from './running-loop.ts';

export { type Awaitable, type Coroutine, isCoroutine } from './coroutines.ts';
export { type RunOptions, run } from './runners.ts';
export { sleep } from './sleep.ts';

/** Options of the {@link Task} constructor and of `createTask`. */
export interface TaskOptions {
  /** The loop to run on; by default the running loop. */
  loop?: EventLoop | null;
  /** The task's name; by default `Task-<n>`, from a process-wide counter. */
  name?: string | null;
}

/** Marks a step that resumes the coroutine normally, since JavaScript can throw `undefined`. */
const NO_EXCEPTION: unique symbol = Symbol('no exception');

/** The process-wide counter behind the default names `Task-1`, `Task-2`, ... */
let taskCounter = 0;

/**
 * A coroutine wrapped in a future (asyncio's `Task`). The first step runs in the next loop
 * iteration. At any time the task is waiting for a future (`_futWaiter`, with the task's
 * wake-up among its callbacks), scheduled (a step is queued), or running (inside a step).
 *
 * @typeParam T - What the coroutine returns.
 */
export class Task<T = unknown> extends Future<T> implements Runnable, LiveTask, FutureWaiter {
  declare _loop: EventLoop;
  /** The coroutine this task drives; `null` once the task is done (see `_forget`). */
  _coro: Coroutine<T> | null;
  /** The name given, or `null` for the default `Task-<_number>`, built on demand. */
  _name: string | null;
  /** The counter value behind the default name. */
  _number: number;
  /** How many cancellations were requested and not withdrawn (`cancelling()`). */
  _numCancelsRequested = 0;
  /** A cancellation to deliver at the next step, as no future was there to cancel. */
  _mustCancel = false;
  /** The future the coroutine waits for, if any. */
  _futWaiter: Future<unknown> | null = null;
  /** The next entry of the loop's ready queue, while the task is queued as its own step. */
  _next: Runnable | null = null;
  /** The task before this one among the loop's live tasks (see LiveTasks). */
  _prevLive: LiveTask | null = null;
  /** The task after this one among the loop's live tasks. */
  _nextLive: LiveTask | null = null;

  /**
   * @param coro - The coroutine (a generator object) to drive.
   * @param options - `{ loop, name }`.
   * @throws TypeError('a coroutine was expected, got ...') for anything but a generator.
   */
  constructor(coro: Coroutine<T>, options?: TaskOptions) {
    super(options);
    if (!isCoroutine(coro)) throw new TypeError(`a coroutine was expected, got ${repr(coro)}`);
    this._coro = coro;
    // The default name is built on demand: most tasks are never asked for it.
    this._name = options?.name == null ? null : String(options.name);
    this._number = this._name === null ? ++taskCounter : 0;
    this._loop._checkClosed();
    this._loop._ready.push(this); // asyncio: loop.call_soon(self.__step); see _run().
    this._loop._tasks.add(this);
  }

  /** Returns the loop the task runs on. */
  override getLoop(): EventLoop {
    return this._loop;
  }

  /**
   * Returns the coroutine, or `null` once the task is done: a finished task lets go of it, as
   * asyncio's eagerly completed tasks do (`get_coro()` may return `None`).
   */
  getCoro(): Coroutine<T> | null {
    return this._coro;
  }

  /** Returns the name. */
  getName(): string {
    return this._name ?? `Task-${this._number}`;
  }

  /** Sets the name; any value is converted to a string, as Python's `str()` does. */
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
   * Requests cancellation: the coroutine gets a `CancelledError` at its next step, which it may
   * catch. The future the task waits for is cancelled at once; the task itself is only
   * `cancelled()` once its coroutine ends with the error.
   *
   * @param msg - The `CancelledError`'s message.
   * @returns false if the task is done, true otherwise (each call counts in `cancelling()`).
   */
  override cancel(msg?: string | null): boolean {
    if (this._state !== 'PENDING') return false;
    this._numCancelsRequested++;
    // The waiter is left set: it may be a task that ignores the request and must be asked again.
    if (this._futWaiter?.cancel(msg)) return true;
    // No future to cancel: the step is already queued, so it will deliver the error.
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
   * @returns The remaining count.
   */
  uncancel(): number {
    if (this._numCancelsRequested > 0) {
      this._numCancelsRequested--;
      if (this._numCancelsRequested === 0) this._mustCancel = false;
    }
    return this._numCancelsRequested;
  }

  /** asyncio's repr: `<Task pending name='Task-1' wait_for=<Future pending ...>>`. */
  override _reprInfo(): string[] {
    const info = super._reprInfo();
    if (this._numCancelsRequested > 0 && this._state === 'PENDING') info[0] = 'cancelling';
    info.splice(1, 0, `name=${repr(this.getName())}`);
    if (this._futWaiter !== null) info.splice(2, 0, `wait_for=${this._futWaiter}`);
    return info;
  }

  /**
   * Runs the next step, from the ready queue: a wake-up if the task is parked on a future that
   * is now done (see `_wakeUpSoon`), a plain step otherwise. A task has at most one step queued
   * at a time (the invariant above), so it can stand in the queue for that step itself, instead
   * of a new handle per step: no allocation per switch.
   */
  _run(): void {
    const waiter = this._futWaiter;
    try {
      if (waiter === null) this._step(NO_EXCEPTION);
      else this._wakeup(waiter);
    } catch (exc) {
      // Only a broken invariant lands here; report it as asyncio's Handle._run would.
      const callback = waiter === null ? stepTask : wakeupCallback(this);
      this._loop.callExceptionHandler({
        message: `Exception in callback ${callbackRepr(callback)}`,
        exception: exc,
        task: this,
      });
    }
  }

  /**
   * The future this task waits for is done: queue the wake-up, which `_run` performs (it finds
   * the future in `_futWaiter`). Called by the future in place of `callSoon(task_wakeup, fut)`,
   * and checked the same way.
   *
   * @throws RuntimeError('Event loop is closed').
   */
  _wakeUpSoon(): void {
    this._loop._checkClosed();
    this._loop._ready.push(this);
  }

  /**
   * Runs the coroutine up to its next `yield` (asyncio's `__step`), throwing `exc` into it
   * unless it is `NO_EXCEPTION`.
   */
  _step(exc: unknown): void {
    if (this._state !== 'PENDING') {
      throw new InvalidStateError(`_step(): already done: ${this}, ${repr(exc)}`);
    }
    if (this._mustCancel) {
      // A cancellation was requested while no future could carry it: deliver it now.
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

  /** Resumes the coroutine, then finishes the task or handles what the coroutine yielded. */
  _stepRunAndHandleResult(exc: unknown): void {
    const coro = this._coro as Coroutine<T>; // Not null: a done task never steps.
    let yielded: IteratorResult<unknown, T>;
    try {
      yielded = exc === NO_EXCEPTION ? coro.next() : coro.throw(exc);
    } catch (error) {
      if (error instanceof CancelledError) {
        // Keep the coroutine's own error, to be raised (once) by result().
        this._cancelledExc = error;
        super.cancel();
      } else {
        super.setException(error);
      }
      this._forget();
      return;
    }
    if (!yielded.done) {
      this._handleYield(yielded.value);
      return;
    }
    if (this._mustCancel) {
      // The task cancelled itself and then returned: it ends cancelled, as in asyncio.
      this._mustCancel = false;
      super.cancel(this._cancelMessage);
    } else {
      super.setResult(yielded.value);
    }
    this._forget();
  }

  /**
   * Once done, the task leaves the loop's live tasks and lets go of its finished coroutine: a
   * task that is kept for its result then no longer keeps a generator's frame alive (which made
   * spawning many tasks half as fast, through garbage collection).
   */
  _forget(): void {
    this._loop._tasks.delete(this);
    this._coro = null;
  }

  /** What the coroutine yielded: a future to wait for, a bare yield, or a mistake. */
  _handleYield(value: unknown): void {
    if (isFuture(value)) {
      this._waitFor(value);
    } else if (value == null) {
      // A bare yield gives up control for exactly one iteration.
      this._loop._ready.push(this);
    } else if (isCoroutine(value)) {
      this._throwLater(
        `yield was used instead of yield from for generator in task ${this} with ${repr(value)}`,
      );
    } else {
      this._throwLater(`Task got bad yield: ${repr(value)}`);
    }
  }

  /** Parks the task on a yielded future, after checking that it was awaited properly. */
  _waitFor(future: Future<unknown>): void {
    if (futureLoop(future) !== this._loop) {
      this._throwLater(`Task ${this} got Future ${future} attached to a different loop`);
    } else if (!future._asyncioFutureBlocking) {
      // `yield future` instead of `yield* future`: the iterator never flagged it.
      this._throwLater(`yield was used instead of yield from in task ${this} with ${future}`);
    } else if (future === this) {
      this._throwLater(`Task cannot await on itself: ${this}`);
    } else {
      future._asyncioFutureBlocking = false;
      // Our own futures keep the task itself (see FutureWaiter); a future-like object of
      // another class (isFuture is duck-typed) gets a wake-up callback, as in asyncio.
      if (future instanceof Future) future._addWaiter(this);
      else (future as Future<unknown>).addDoneCallback(wakeupCallback(this));
      this._futWaiter = future;
      // A cancel() that came during this step goes to the new waiter at once.
      if (this._mustCancel && future.cancel(this._cancelMessage)) this._mustCancel = false;
    }
  }

  /** Throws a RuntimeError into the coroutine at its `yield`, in the next iteration. */
  _throwLater(message: string): void {
    this._loop.callSoon(stepTask, this, new RuntimeError(message));
  }

  /**
   * The awaited future is done: step right away (no extra iteration). The result is not sent
   * in: the future's iterator reads it itself when it resumes.
   */
  _wakeup(future: Future<unknown>): void {
    try {
      future.result();
    } catch (exc) {
      this._step(exc);
      return;
    }
    this._step(NO_EXCEPTION);
  }
}

/**
 * Makes a task's wake-up callback, for a future-like object that is not a `Future` (asyncio's
 * futures are duck-typed). It stays anonymous on purpose: naming a closure makes tsx and vite
 * add a `name` property to each one, which more than doubles its size.
 */
function wakeupCallback(task: Task<unknown>): DoneCallback {
  return (future: Future<unknown>) => task._wakeup(future);
}
nameCallback(wakeupCallback(undefined as never), 'Task.task_wakeup');

/** The callback behind every queued step, so that no closure is made per step. */
function stepTask(task: Task<unknown>, exc: unknown): void {
  task._step(exc);
}
nameCallback(stepTask, 'TaskStepMethWrapper');

/** Makes `task` the loop's current task for one step (asyncio's `_enter_task`). */
function enterTask(loop: EventLoop, task: Task<unknown>): void {
  const current = loop._currentTask;
  if (current !== null) {
    throw new RuntimeError(
      `Cannot enter into task ${task} while another task ${current} is being executed.`,
    );
  }
  loop._currentTask = task;
}

/** Ends the step of the loop's current task (asyncio's `_leave_task`). */
function leaveTask(loop: EventLoop, task: Task<unknown>): void {
  const current = loop._currentTask;
  if (current !== task) {
    throw new RuntimeError(`Leaving task ${task} does not match the current task ${current}.`);
  }
  loop._currentTask = null;
}

/** The loop of a future, duck-typed as asyncio's `futures._get_loop`. */
function futureLoop(future: Future<unknown>): unknown {
  return typeof future.getLoop === 'function' ? future.getLoop() : future._loop;
}

/**
 * Wraps `coro` in a task on the running loop; it starts in the next iteration.
 *
 * @throws RuntimeError('no running event loop') outside a loop.
 */
export function createTask<T>(coro: Coroutine<T>, options?: { name?: string | null }): Task<T> {
  return getRunningLoop().createTask(coro, options);
}

/**
 * Returns the task whose step is running on `loop` (the running loop by default), or `null`
 * outside a task: in a plain callback, or between steps.
 */
export function currentTask(loop?: EventLoop | null): Task<unknown> | null {
  return (loop ?? getRunningLoop())._currentTask;
}

/** Returns the tasks of `loop` (the running loop by default) that are not done yet. */
export function allTasks(loop?: EventLoop | null): Set<Task<unknown>> {
  return new Set((loop ?? getRunningLoop())._tasks);
}

/**
 * Returns a future for `aw`: a future as it is, a coroutine wrapped in a task.
 *
 * @throws ValueError when a future belongs to another loop than `loop`.
 * @throws TypeError for anything else.
 */
export function ensureFuture<T>(aw: Awaitable<T>, loop?: EventLoop | null): Future<T> {
  if (isFuture(aw)) {
    if (loop != null && loop !== futureLoop(aw)) {
      throw new ValueError(
        'The future belongs to a different loop than the one specified as the loop argument',
      );
    }
    return aw;
  }
  if (!isCoroutine(aw)) {
    throw new TypeError('An asyncio.Future, a coroutine or an awaitable is required');
  }
  const target = loop ?? getRunningLoop();
  try {
    return target.createTask(aw);
  } catch (error) {
    // Close the coroutine that will never run, as asyncio does.
    if (error instanceof RuntimeError) aw.return(undefined as T);
    throw error;
  }
}
