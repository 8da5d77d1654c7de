/**
 * The loop's "selector": its side of Node's own event loop. asyncio's loop blocks in
 * `selector.select(timeout)` when nothing is ready, and `call_soon_threadsafe` writes to a
 * self-pipe to end that wait. Here the loop awaits a promise instead, which resolves when a
 * real-time timeout expires or when something outside the loop wakes it; while the loop awaits
 * it, Node runs its own callbacks (I/O, worker messages, timers).
 *
 * The selector also keeps the two other links with Node: the work outside the loop that may
 * still wake it (holds), and the time slice after which a busy loop gives Node a turn.
 *
 * @module
 */

/** Node's timers take whole milliseconds and at most a signed 32-bit count of them. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** How long (ms of real time) the loop runs before it gives Node a turn. */
const SLICE_MS = 10;
/** How often (ms of real time) the loop aims to read the host clock while it runs. */
const CLOCK_CHECK_MS = 1;
/** The most handles run between two reads of the host clock. */
const MAX_HANDLES_BETWEEN_CHECKS = 64;

/** The host side of an event loop: waits, wake-ups, holds and hand-overs to Node. */
export class HostSelector {
  /** Ends the wait in progress, or `null` when the loop is not waiting. */
  _wake: (() => void) | null = null;
  /** Work outside the loop that may still wake it, by id: its label. */
  _holds = new Map<number, string>();
  /** The last hold's id. */
  _holdSeq = 0;
  /** Host time (ms) when the loop last took control back from Node. */
  _sliceStart = 0;
  /** Host time (ms) of the last clock read. */
  _lastClockCheck = 0;
  /** Handles to run before the next clock read. */
  _handlesUntilCheck = 1;
  /** Handles run between two clock reads, adapted so that this takes about CLOCK_CHECK_MS. */
  _handlesPerCheck = 1;

  /**
   * Waits until `wakeUp()` is called or `timeout` seconds of real time have passed.
   *
   * @param timeout - Seconds, or `null` to wait for a wake-up only.
   * @param onHostIdle - Called if Node runs out of work while the loop waits without a timer:
   *   nothing is left that could wake the loop, so the wait fails with the error it returns.
   */
  select(timeout: number | null, onHostIdle: () => Error): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      // Node's 'beforeExit' fires only when its event loop is empty: a wait that nothing can end.
      const idle = () => finish(() => reject(onHostIdle()));
      const finish = (settle: () => void) => {
        this._wake = null;
        if (timer !== undefined) clearTimeout(timer);
        else process.removeListener('beforeExit', idle);
        this.startSlice();
        settle();
      };
      this._wake = () => finish(resolve);
      if (timeout === null) {
        process.once('beforeExit', idle);
      } else {
        // Round up: a timer that fires early would only make the loop wait a second time.
        const ms = Math.min(Math.ceil(timeout * 1000), MAX_TIMEOUT_MS);
        timer = setTimeout(() => finish(resolve), ms);
      }
    });
  }

  /**
   * Ends the wait in progress, if any (asyncio's `_write_to_self`). Outside a wait it does
   * nothing: whatever woke us is already in the ready queue, which the next iteration sees.
   */
  wakeUp(): void {
    this._wake?.();
  }

  /**
   * Registers work outside the loop; see `EventLoop._holdExternalWork`.
   *
   * @returns The release function, idempotent; releasing wakes the loop.
   */
  hold(label: string): () => void {
    const id = ++this._holdSeq;
    this._holds.set(id, label);
    return () => {
      if (this._holds.delete(id)) this.wakeUp();
    };
  }

  /** Notes that the loop has just taken control back from Node. */
  startSlice(): void {
    this._sliceStart = this._lastClockCheck = performance.now();
  }

  /**
   * Counts the handles an iteration ran and says whether the loop has now run for SLICE_MS
   * since it last gave Node a turn. Reading the clock costs about as much as a task switch, so
   * it is read only every few handles: as many as took about CLOCK_CHECK_MS last time.
   */
  sliceExpired(ran: number): boolean {
    this._handlesUntilCheck -= ran + 1;
    if (this._handlesUntilCheck > 0) return false;
    const now = performance.now();
    const elapsed = Math.max(now - this._lastClockCheck, 1e-3);
    const perCheck = Math.round((this._handlesPerCheck * CLOCK_CHECK_MS) / elapsed);
    this._handlesPerCheck = Math.min(Math.max(perCheck, 1), MAX_HANDLES_BETWEEN_CHECKS);
    this._handlesUntilCheck = this._handlesPerCheck;
    this._lastClockCheck = now;
    return now - this._sliceStart >= SLICE_MS;
  }

  /**
   * Gives Node one turn of its event loop (a macrotask hop), so that I/O and worker messages
   * get through while the loop keeps running.
   */
  async hop(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.startSlice();
  }
}
