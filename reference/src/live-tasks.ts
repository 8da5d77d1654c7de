/**
 * The tasks of a loop that are not done yet (asyncio's `_scheduled_tasks`), behind
 * `allTasks()`.
 *
 * @module
 */

/** What the list links: a task, through two fields of its own. */
export interface LiveTask {
  /** The task before this one in the list, or `null`. */
  _prevLive: LiveTask | null;
  /** The task after this one in the list, or `null`. */
  _nextLive: LiveTask | null;
}

/**
 * An intrusive doubly linked list, in creation order. Every task joins it when created and
 * leaves it when done, so adding and removing must be cheap: linking through the tasks' own
 * fields costs no hashing and no allocation, where a `Set` made spawning a task a third slower.
 */
export class LiveTasks<T extends LiveTask> {
  /** The oldest task, or `null`. */
  _head: T | null = null;
  /** The newest task, or `null`. */
  _tail: T | null = null;
  /** How many tasks are in the list. */
  _size = 0;

  /** The number of tasks in the list. */
  get size(): number {
    return this._size;
  }

  /** Appends a task that is not in the list. O(1). */
  add(task: T): void {
    task._prevLive = this._tail;
    task._nextLive = null;
    if (this._tail === null) this._head = task;
    else this._tail._nextLive = task;
    this._tail = task;
    this._size++;
  }

  /** Removes a task that is in the list. O(1). */
  delete(task: T): void {
    const prev = task._prevLive as T | null;
    const next = task._nextLive as T | null;
    if (prev === null) this._head = next;
    else prev._nextLive = next;
    if (next === null) this._tail = prev;
    else next._prevLive = prev;
    task._prevLive = task._nextLive = null;
    this._size--;
  }

  /** The tasks, oldest first. */
  *[Symbol.iterator](): Generator<T, void, undefined> {
    for (let task = this._head; task !== null; task = task._nextLive as T | null) yield task;
  }
}
