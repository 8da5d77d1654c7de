/**
 * Task groups (asyncio's `taskgroups.py`, Python 3.13): structured concurrency. A group's body
 * starts child tasks; leaving the group waits for all of them. The first child to fail cancels
 * its siblings and the body, and the group then throws every error it collected, together, in
 * an `ExceptionGroup`.
 *
 * Where CPython treats `KeyboardInterrupt` and `SystemExit` apart (re-raised bare instead of
 * grouped), the runtime has nothing to do: JavaScript has no such errors (a signal or
 * `process.exit` never surfaces as an exception inside a task). Python's `BaseExceptionGroup`
 * is the runtime's `ExceptionGroup` too: JavaScript has no `BaseException`, so any thrown value
 * can be a member. And `createTask` takes no `context`: JavaScript has no `contextvars`.
 *
 * @module
 */

import { asyncWith, errorOf, NO_ERROR } from './async-with.ts';
import { type Coroutine, isCoroutine } from './coroutines.ts';
import { CancelledError, ExceptionGroup, RuntimeError } from './errors.ts';
import type { DoneCallback, Future } from './futures.ts';
import type { EventLoop } from './loop.ts';
import { nameCallback } from './repr.ts';
import { getRunningLoop } from './running-loop.ts';
import { currentTask, type Task } from './tasks.ts';

/** Options of {@link TaskGroup.createTask}. */
export interface TaskGroupTaskOptions {
  /** The task's name; by default `Task-<n>`. */
  name?: string | null;
}

/**
 * A group of tasks that ends together (asyncio's `TaskGroup`): `enter()` it in a task, start
 * children with `createTask`, then `exit()`; or let {@link taskGroup} do both around a body.
 *
 * - `exit` waits for every child, including those started while it waits.
 * - A child that fails (with anything but `CancelledError`) aborts the group: the other
 *   children are cancelled, and so is the parent task, so that a body blocked in an await
 *   wakes up. A child that is cancelled is not an error.
 * - Once every child is done, `exit` throws an `ExceptionGroup` of the children's errors, the
 *   body's own error last; with no errors, a `CancelledError` if the parent task was cancelled
 *   from outside; otherwise nothing.
 */
export class TaskGroup {
  /** Set by `enter`: a group is entered at most once. */
  _entered = false;
  /** Set by `exit`: the body is over, and the group is waiting for its children. */
  _exiting = false;
  /** Set once the children were cancelled: no child may be added any more. */
  _aborting = false;
  /** The loop of the parent task. */
  _loop: EventLoop | null = null;
  /** The task that entered the group. */
  _parentTask: Task<unknown> | null = null;
  /** Whether the group cancelled the parent task, which `exit` must then `uncancel()`. */
  _parentCancelRequested = false;
  /** The children not done yet. */
  _tasks = new Set<Task<unknown>>();
  /** The children's errors, in the order they finished. */
  _errors: unknown[] = [];
  /** What `exit` waits on: resolved when the last child is done. */
  _onCompletedFut: Future<boolean> | null = null;
  /** `_onTaskDone`, bound once for every child of the group. */
  _onTaskDoneCallback: DoneCallback = onTaskDoneCallback(this);

  /**
   * asyncio's repr: `<TaskGroup tasks=2 errors=1 cancelling>`, `<TaskGroup entered>`, or
   * `<TaskGroup>` before it is entered.
   */
  toString(): string {
    let info = '';
    if (this._tasks.size > 0) info += ` tasks=${this._tasks.size}`;
    if (this._errors.length > 0) info += ` errors=${this._errors.length}`;
    if (this._aborting) info += ' cancelling';
    else if (this._entered) info += ' entered';
    return `<TaskGroup${info}>`;
  }

  /**
   * Enters the group (`__aenter__`): the current task becomes its parent. Takes no loop
   * iteration.
   *
   * @throws RuntimeError('TaskGroup ... has already been entered').
   * @throws RuntimeError('TaskGroup ... cannot determine the parent task') outside a task.
   */
  // biome-ignore lint/correctness/useYield: like asyncio's __aenter__, entering awaits nothing.
  *enter(): Coroutine<TaskGroup> {
    if (this._entered) throw new RuntimeError(`TaskGroup ${this} has already been entered`);
    this._loop ??= getRunningLoop();
    this._parentTask = currentTask(this._loop);
    if (this._parentTask === null) {
      throw new RuntimeError(`TaskGroup ${this} cannot determine the parent task`);
    }
    this._entered = true;
    return this;
  }

  /**
   * Leaves the group (`__aexit__`): `exit()` after a body that finished, `exit(error)` after
   * one that threw. Waits for every child, then throws what must propagate (see the class).
   *
   * @throws ExceptionGroup('unhandled errors in a TaskGroup', errors) when a child failed or
   *   the body threw something other than `CancelledError`.
   * @throws CancelledError when the parent task was cancelled (from outside the group, or by
   *   the body's own `CancelledError`) and nothing failed.
   */
  *exit(...thrown: [] | [error: unknown]): Coroutine<void> {
    this._exiting = true;
    const bodyFailed = thrown.length > 0;
    const bodyError = thrown[0];
    let propagateCancellationError: CancelledError | null =
      bodyError instanceof CancelledError ? bodyError : null;
    // The body failed or was cancelled, and no child failed first: stop the children.
    if (bodyFailed && !this._aborting) this._abort();
    const cancelledFromOutside = yield* this._waitForChildren();
    if (cancelledFromOutside !== null) propagateCancellationError = cancelledFromOutside;
    // Only after every child is done (3.13; 3.12 did it before waiting): the cancellation
    // the group sent its parent is withdrawn. If none is left, nobody outside cancelled the
    // parent, and the group has no cancellation to pass on.
    if (this._parentCancelRequested && (this._parentTask as Task<unknown>).uncancel() === 0) {
      propagateCancellationError = null;
    }
    // Errors take priority over a cancellation.
    if (propagateCancellationError !== null && this._errors.length === 0) {
      throw propagateCancellationError;
    }
    // Only now does the body's own error join: after the children's, even those they raised
    // while the body was unwinding.
    if (bodyFailed && !(bodyError instanceof CancelledError)) this._errors.push(bodyError);
    if (this._errors.length > 0) throw this._errorGroup();
  }

