/** Helpers shared by the reference's own tests. */
import { type Coroutine, type EventLoop, newEventLoop, run, sleep } from '../src/index.ts';

/** A new loop on the virtual clock. */
export function virtualLoop(): EventLoop {
  return newEventLoop({ clock: 'virtual' });
}

/**
 * Runs exactly one iteration of `loop` (CPython's `test_utils.run_briefly` runs a few): a loop
 * stopped before `runForever` runs one iteration and returns.
 */
export async function runOnce(loop: EventLoop): Promise<void> {
  loop.stop();
  await loop.runForever();
}

/** A scheduler without a loop: callbacks wait in a list until `flush()` runs them. */
export class ManualScheduler {
  queue: (() => void)[] = [];

  callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): void {
    this.queue.push(() => callback(...args));
  }

  /** Runs what is queued now; what those callbacks schedule waits for the next flush. */
  flush(): void {
    const batch = this.queue;
    this.queue = [];
    for (const run of batch) run();
  }
}

/** Runs `main` on a virtual-clock loop, as the tests of the course do. */
export function runVirtual<T>(main: Coroutine<T>): Promise<T> {
  return run(main, { clock: 'virtual' });
}

/** Returns what `body` throws at its `yield*` (or what it returns), for error-delivery tests. */
export function* caught(body: () => Coroutine<unknown>): Coroutine<unknown> {
  try {
    return yield* body();
  } catch (e) {
    return e;
  }
}

/** Sleeps for `delay`, then returns `value`: a child that succeeds late. */
export function* returnAfter<T>(delay: number, value: T): Coroutine<T> {
  yield* sleep(delay);
  return value;
}

/** Sleeps for `delay`, then throws `error`: a child that fails late. */
export function* failAfter(delay: number, error: unknown): Coroutine<never> {
  yield* sleep(delay);
  throw error;
}
