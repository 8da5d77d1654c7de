/**
 * Lesson 03: a binary min-heap on a plain array, Python's `heapq` (`heappush`, `heappop`,
 * `heapify`). Given whole: the loop keeps its timers in one, earliest first.
 *
 * In a heap, `heap[0]` is always the smallest item, and the children of `heap[i]` are
 * `heap[2i + 1]` and `heap[2i + 2]`, never smaller than it. Adding or removing an item moves at
 * most one item per level, O(log n); the rest of the array stays in no particular order.
 */

/** Whether `a` comes before `b`. */
export type Less<T> = (a: T, b: T) => boolean;

/** Adds `item` to the heap. O(log n). */
export function heapPush<T>(heap: T[], item: T, less: Less<T>): void {
  heap.push(item);
  siftUp(heap, heap.length - 1, less);
}

/** Removes and returns the smallest item, or `undefined` when the heap is empty. O(log n). */
export function heapPop<T>(heap: T[], less: Less<T>): T | undefined {
  const last = heap.pop();
  if (heap.length === 0 || last === undefined) return last;
  const top = heap[0];
  heap[0] = last;
  siftDown(heap, 0, less);
  return top;
}

/** Turns any array into a heap, in place. O(n). */
export function heapify<T>(heap: T[], less: Less<T>): void {
  for (let i = Math.floor(heap.length / 2) - 1; i >= 0; i--) siftDown(heap, i, less);
}

function siftUp<T>(heap: T[], index: number, less: Less<T>): void {
  const item = heap[index];
  let i = index;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(item, heap[parent])) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = item;
}

function siftDown<T>(heap: T[], index: number, less: Less<T>): void {
  const item = heap[index];
  const n = heap.length;
  let i = index;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && less(heap[child + 1], heap[child])) child++;
    if (!less(heap[child], item)) break;
    heap[i] = heap[child];
    i = child;
  }
  heap[i] = item;
}
