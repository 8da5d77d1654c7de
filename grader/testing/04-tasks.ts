/**
 * Test helpers for lesson 04 (tasks). The suites run tasks on loops with the virtual clock, which
 * starts at 0 and jumps to the next timer, so that they are fast and always run in the same order.
 * A loop on the virtual clock with nothing left to do rejects with a `deadlock:` error instead of
 * hanging, so a task that never wakes up fails its test at once.
 */
import type { EventLoop } from '#course/loop';
import type { Coroutine, Task } from '#course/tasks';
// Importing tasks.ts registers its task factory with the loop (lesson 03's hook): from here on
// `loop.createTask` and `loop.runUntilComplete(coro)` make a Task.
import '#course/tasks';
import { virtualLoop } from './03-loop.ts';

export { runOneIteration, virtualLoop } from './03-loop.ts';
export { errorText, type Settled, settle } from './common.ts';

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
