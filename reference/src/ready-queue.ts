/**
 * The loop's ready queue (asyncio's `_ready`, a `collections.deque`): a FIFO of handles.
 *
 * @module
 */

/**
 * What the ready queue holds: a handle, or a task standing for its own next step (see
 * `Task._run`).
 */
export interface Runnable {
  /** The next entry of the queue; only the queue uses it. */
  _next: Runnable | null;
  /** Runs the callback (or the step). It must not throw: errors go to the exception handler. */
  _run(): void;
}

/**
 * A FIFO queue linked through its entries' `_next` field. An entry is in the queue at most once,
 * so it can carry the link itself: pushing allocates nothing, and no big array holds young
 * entries (which would make every garbage collection scan it).
 */
export class ReadyQueue {
  /** The first handle, or `null`. */
  _head: Runnable | null = null;
  /** The last handle, or `null`. */
  _tail: Runnable | null = null;
  /** The number of handles queued. */
  _length = 0;

  /** The number of handles queued. */
  get length(): number {
    return this._length;
  }

  /** Appends a handle. O(1). */
  push(handle: Runnable): void {
    if (this._tail === null) this._head = handle;
    else this._tail._next = handle;
    this._tail = handle;
    this._length++;
  }

  /** Removes and returns the first handle, or `null` when the queue is empty. O(1). */
  shift(): Runnable | null {
    const handle = this._head;
    if (handle === null) return null;
    this._head = handle._next;
    if (this._head === null) this._tail = null;
    handle._next = null;
    this._length--;
    return handle;
  }

  /** Removes every handle. */
  clear(): void {
    for (let handle = this._head; handle !== null; handle = this._head) {
      this._head = handle._next;
      handle._next = null;
    }
    this._tail = null;
    this._length = 0;
  }
}
