/**
 * A binary min-heap of {@link TimerHandle}s ordered by `when`, what asyncio keeps its
 * `_scheduled` list in with `heapq`. Ties are broken by scheduling order, which asyncio leaves
 * undefined: it makes runs reproducible.
 *
 * @module
 */

import type { TimerHandle } from './handles.ts';

/** The room for keys that a new heap starts with. */
const INITIAL_CAPACITY = 64;

/** A binary min-heap of timers, earliest first. */
export class TimerHeap {
  /** The heap, in array form: the children of `i` are `2i + 1` and `2i + 2`. */
  _items: TimerHandle[] = [];
  /**
   * `_items[i]._when` at index `i`, kept beside the timers: sifting then compares neighbouring
   * numbers instead of reading two timers scattered over memory per level, which made a pop
   * at 100,000 timers cost about a microsecond of cache misses. Its length is the capacity.
   */
  _whens = new Float64Array(INITIAL_CAPACITY);

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
    const n = this._items.length;
    if (n === this._whens.length) this._grow();
    this._items.push(timer);
    this._whens[n] = timer._when;
    this._siftUp(n);
  }

  /** Removes and returns the earliest timer. O(log n). */
  pop(): TimerHandle | undefined {
    const items = this._items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this._whens[0] = last._when;
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
    for (let i = 0; i < this._items.length; i++) this._whens[i] = this._items[i]._when;
    for (let i = (this._items.length >> 1) - 1; i >= 0; i--) this._siftDown(i);
  }

  /** Removes every timer. */
  clear(): void {
    this._items = [];
    this._whens = new Float64Array(INITIAL_CAPACITY);
  }

  /** Doubles the room for keys. */
  _grow(): void {
    const whens = new Float64Array(this._whens.length * 2);
    whens.set(this._whens);
    this._whens = whens;
  }

  /**
   * Whether a timer due at `when`, with tie-breaker `seq`, comes before the timer at `j`. The
   * timer at `j` is read only on a tie.
   */
  _before(when: number, seq: number, j: number): boolean {
    const other = this._whens[j];
    return when < other || (when === other && seq < this._items[j]._seq);
  }

  /** Whether the timer at `i` comes before the timer at `j` (both read only on a tie). */
  _beforeAt(i: number, j: number): boolean {
    const a = this._whens[i];
    const b = this._whens[j];
    return a < b || (a === b && this._items[i]._seq < this._items[j]._seq);
  }

  /** Moves the timer at `index` up to its place. */
  _siftUp(index: number): void {
    const items = this._items;
    const whens = this._whens;
    const timer = items[index];
    const when = whens[index];
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this._before(when, timer._seq, parent)) break;
      items[i] = items[parent];
      whens[i] = whens[parent];
      i = parent;
    }
    items[i] = timer;
    whens[i] = when;
  }

  /** Moves the timer at `index` down to its place. */
  _siftDown(index: number): void {
    const items = this._items;
    const whens = this._whens;
    const n = items.length;
    const timer = items[index];
    const when = whens[index];
    let i = index;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this._beforeAt(child + 1, child)) child++;
      if (this._before(when, timer._seq, child)) break;
      items[i] = items[child];
      whens[i] = whens[child];
      i = child;
    }
    items[i] = timer;
    whens[i] = when;
  }
}
