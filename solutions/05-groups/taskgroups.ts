/**
 * Lesson 05: task groups, asyncio's `TaskGroup` (`Lib/asyncio/taskgroups.py`, Python 3.13):
 * structured concurrency. A group's body starts child tasks; leaving the group waits for all of
 * them. The first child to fail cancels its siblings and the body, and the group then throws
 * every error it collected, together, in an `ExceptionGroup`.
 */

import { CancelledError, RuntimeError } from '#course/errors';
import type { Future } from '#course/futures';
import { type EventLoop, getRunningLoop } from '#course/loop';
import { type Coroutine, currentTask, isCoroutine, type Task } from '#course/tasks';
import { asyncWith, errorOf, NO_ERROR } from './async-with.ts';
import { ExceptionGroup } from './exceptiongroup.ts';

/** Options of {@link TaskGroup.createTask}. */
export interface TaskGroupTaskOptions {
  /** The task's name; by default `Task-<n>`. */
  name?: string | null;
}

/**
 * A group of tasks that ends together (asyncio's `TaskGroup`): `enter()` it in a task, start
 * children with `createTask`, then `exit()`; or let {@link taskGroup} do both around a body.
 */
export class TaskGroup {
  /** Set by `enter`: a group is entered at most once. */
  _entered = false;
  /** Set by `exit`: the body is over, and the group waits for its children. */
  _exiting = false;
  /** Set once the children were cancelled: no child may be added any more. */
  _aborting = false;
  /** The loop of the parent task. */
  _loop: EventLoop | null = null;
  /** The task that entered the group. */
  _parentTask: Task<unknown> | null = null;
  /** Whether the group cancelled its parent task, which `exit` must then `uncancel()`. */
  _parentCancelRequested = false;
  /** The children not done yet. */
  _tasks = new Set<Task<unknown>>();
  /** The children's errors, in the order they finished. */
  _errors: unknown[] = [];
  /** What `exit` waits on: resolved when the last child is done. */
  _onCompletedFut: Future<boolean> | null = null;

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
   * Enters the group (`__aenter__`): the current task becomes its parent.
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
   * Leaves the group (`__aexit__`): `exit()` after a body that finished, `exit(error)` after one
   * that threw. Waits for every child, then throws what must propagate.
   *
   * @throws ExceptionGroup('unhandled errors in a TaskGroup', errors) when a child failed or
   *   the body threw something other than `CancelledError`; the body's error comes last.
   * @throws CancelledError when the parent task was cancelled from outside and nothing failed.
   */
  *exit(...thrown: [] | [error: unknown]): Coroutine<void> {
    this._exiting = true;
    const bodyFailed = thrown.length > 0;
    const bodyError = thrown[0];
    let propagateCancellationError: CancelledError | null =
      bodyError instanceof CancelledError ? bodyError : null;

    // The body failed, or was cancelled: stop the children (unless a child did already).
    if (bodyFailed && !this._aborting) this._abort();

    // A loop, not one wait: the parent task may be cancelled while it waits, more than once,
    // and children may start new children meanwhile.
    while (this._tasks.size > 0) {
      this._onCompletedFut ??= (this._loop as EventLoop).createFuture<boolean>();
      try {
        yield* this._onCompletedFut;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        // Not aborting yet, so the cancel came from outside the group: remember it, to throw
        // once the children, cancelled now, have finished.
        if (!this._aborting) {
          propagateCancellationError = error;
          this._abort();
        }
      }
      this._onCompletedFut = null;
    }

    const parent = this._parentTask as Task<unknown>;
    // The group cancelled its parent to wake the body: withdraw that request, now that every
    // child is done (3.13). If none is left, nobody else cancelled the parent, and there is no
    // cancellation to pass on.
    if (this._parentCancelRequested && parent.uncancel() === 0) {
      propagateCancellationError = null;
    }

    // Errors take priority over a cancellation.
    if (propagateCancellationError !== null && this._errors.length === 0) {
      throw propagateCancellationError;
    }

    // The body's own error joins last: after the children's, even those raised while the body
    // was unwinding.
    if (bodyFailed && !(bodyError instanceof CancelledError)) this._errors.push(bodyError);

    if (this._errors.length > 0) {
      // 3.13: the parent is also being cancelled from outside. Re-cancelling it keeps its count
      // stable and puts back a cancellation that the failing group would otherwise eat.
      if (parent.cancelling() > 0) {
        parent.uncancel();
        parent.cancel();
      }
      // The group lets go of its errors (asyncio sets `_errors = None` on the way out).
      const errors = this._errors;
      this._errors = [];
      throw new ExceptionGroup('unhandled errors in a TaskGroup', errors);
    }
  }

  /**
   * Starts `coro` as a child of the group. A refused coroutine is closed (`return()`), so that
   * it never starts (3.13).
   *
   * @throws RuntimeError('TaskGroup ... has not been entered').
   * @throws RuntimeError('TaskGroup ... is finished') once `exit` saw the last child finish.
   * @throws RuntimeError('TaskGroup ... is shutting down') once the group is aborting.
   */
  createTask<T>(coro: Coroutine<T>, options?: TaskGroupTaskOptions): Task<T> {
    if (!this._entered) this._refuse(coro, 'has not been entered');
    // Checked this way, a running child may still add children while `exit` waits.
    if (this._exiting && this._tasks.size === 0) this._refuse(coro, 'is finished');
    if (this._aborting) this._refuse(coro, 'is shutting down');
    const loop = this._loop as EventLoop;
    const task = loop.createTask(coro, { name: options?.name }) as Task<T>;
    // A task done at birth (an eager task in asyncio) is counted at once.
    if (task.done()) {
      this._onTaskDone(task);
    } else {
      this._tasks.add(task);
      task.addDoneCallback(this._onTaskDone.bind(this));
    }
    return task;
  }

  /** Closes a coroutine the group will not run, then throws why. */
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
    // A cancelled child is not an error: cancelling one child does not abort the group.
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

/**
 * Runs `body` in a new task group and returns what it returns, once every child is done
 * (`async with asyncio.TaskGroup() as tg:`).
 *
 * @throws ExceptionGroup when children (or the body) failed; see {@link TaskGroup.exit}.
 */
export function taskGroup<T>(body: (tg: TaskGroup) => Coroutine<T>): Coroutine<T> {
  return asyncWith(new TaskGroup(), body);
}
