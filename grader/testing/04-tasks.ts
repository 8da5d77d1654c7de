/**
 * Test helpers for lesson 04 (tasks). The suites run tasks on loops with the virtual clock, which
 * starts at 0 and jumps to the next timer, so that they are fast and always run in the same order.
 * A loop on the virtual clock with nothing left to do rejects with a `deadlock:` error instead of
 * hanging, so a task that never wakes up fails its test at once.
 */
import { type EventLoop, newEventLoop } from '#course/loop';
import type { Coroutine, Task } from '#course/tasks';
// Importing tasks.ts registers its task factory with the loop (lesson 03's hook): from here on
// `loop.createTask` and `loop.runUntilComplete(coro)` make a Task.
import '#course/tasks';

/** A loop on the virtual clock. */
export function virtualLoop(): EventLoop {
  return newEventLoop({ clock: 'virtual' });
}

/**
 * Creates a task on `loop` with `loop.createTask` (which tasks.ts plugs into the loop of lesson
 * 03) and gives it its type: a `Task`, not just a `Future`.
 */
export function startTask<T>(loop: EventLoop, coro: Coroutine<T>, name?: string): Task<T> {
  return loop.createTask(coro, name === undefined ? undefined : { name }) as Task<T>;
}

/**
 * Runs `main` as a task on a new loop on the virtual clock, and closes the loop: `run(main)`
 * without `run`, which the last exercise of the lesson writes.
 */
export async function runVirtual<T>(main: Coroutine<T>): Promise<T> {
  const loop = virtualLoop();
  try {
    return await loop.runUntilComplete(startTask(loop, main, 'main'));
  } finally {
    loop.close();
  }
}

/**
 * Runs exactly one iteration: asyncio's "pre-stopped loop" (`stop()`, then `runForever()`), which
 * polls without waiting, runs what is ready, and returns.
 */
export async function runOneIteration(loop: EventLoop): Promise<void> {
  loop.stop();
  await loop.runForever();
}

/** What `settle` says about a promise. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Waits for a promise and says how it settled, without throwing. */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Describes an error for a log a learner can read: `RuntimeError: message`, only the name when
 * the message is empty (`CancelledError`), and `thrown <type>: <value>` for a value that is not
 * an Error.
 */
export function errorText(error: unknown): string {
  if (error instanceof Error)
    return error.message === '' ? error.name : `${error.name}: ${error.message}`;
  return `thrown ${typeof error}: ${String(error)}`;
}

/**
 * Runs `body` and returns what it throws at its `yield*` (or what it returns): a coroutine that
 * catches, for tests of errors thrown into a coroutine.
 */
export function* caught(body: () => Coroutine<unknown>): Coroutine<unknown> {
  try {
    return yield* body();
  } catch (error) {
    return error;
  }
}
