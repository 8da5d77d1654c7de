/**
 * The core of the event loop (asyncio's `base_events.BaseEventLoop`): its clock, its ready queue
 * and timers, and the steps of one iteration, asyncio's `_run_once`. `EventLoop` (`loop.ts`)
 * builds the public API on it, and runs the iterations.
 *
 * @module
 */

import { RuntimeError } from './errors.ts';
import type { Future } from './futures.ts';
import type { TimerHandle } from './handles.ts';
import { ReadyQueue, type Runnable } from './ready-queue.ts';
import { HostSelector, type SelectorOwner } from './selector.ts';
import { Timers } from './timers.ts';

/** `base_events.MAXIMUM_SELECT_TIMEOUT`: the longest single wait, one day in seconds. */
const MAXIMUM_SELECT_TIMEOUT = 24 * 3600;

/** The state an iteration works on, and the steps of `_run_once`. */
export class BaseEventLoop implements SelectorOwner {
  /** Whether `time()` is the virtual clock. */
  _virtual: boolean;
  /** The virtual clock's time, in seconds. */
  _virtualNow = 0;
  /** Handles (and tasks, see `Task._run`) to run, in order (asyncio's `_ready`). */
  _ready = new ReadyQueue();
  /** Timers, earliest first (asyncio's `_scheduled`). */
  _scheduled = new Timers();
  /** Set by `stop()`: the loop stops after the current iteration. */
  _stopping = false;
  /** Set by `close()`. */
  _closed = false;
  /** The loop's side of Node's event loop: waits, wake-ups, holds, time slices. */
  _selector = new HostSelector(this);
  /** What `runUntilComplete` waits for, named in a deadlock message. */
  _waitingFor: Future<unknown> | null = null;

  /** @param virtual - Whether the loop runs on the virtual clock. */
  constructor(virtual: boolean) {
    this._virtual = virtual;
  }

  /** How many timers in the heap are cancelled (asyncio's `_timer_cancelled_count`). */
  get _timerCancelledCount(): number {
    return this._scheduled._cancelledCount;
  }

  /** Returns the loop's time in seconds: monotonic real time, or the virtual clock. */
  time(): number {
    return this._virtual ? this._virtualNow : performance.now() / 1000;
  }

  /**
   * Registers work outside the loop (an executor job, a wrapped promise) that will end with a
   * `callSoonThreadsafe`. While anything is held, the virtual clock stands still and the loop
   * waits for a wake-up instead of jumping to its next timer or reporting a deadlock.
   *
   * @param label - What is held, as a deadlock message should name it.
   * @returns The release function (idempotent): call it once the work has handed its result
   *   over, or has been abandoned. Releasing wakes the loop so that it looks again.
   * @internal For the threads lesson (executors, `wrapPromise`).
   */
  _holdExternalWork(label: string): () => void {
    return this._selector.hold(label);
  }

  /** asyncio's `_timer_handle_cancelled`: counts cancelled timers still in the heap. */
  _timerHandleCancelled(handle: TimerHandle): void {
    this._scheduled.timerCancelled(handle);
  }

  /** @throws RuntimeError('Event loop is closed'). */
  _checkClosed(): void {
    if (this._closed) throw new RuntimeError('Event loop is closed');
  }

  /**
   * Steps 1 and 2 of `_run_once`: drops cancelled timers, then returns how long the selector may
   * wait: 0 when something is ready or the loop is stopping, the time to the next timer (at most
   * a day), or `null` when there is no timer at all.
   */
  _selectTimeout(): number | null {
    this._scheduled.purgeCancelled();
    if (this._ready.length > 0 || this._stopping) return 0;
    const head = this._scheduled.peek();
    if (head === undefined) return null;
    return Math.min(Math.max(head._when - this.time(), 0), MAXIMUM_SELECT_TIMEOUT);
  }

  /**
   * Step 3, the poll. Returns the wait to await, or `null` when the loop can go on at once (the
   * virtual clock jumped to the next timer).
   *
   * @throws RuntimeError('deadlock: ...') on the virtual clock when nothing can happen.
   */
  _select(timeout: number | null): Promise<void> | null {
    if (!this._virtual) return this._selector.select(timeout);
    // Virtual time stands still while work outside the loop may still wake it.
    if (this._selector._holds.size > 0) return this._selector.select(null);
    const head = this._scheduled.peek();
    // A timer at infinity never fires: it leaves the loop as stuck as no timer at all.
    if (head === undefined || head._when === Number.POSITIVE_INFINITY) {
      throw this._deadlockError(
        'no callback is ready, no timer is scheduled and no work outside the loop is pending',
      );
    }
    // Nothing else can happen before the next timer: skip to it.
    if (head._when > this._virtualNow) this._virtualNow = head._when;
    return null;
  }

  /**
   * Steps 4 and 5: moves the timers that are due to the ready queue, then runs the handles
   * that are ready now, and only those: what they schedule waits for the next iteration.
   *
   * @returns How many handles were taken from the queue.
   */
  _runReady(): number {
    const ready = this._ready;
    // The clock is read only when there are timers: a real clock read costs a task switch.
    if (this._scheduled.size > 0) this._scheduled.popDue(this.time(), ready);
    const ntodo = ready.length;
    for (let i = 0; i < ntodo; i++) (ready.shift() as Runnable)._run();
    return ntodo;
  }

  /** The error of a wait of the selector that nothing can end: Node has nothing left to run. */
  _hostIdleError(): Error {
    return this._deadlockError('Node has nothing left to run that could wake it');
  }

  /** The error of a loop that can never make progress: what it waited for, and why not. */
  _deadlockError(why: string): RuntimeError {
    const waitingFor = this._waitingFor === null ? 'stop()' : String(this._waitingFor);
    const held = [...this._selector._holds.values()];
    const holding = held.length > 0 ? `; still held: ${held.join(', ')}` : '';
    return new RuntimeError(
      `deadlock: the event loop is waiting for ${waitingFor}, but ${why}${holding}`,
    );
  }
}
