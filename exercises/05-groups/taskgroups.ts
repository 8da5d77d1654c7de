/**
 * Lesson 05: task groups, asyncio's `TaskGroup` (`Lib/asyncio/taskgroups.py`, Python 3.13):
 * structured concurrency. A group's body starts child tasks; leaving the group waits for all of
 * them. The first child to fail cancels its siblings and the body, and the group then throws
 * every error it collected, together, in an `ExceptionGroup`.
 *
 * Exercises 05.5 to 05.8 fill in the bodies that throw `TODO(05.N)`. Two methods grow over
 * several exercises, `exit` and `_onTaskDone`: their comments say which exercise adds which
 * part; write only the part of the exercise you are on. The fields are given: they are
 * asyncio's, and the tests of later exercises expect them.
 */

// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { CancelledError, RuntimeError } from '#course/errors';
import type { Future } from '#course/futures';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { type EventLoop, getRunningLoop } from '#course/loop';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { type Coroutine, currentTask, isCoroutine, type Task } from '#course/tasks';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { asyncWith, errorOf, NO_ERROR } from './async-with.ts';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
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
   * `<TaskGroup>` before it is entered. Given: the messages of `enter` and `createTask` show it.
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
   * Enters the group (`__aenter__`): the current task becomes its parent. Exercise 05.5.
   *
   * Make it a generator method (`*enter()`), even though it awaits nothing: `enter` and `exit`
   * are coroutines, as `__aenter__` and `__aexit__` are. Then:
   *
   * 1. already `_entered`: ``new RuntimeError(`TaskGroup ${this} has already been entered`)``;
   * 2. `this._loop ??= getRunningLoop()`; `this._parentTask = currentTask(this._loop)`, and when
   *    there is none: ``new RuntimeError(`TaskGroup ${this} cannot determine the parent task`)``;
   * 3. set `_entered`, and return `this` (what `as tg` gives in Python).
   *
   * @throws RuntimeError('TaskGroup ... has already been entered').
   * @throws RuntimeError('TaskGroup ... cannot determine the parent task') outside a task.
   */
  enter(): Coroutine<TaskGroup> {
    throw new Error(`TODO(05.5): make the current task the parent of ${this}`);
  }

  /**
   * Leaves the group (`__aexit__`): `exit()` after a body that finished, `exit(error)` after one
   * that threw. Waits for every child, then throws what must propagate.
   *
   * Make it a generator method (`*exit(...thrown)`); `thrown.length > 0` tells a body that
   * threw (even `undefined`) from one that finished. asyncio's `_aexit`, in order:
   *
   * 1. (05.5) set `_exiting`.
   * 2. (05.7) `propagateCancellationError`: the body's error if it is a `CancelledError`, else
   *    `null`.
   * 3. (05.6) the body threw and the group is not aborting yet: `this._abort()`.
   * 4. (05.5) wait: `while (this._tasks.size > 0)`, create `_onCompletedFut` (the loop's
   *    `createFuture()`) unless there is one, `yield*` it, then set it back to `null`. A loop,
   *    not one wait: children may start new children meanwhile (05.8), and the wait itself may
   *    be cancelled, more than once. (05.6: the group cancels its parent when a child fails
   *    while `exit` waits: catch a `CancelledError` around the `yield*`, rethrow anything
   *    else, and go on waiting. 05.7: if the group is not aborting yet, the cancellation came
   *    from outside: keep it in `propagateCancellationError`, and `this._abort()`.)
   * 5. (05.6) `_parentCancelRequested`: the group cancelled its parent to wake the body up;
   *    withdraw that with `parent.uncancel()`. (05.7: if that returns 0, nobody else cancelled
   *    the parent: set `propagateCancellationError` to `null`.)
   * 6. (05.7) `propagateCancellationError` set and no errors: throw it. Errors take priority.
   * 7. (05.6) the body threw something other than a `CancelledError`: push it to `_errors`,
   *    last.
   * 8. (05.6) errors: throw `new ExceptionGroup('unhandled errors in a TaskGroup', errors)`,
   *    and let go of them (`this._errors = []`, as asyncio sets `_errors = None`). (05.7: just
   *    before, if `parent.cancelling() > 0`, the parent is also being cancelled from outside:
   *    `parent.uncancel(); parent.cancel();`, which keeps the count and puts back the
   *    cancellation that the group's own `uncancel()` would otherwise eat.)
   *
   * @throws ExceptionGroup('unhandled errors in a TaskGroup', errors) when a child failed or
   *   the body threw something other than `CancelledError`; the body's error comes last.
   * @throws CancelledError when the parent task was cancelled from outside and nothing failed.
   */
  exit(...thrown: [] | [error: unknown]): Coroutine<void> {
    throw new Error(`TODO(05.5): wait for the children of ${this}, then throw what must propagate`);
  }

  /**
   * Starts `coro` as a child of the group. A refused coroutine is closed (`return()`), so that
   * it never starts (3.13).
   *
   * 1. (05.8) refuse, in this order, with `this._refuse(coro, why)`: not `_entered`, `'has not
   *    been entered'`; `_exiting` and no task left, `'is finished'` (checked this way, a child
   *    still running may add children while `exit` waits); `_aborting`, `'is shutting down'`.
   * 2. (05.5) `task = this._loop.createTask(coro, { name: options?.name }) as Task<T>`.
   * 3. (05.5) a task done at birth (an eager task in asyncio; never so here) is counted at
   *    once, `this._onTaskDone(task)`; otherwise add it to `_tasks`, and
   *    `task.addDoneCallback(this._onTaskDone.bind(this))`.
   * 4. return the task.
   *
   * @throws RuntimeError('TaskGroup ... has not been entered').
   * @throws RuntimeError('TaskGroup ... is finished') once `exit` saw the last child finish.
   * @throws RuntimeError('TaskGroup ... is shutting down') once the group is aborting.
   */
  createTask<T>(coro: Coroutine<T>, options?: TaskGroupTaskOptions): Task<T> {
    throw new Error(`TODO(05.5): start a child task of ${this}`);
  }

  /**
   * Closes a coroutine the group will not run, then throws why. Exercise 05.8: if
   * `isCoroutine(coro)`, close it (`coro.return(undefined)`); then throw
   * ``new RuntimeError(`TaskGroup ${this} ${why}`)``.
   */
  _refuse(coro: unknown, why: string): never {
    throw new Error(`TODO(05.8): close the coroutine, then refuse: ${why}`);
  }

  /**
   * Cancels the children that are not done; from now on no child may be added. Exercise 05.6:
   * set `_aborting`, and `cancel()` every task of `_tasks` that is not done.
   */
  _abort(): void {
    throw new Error(`TODO(05.6): cancel the children of ${this}`);
  }

  /**
   * A child is done: count it, and on its first error abort the group and its parent.
   *
   * 1. (05.5) delete it from `_tasks`; if that was the last one and `_onCompletedFut` is there
   *    and not done, `setResult(true)` on it: `exit` is waiting.
   * 2. (05.6) a cancelled child is not an error: return. No error (`errorOf(task) ===
   *    NO_ERROR`): return.
   * 3. (05.6) push the error to `_errors`.
   * 4. (05.6) the parent task is done already (possible only with the protocol by hand):
   *    report to the loop, `callExceptionHandler({ message: `Task ${task} has errored out but
   *    its parent task ${parent} is already completed`, exception: error, task })`, and return.
   * 5. (05.6) unless the group is aborting already or has cancelled its parent already:
   *    `this._abort()`, set `_parentCancelRequested`, and `parent.cancel()`: that wakes the body
   *    up wherever it awaits, so that it reaches `exit`, which withdraws the request.
   */
  _onTaskDone(task: Task<unknown>): void {
    throw new Error(`TODO(05.5): count ${task} as done`);
  }
}

/**
 * Runs `body` in a new task group and returns what it returns, once every child is done
 * (`async with asyncio.TaskGroup() as tg:`).
 *
 * Exercise 05.5: `asyncWith(new TaskGroup(), body)`.
 *
 * @throws ExceptionGroup when children (or the body) failed; see {@link TaskGroup.exit}.
 */
export function taskGroup<T>(body: (tg: TaskGroup) => Coroutine<T>): Coroutine<T> {
  throw new Error('TODO(05.5): run the body inside a new TaskGroup, with asyncWith');
}
