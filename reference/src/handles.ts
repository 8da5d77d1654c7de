/**
 * Handles: what `callSoon`, `callLater` and `callAt` return (asyncio's `events.Handle` and
 * `events.TimerHandle`), and what the loop's ready queue and timer heap hold.
 *
 * @module
 */

import type { Runnable } from './ready-queue.ts';
import { callbackRepr } from './repr.ts';

/** The part of the loop a handle talks to. */
export interface HandleOwner {
  /** Reports an error raised by a callback (asyncio's `call_exception_handler`). */
  callExceptionHandler(context: { message: string; exception: unknown; handle: Handle }): void;
  /** Counts a cancelled timer that is still in the heap, for the purge rule. */
  _timerHandleCancelled(handle: TimerHandle): void;
}

/** A callback with its arguments, as returned by `callSoon`: it can be cancelled until it runs. */
export class Handle implements Runnable {
  /** The function to call; `null` once cancelled, to drop what it holds on to. */
  _callback: ((...args: never[]) => unknown) | null;
  /** Its arguments, always an array until `cancel()` drops them: `null` marks a cancelled handle. */
  _args: unknown[] | null;
  /** The loop that runs it. */
  _loop: HandleOwner;
  /** The next entry in the loop's ready queue (see ReadyQueue). */
  _next: Runnable | null = null;

  /**
   * @param callback - The function to call.
   * @param args - Its arguments (the array is kept, not copied).
   * @param loop - The loop that will run it.
   */
  constructor(callback: (...args: never[]) => unknown, args: unknown[], loop: HandleOwner) {
    this._callback = callback;
    this._args = args;
    this._loop = loop;
  }

  /**
   * Whether `cancel()` was called (asyncio's `_cancelled`). It is read from `_args` rather than
   * kept in a field of its own: a field more makes every handle an eighth bigger, and a million
   * queued callbacks spend most of their time in the garbage collector copying handles.
   */
  get _cancelled(): boolean {
    return this._args === null;
  }

  /** Cancels the callback: if it has not run yet, it never will. Idempotent. */
  cancel(): void {
    this._callback = null;
    this._args = null;
  }

  /** Returns true if `cancel()` was called. */
  cancelled(): boolean {
    return this._cancelled;
  }

  /**
   * Runs the callback, unless the handle was cancelled. An error it throws goes to the loop's
   * exception handler, so one failing callback never stops the loop or the callbacks after it.
   */
  _run(): void {
    // asyncio's _run_once skips cancelled handles; here each handle skips itself, so that the
    // ready queue can hold tasks too.
    const args = this._args;
    if (args === null) return;
    const callback = this._callback as (...args: unknown[]) => unknown;
    try {
      // Direct calls for the common arities: cheaper than spreading the arguments.
      switch (args.length) {
        case 0:
          callback();
          break;
        case 1:
          callback(args[0]);
          break;
        case 2:
          callback(args[0], args[1]);
          break;
        default:
          callback(...args);
      }
    } catch (exc) {
      this._loop.callExceptionHandler({
        message: `Exception in callback ${callbackRepr(callback)}`,
        exception: exc,
        handle: this,
      });
    }
  }

  /** asyncio's repr: `<Handle cb()>`, `<Handle cancelled>`. */
  toString(): string {
    return `<${this._reprInfo().join(' ')}>`;
  }

  /** The parts of the repr (`Handle._repr_info`). */
  _reprInfo(): string[] {
    const info = [this.constructor.name];
    if (this._cancelled) info.push('cancelled');
    if (this._callback !== null) info.push(callbackRepr(this._callback));
    return info;
  }
}

/** A handle for a callback that runs at a given time of the loop's clock (`callLater`/`callAt`). */
export class TimerHandle extends Handle {
  /** When the callback is due, in seconds of `loop.time()`. */
  _when: number;
  /** Breaks ties between equal `when`s in scheduling order (asyncio leaves that order open). */
  _seq: number;
  /** Whether the handle is in the loop's timer heap. */
  _scheduled = false;

  /**
   * @param when - The absolute time, in seconds of `loop.time()`.
   * @param seq - The tie-breaker: a number that grows with each timer of the loop.
   * @param callback - The function to call.
   * @param args - Its arguments.
   * @param loop - The loop that will run it.
   */
  constructor(
    when: number,
    seq: number,
    callback: (...args: never[]) => unknown,
    args: unknown[],
    loop: HandleOwner,
  ) {
    super(callback, args, loop);
    this._when = when;
    this._seq = seq;
  }

  /** Returns the absolute time the callback is scheduled for, in seconds of `loop.time()`. */
  when(): number {
    return this._when;
  }

  /**
   * Cancels the timer. It stays in the heap until it reaches the top or the loop purges the
   * heap: removing it from the middle of a heap would cost O(n).
   */
  override cancel(): void {
    // Tell the loop first, while _scheduled still says whether the heap holds us.
    if (!this._cancelled) this._loop._timerHandleCancelled(this);
    super.cancel();
  }

  /** The parts of the repr: `when=` comes after `cancelled`, as in asyncio. */
  override _reprInfo(): string[] {
    const info = super._reprInfo();
    info.splice(this._cancelled ? 2 : 1, 0, `when=${this._when}`);
    return info;
  }
}
