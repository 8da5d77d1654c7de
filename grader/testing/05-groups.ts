/**
 * Test helpers for lesson 05 (task groups and timeouts). The suites run their coroutines with
 * `run(main, { clock: 'virtual' })`: time starts at 0 and jumps to the next timer, so that a test
 * that sleeps for an hour takes no time and always runs in the same order. (The tests never
 * depend on the order of two timers due at the same time: asyncio does not define it.)
 */
import { getRunningLoop } from '#course/loop';
import { type Coroutine, currentTask, run, sleep, type Task } from '#course/tasks';
import { errorText as plainErrorText } from './common.ts';

export { caught } from './04-tasks.ts';

/** Runs `main` as the main task of a new loop on the virtual clock (`asyncio.run`). */
export function runVirtual<T>(main: Coroutine<T>): Promise<T> {
  return run(main, { clock: 'virtual' });
}

/** The task running now (every test body runs in one). */
export function me(): Task<unknown> {
  const task = currentTask();
  if (task === null) throw new Error('the test expected to run inside a task');
  return task;
}

/** The running loop's time, in seconds. */
export function now(): number {
  return getRunningLoop().time();
}

/** Sleeps `delay` seconds, then returns `value`. */
export function* returnAfter<T>(delay: number, value: T): Coroutine<T> {
  yield* sleep(delay);
  return value;
}

/** Sleeps `delay` seconds, then throws `error`. */
export function* failAfter(delay: number, error: unknown): Coroutine<never> {
  yield* sleep(delay);
  throw error;
}

/**
 * Sleeps `delay` seconds, then logs `<name> done at <time>`; if the sleep throws (it is
 * cancelled), logs `<name> got CancelledError at <time>` and lets the error through.
 */
export function* sleepLogging(delay: number, name: string, log: string[]): Coroutine<void> {
  try {
    yield* sleep(delay);
  } catch (error) {
    log.push(`${name} got ${errorText(error)} at ${now()}`);
    throw error;
  }
  log.push(`${name} done at ${now()}`);
}

/**
 * Describes a thrown value for a log a learner can read: `ValueError: boom`, only the name when
 * the message is empty (`CancelledError`), a group with its members
 * (`ExceptionGroup: unhandled errors in a TaskGroup [ValueError: a, ValueError: b]`), and
 * `thrown <type>: <value>` for a value that is not an Error.
 */
export function errorText(error: unknown): string {
  const text = plainErrorText(error);
  if (!(error instanceof Error)) return text;
  const members = (error as { exceptions?: unknown }).exceptions;
  return Array.isArray(members) ? `${text} [${members.map(errorText).join(', ')}]` : text;
}
