/**
 * Test helpers for lesson 02 (futures). No event loop exists yet, so the suites give each
 * future a {@link ManualScheduler}: a `callSoon` that only queues, and a `runOnce()` that the
 * test calls to play one round of what was queued, as one iteration of a loop would.
 */

/** A callback queued with `callSoon`, with its arguments. */
export interface QueuedCallback {
  callback: (...args: never[]) => unknown;
  args: unknown[];
}

/**
 * The smallest scheduler a future accepts as its `loop`: `callSoon` queues, and nothing runs
 * until the test calls {@link ManualScheduler.runOnce}. An error thrown by a callback is kept in
 * `errors` and the next callback still runs, as a loop would do.
 */
export class ManualScheduler {
  /** The callbacks queued and not yet run, in order. */
  queue: QueuedCallback[] = [];
  /** What the callbacks threw, in order. */
  errors: unknown[] = [];
  /** How many times `callSoon` was called. */
  calls = 0;

  /** Queues `callback(...args)` for the next {@link runOnce}. */
  callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): void {
    this.calls++;
    this.queue.push({ callback: callback as (...args: never[]) => unknown, args });
  }

  /**
   * Runs the callbacks queued before the call, in order, as one loop iteration does; those they
   * queue wait for the next round. Returns how many ran.
   */
  runOnce(): number {
    const round = this.queue;
    this.queue = [];
    for (const { callback, args } of round) {
      try {
        (callback as (...args: unknown[]) => unknown)(...args);
      } catch (error) {
        this.errors.push(error);
      }
    }
    return round.length;
  }

  /** Runs rounds until nothing is queued (at most `limit` rounds). Returns the number of rounds. */
  runUntilIdle(limit = 100): number {
    let rounds = 0;
    while (this.queue.length > 0 && rounds < limit) {
      this.runOnce();
      rounds++;
    }
    return rounds;
  }
}

/** A future as the driver sees it: only the flag and the done callback (duck-typed). */
interface Awaited {
  _asyncioFutureBlocking: boolean;
  addDoneCallback(fn: (future: never) => unknown): void;
}

/** What {@link drive} reports: whether the coroutine finished, and with what. */
export interface DriveOutcome<T> {
  done: boolean;
  value?: T;
  error?: unknown;
}

/**
 * A tiny stand-in for lesson 04's task: steps `coro`, and each time it yields a future awaited
 * with `yield*` (its blocking flag set), clears the flag and resumes the coroutine from that
 * future's done callback. Anything else that is yielded is an error here.
 */
export function drive<T>(coro: Generator<unknown, T, unknown>): DriveOutcome<T> {
  const outcome: DriveOutcome<T> = { done: false };
  const step = (): void => {
    let next: IteratorResult<unknown, T>;
    try {
      next = coro.next();
    } catch (error) {
      outcome.done = true;
      outcome.error = error;
      return;
    }
    if (next.done) {
      outcome.done = true;
      outcome.value = next.value;
      return;
    }
    const yielded = next.value as Awaited;
    if (yielded?._asyncioFutureBlocking !== true) {
      throw new Error('drive(): the coroutine yielded something other than a future with yield*');
    }
    yielded._asyncioFutureBlocking = false;
    yielded.addDoneCallback(step);
  };
  step();
  return outcome;
}
