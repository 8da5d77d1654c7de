/**
 * The loop's timers (asyncio's `_scheduled` with `_timer_cancelled_count`): the heap, and the
 * bookkeeping of cancelled timers, which stay in the heap until they reach its top or the loop
 * purges them (removing one from the middle of a heap would cost O(n)).
 *
 * @module
 */

import type { TimerHandle } from './handles.ts';
import type { ReadyQueue } from './ready-queue.ts';
import { TimerHeap } from './timer-heap.ts';

/** `base_events._MIN_SCHEDULED_TIMER_HANDLES`: below this many timers, never purge. */
const MIN_SCHEDULED_TIMER_HANDLES = 100;
/** `base_events._MIN_CANCELLED_TIMER_HANDLES_FRACTION`: purge when more are cancelled. */
const MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5;
/** The monotonic clock's resolution, as `time.get_clock_info('monotonic')` gives on Linux. */
const CLOCK_RESOLUTION = 1e-9;

/** The timers of one loop. */
export class Timers extends TimerHeap {
  /** How many timers in the heap are cancelled (asyncio's `_timer_cancelled_count`). */
  _cancelledCount = 0;
  /** The next timer's tie-breaking sequence number. */
  _seq = 0;

  /** Returns the sequence number of the next timer. */
  nextSeq(): number {
    return this._seq++;
  }

  /** Adds a timer and marks it as in the heap. */
  schedule(timer: TimerHandle): void {
    this.push(timer);
    timer._scheduled = true;
  }

  /** Counts a timer that was just cancelled, if it is still in the heap. */
  timerCancelled(timer: TimerHandle): void {
    if (timer._scheduled) this._cancelledCount++;
  }

  /**
   * Step 1 of `_run_once`: with more than 100 timers of which more than half are cancelled,
   * rebuilds the heap without them in O(n); otherwise drops the cancelled timers at the top.
   */
  purgeCancelled(): void {
    // Nothing cancelled (the usual case, checked every iteration): nothing to look at.
    if (this._cancelledCount === 0) return;
    const count = this.size;
    if (
      count > MIN_SCHEDULED_TIMER_HANDLES &&
      this._cancelledCount / count > MIN_CANCELLED_TIMER_HANDLES_FRACTION
    ) {
      this.removeWhere(unscheduleIfCancelled);
      this._cancelledCount = 0;
      return;
    }
    for (let head = this.peek(); head?._cancelled; head = this.peek()) {
      this._cancelledCount--;
      this.pop();
      head._scheduled = false;
    }
  }

  /**
   * Step 4 of `_run_once`: moves every timer that is due (`when < now + resolution`) to the
   * ready queue, in order.
   */
  popDue(now: number, ready: ReadyQueue): void {
    for (let head = this.peek(); head !== undefined; head = this.peek()) {
      // Written as a difference so that a timer at exactly `now` is due at any magnitude.
      if (head._when - now >= CLOCK_RESOLUTION) break;
      this.pop();
      head._scheduled = false;
      // A timer cancelled while the loop waited is dropped here, and uncounted (asyncio
      // queues it and skips it, leaving the count too high until the next purge).
      if (head._cancelled) this._cancelledCount--;
      else ready.push(head);
    }
  }

  /** Removes every timer. */
  override clear(): void {
    super.clear();
    this._cancelledCount = 0;
  }
}

/** Marks a cancelled timer as out of the heap; says whether to drop it. */
function unscheduleIfCancelled(timer: TimerHandle): boolean {
  if (timer._cancelled) timer._scheduled = false;
  return timer._cancelled;
}
