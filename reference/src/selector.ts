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

/** What the selector reports to when Node runs out of work during a wait: its loop. */
export interface SelectorOwner {
  /** The error of a wait that nothing can end any more (see `HostSelector.select`). */
  _hostIdleError(): Error;
}

/** The host side of an event loop: waits, wake-ups, holds and hand-overs to Node. */
export class HostSelector {
  /** The loop, told when a wait can never end. */
  _owner: SelectorOwner;
  /** Resolves the wait in progress, or `null` when the loop is not waiting. */
  _resolve: (() => void) | null = null;
  /** Rejects the wait in progress, or `null`. */
  _reject: ((error: Error) => void) | null = null;
  /** The Node timer that ends the wait in progress, or `null` for a wait without a timeout. */
  _timer: NodeJS.Timeout | null = null;
  /**
   * Our 'beforeExit' listener, added at the first wait without a timeout and kept until the
   * loop stops (see `stopListening`): adding and removing one per wait cost more than the rest
   * of a wake-up from a worker thread.
   */
  _onBeforeExit: (() => void) | null = null;
  /** Ends the wait when its timer fires; made once, not per wait. */
  _onTimer = (): void => this.wakeUp();
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

  /** @param owner - The loop, asked for the error of a wait that can never end. */
  constructor(owner: SelectorOwner) {
    this._owner = owner;
  }

  /**
   * Waits until `wakeUp()` is called or `timeout` seconds of real time have passed.
   *
   * If Node runs out of work while the loop waits without a timeout, nothing is left that could
   * wake the loop: the wait fails with the owner's `_hostIdleError()`.
   *
   * @param timeout - Seconds, or `null` to wait for a wake-up only.
   */
  select(timeout: number | null): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this._resolve = resolve;
      this._reject = reject;
      if (timeout === null) {
        this._listenForHostIdle();
      } else {
        // Round up: a timer that fires early would only make the loop wait a second time.
        const ms = Math.min(Math.ceil(timeout * 1000), MAX_TIMEOUT_MS);
        this._timer = setTimeout(this._onTimer, ms);
      }
    });
  }

  /**
   * Ends the wait in progress, if any (asyncio's `_write_to_self`). Outside a wait it does
   * nothing: whatever woke us is already in the ready queue, which the next iteration sees.
   */
  wakeUp(): void {
    const resolve = this._resolve;
    if (resolve === null) return;
    this._endWait();
    resolve();
  }

  /** Removes the 'beforeExit' listener; the loop calls it when it stops running. */
  stopListening(): void {
    if (this._onBeforeExit === null) return;
    process.removeListener('beforeExit', this._onBeforeExit);
    this._onBeforeExit = null;
  }

  /**
   * Makes sure that our 'beforeExit' listener is there. Node emits 'beforeExit' only when its
   * event loop is empty: if the loop then waits without a timer, that wait can never end.
   */
  _listenForHostIdle(): void {
    if (this._onBeforeExit !== null) return;
    this._onBeforeExit = () => {
      const reject = this._reject;
      if (reject === null || this._timer !== null) return;
      this._endWait();
      reject(this._owner._hostIdleError());
    };
    process.on('beforeExit', this._onBeforeExit);
  }

  /** Forgets the wait in progress and its timer; the loop takes control back. */
  _endWait(): void {
    this._resolve = null;
    this._reject = null;
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
    this.startSlice();
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