  /**
   * Waits until no child is left. A loop, not one wait: the parent task may be cancelled
   * while it waits (more than once), and children may start new children meanwhile.
   *
   * @returns The `CancelledError` of a cancellation from outside the group, or `null`.
   */
  *_waitForChildren(): Coroutine<CancelledError | null> {
    let cancelledFromOutside: CancelledError | null = null;
    while (this._tasks.size > 0) {
      this._onCompletedFut ??= (this._loop as EventLoop).createFuture<boolean>();
      try {
        yield* this._onCompletedFut;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        // The group is not aborting yet, so the cancel came from outside: pass it on once the
        // children, which it cancels now, have finished.
        if (!this._aborting) {
          cancelledFromOutside = error;
          this._abort();
        }
      }
      this._onCompletedFut = null;
    }
    return cancelledFromOutside;
  }

  /** The group's errors, ready to throw; the group lets go of them. */
  _errorGroup(): ExceptionGroup {
    const parent = this._parentTask as Task<unknown>;
    // 3.13: the parent is also being cancelled from outside. Re-cancelling it keeps its count
    // stable and puts a cancellation back that the failing group would otherwise have eaten:
    // the parent's next await after catching the group is cancelled.
    if (parent.cancelling() > 0) {
      parent.uncancel();
      parent.cancel();
    }
    const errors = this._errors;
    this._errors = [];
    // Python raises the group `from None`: it has no cause.
    return new ExceptionGroup('unhandled errors in a TaskGroup', errors);
  }

  /**
   * Starts `coro` as a child of the group, in the next loop iteration. A refused coroutine is
   * closed (`return()`), so that its `finally` blocks run and nothing is left half-made.
   *
   * @param coro - The child's coroutine.
   * @param options - `{ name }`.
   * @throws RuntimeError('TaskGroup ... has not been entered').
   * @throws RuntimeError('TaskGroup ... is finished') once `exit` saw the last child finish.
   * @throws RuntimeError('TaskGroup ... is shutting down') once the group is aborting.
   */
  createTask<T>(coro: Coroutine<T>, options?: TaskGroupTaskOptions): Task<T> {
    if (!this._entered) this._refuse(coro, 'has not been entered');
    // Checked this way, a child may still add children while `exit` waits for the others.
    if (this._exiting && this._tasks.size === 0) this._refuse(coro, 'is finished');
    if (this._aborting) this._refuse(coro, 'is shutting down');
    const task = (this._loop as EventLoop).createTask(coro, { name: options?.name });
    // A task done at birth (an eager task in asyncio; never so in this runtime) is counted
    // at once instead of through a callback.
    if (task.done()) {
      this._onTaskDone(task);
    } else {
      this._tasks.add(task);
      task.addDoneCallback(this._onTaskDoneCallback);
    }
    return task;
  }

  /** Closes a coroutine the group will not run, then throws why (3.13). */
  _refuse(coro: unknown, why: string): never {
    if (isCoroutine(coro)) coro.return(undefined);
    throw new RuntimeError(`TaskGroup ${this} ${why}`);
  }

  /** Cancels the children that are not done; from now on no child may be added. */
  _abort(): void {
    this._aborting = true;
    for (const task of this._tasks) {
      if (!task.done()) task.cancel();
    }
  }

  /** A child is done: count it, and on its first error abort the group and its parent. */
  _onTaskDone(task: Task<unknown>): void {
    this._tasks.delete(task);
    const completed = this._onCompletedFut;
    if (completed !== null && this._tasks.size === 0 && !completed.done()) {
      completed.setResult(true);
    }
    // A cancelled child is not an error: cancelling one child must not abort the group.
    if (task.cancelled()) return;
    const error = errorOf(task);
    if (error === NO_ERROR) return;
    this._errors.push(error);
    const parent = this._parentTask as Task<unknown>;
    if (parent.done()) {
      (this._loop as EventLoop).callExceptionHandler({
        message: `Task ${task} has errored out but its parent task ${parent} is already completed`,
        exception: error,
        task,
      });
      return;
    }
    if (!this._aborting && !this._parentCancelRequested) {
      // Wake the body up wherever it awaits, so that it reaches `exit`. The request is
      // remembered, to be withdrawn with uncancel() there.
      this._abort();
      this._parentCancelRequested = true;
      parent.cancel();
    }
  }
}

/** Makes a group's done callback for its children, shown as asyncio names it. */
function onTaskDoneCallback(group: TaskGroup): DoneCallback {
  return (task: Task<unknown>) => group._onTaskDone(task);
}
nameCallback(onTaskDoneCallback(undefined as never), 'TaskGroup._on_task_done');

/**
 * Runs `body` in a new task group and returns what it returns, once every child is done
 * (`async with asyncio.TaskGroup() as tg:`).
 *
 * @param body - The block, given the group to start children with `tg.createTask(...)`.
 * @throws ExceptionGroup when children (or the body) failed; see {@link TaskGroup}.
 */
export function taskGroup<T>(body: (tg: TaskGroup) => Coroutine<T>): Coroutine<T> {
  return asyncWith(new TaskGroup(), body);
}
