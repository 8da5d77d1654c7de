/**
 * A binary min-heap of {@link TimerHandle}s ordered by `when`, what asyncio keeps its
 * `_scheduled` list in with `heapq`. Ties are broken by scheduling order, which asyncio leaves
 * undefined: it makes runs reproducible.
 *
 * @module
 */

import type { TimerHandle } from './handles.ts';

/** Whether timer `a` is due before timer `b`. */
function before(a: TimerHandle, b: TimerHandle): boolean {
  return a._when < b._when || (a._when === b._when && a._seq < b._seq);
}

/** A binary min-heap of timers, earliest first. */
export class TimerHeap {
  /** The heap, in array form: the children of `i` are `2i + 1` and `2i + 2`. */
  _items: TimerHandle[] = [];

  /** The number of timers held, cancelled ones included. */
  get size(): number {
    return this._items.length;
  }

  /** The earliest timer, or `undefined` when the heap is empty. */
  peek(): TimerHandle | undefined {
    return this._items[0];
  }

  /** Adds a timer. O(log n). */
  push(timer: TimerHandle): void {
    const items = this._items;
    items.push(timer);
    this._siftUp(items.length - 1);
  }

  /** Removes and returns the earliest timer. O(log n). */
  pop(): TimerHandle | undefined {
    const items = this._items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this._siftDown(0);
    }
    return top;
  }

  /**
   * Drops every timer for which `drop` returns true, then restores the heap in O(n) (what
   * `heapq.heapify` does). The loop purges cancelled timers with it once they are too many.
   */
  removeWhere(drop: (timer: TimerHandle) => boolean): void {
    this._items = this._items.filter((timer) => !drop(timer));
    for (let i = (this._items.length >> 1) - 1; i >= 0; i--) this._siftDown(i);
  }

  /** Removes every timer. */
  clear(): void {
    this._items = [];
  }

  /** Moves the timer at `index` up to its place. */
  _siftUp(index: number): void {
    const items = this._items;
    const timer = items[index];
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(timer, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = timer;
  }

  /** Moves the timer at `index` down to its place. */
  _siftDown(index: number): void {
    const items = this._items;
    const n = items.length;
    const timer = items[index];
    let i = index;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(items[child + 1], items[child])) child++;
      if (!before(items[child], timer)) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = timer;
  }
}
