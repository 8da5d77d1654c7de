import { describe, expect, test } from 'vitest';
import { CancelledError, TimeoutError, ValueError } from '#course/errors';
import { waitFor } from '#course/groups';
import { getRunningLoop } from '#course/loop';
import { type Coroutine, createTask, currentTask, sleep } from '#course/tasks';
import { caught, errorText, now, runVirtual } from '#testing/05-groups';

/** Sleeps `delay` seconds; when cancelled, cleans up for `cleanup` seconds first, logging it. */
function* slowToCancel(delay: number, cleanup: number, log: string[]): Coroutine<string> {
  try {
    yield* sleep(delay);
  } finally {
    yield* sleep(cleanup);
    log.push(`cleanup done at ${now()}`);
  }
  return 'finished';
}

describe('05.11 waitFor: a timeout around one awaitable', () => {
  test('waitFor(coroutine, t) runs the coroutine in the calling task and returns its result', async () => {
    const result = await runVirtual(
      (function* () {
        const caller = currentTask();
        function* work(): Coroutine<string> {
          yield* sleep(1);
          return `same task: ${currentTask() === caller}`;
        }
        return yield* waitFor(work(), 2);
      })(),
    );
    expect(result).toBe('same task: true');
  });

  test('on timeout the work is cancelled and unwinds first; then TimeoutError, caused by the CancelledError', async () => {
    const log: string[] = [];
    const error = await runVirtual(
      (function* () {
        const error = yield* caught(() => waitFor(slowToCancel(10, 0.5, log), 1));
        log.push(`waitFor threw ${errorText(error)} at ${now()}`);
        return error;
      })(),
    );
    expect(log).toEqual(['cleanup done at 1.5', 'waitFor threw TimeoutError at 1.5']);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).cause).toBeInstanceOf(CancelledError);
  });

  test('a task given to waitFor is cancelled on timeout, and waited for until it is done', async () => {
    const log: string[] = [];
    const result = await runVirtual(
      (function* () {
        const t = createTask(slowToCancel(10, 0.5, log));
        const error = yield* caught(() => waitFor(t, 1));
        log.push(`waitFor threw ${errorText(error)} at ${now()}`);
        return t.cancelled();
      })(),
    );
    expect(log).toEqual(['cleanup done at 1.5', 'waitFor threw TimeoutError at 1.5']);
    expect(result).toBe(true);
  });

  test('work that catches the cancellation and returns a value makes waitFor return that value', async () => {
    const result = await runVirtual(
      waitFor(
        (function* () {
          try {
            yield* sleep(10);
          } catch {
            return 42;
          }
          return 0;
        })(),
        1,
      ),
    );
    expect(result).toBe(42);
  });

  test('an error thrown while the work is being cancelled comes out instead of TimeoutError', async () => {
    const failure = new ValueError('during cancellation');
    const error = await runVirtual(
      caught(() =>
        waitFor(
          (function* () {
            try {
              yield* sleep(10);
            } catch {
              throw failure;
            }
          })(),
          1,
        ),
      ),
    );
    expect(error).toBe(failure);
  });

  test('a timeout of null waits for as long as it takes', async () => {
    const result = await runVirtual(
      (function* () {
        const value = yield* waitFor(sleep(3600, 'late'), null);
        return [value, now()];
      })(),
    );
    expect(result).toEqual(['late', 3600]);
  });

  test('a timeout of 0 or less gives the result of a future that is done already', async () => {
    const result = await runVirtual(
      (function* () {
        const fut = getRunningLoop().createFuture<string>();
        fut.setResult('ready');
        return [yield* waitFor(fut, 0), yield* waitFor(fut, -1)];
      })(),
    );
    expect(result).toEqual(['ready', 'ready']);
  });

  test('a timeout of 0 or less with a coroutine throws TimeoutError, and the coroutine never starts', async () => {
    let started = false;
    const error = await runVirtual(
      caught(() =>
        waitFor(
          (function* () {
            started = true;
            yield* sleep(0);
          })(),
          0,
        ),
      ),
    );
    expect(errorText(error)).toBe('TimeoutError');
    expect((error as Error).cause).toBeInstanceOf(CancelledError);
    expect(started).toBe(false);
  });

  test('a timeout of 0 or less with a running task cancels it and waits until it is done, then throws TimeoutError', async () => {
    const log: string[] = [];
    await runVirtual(
      (function* () {
        const t = createTask(slowToCancel(10, 0.5, log));
        yield* sleep(0);
        const error = yield* caught(() => waitFor(t, 0));
        log.push(`waitFor threw ${errorText(error)} at ${now()}, task cancelled ${t.cancelled()}`);
      })(),
    );
    expect(log).toEqual([
      'cleanup done at 0.5',
      'waitFor threw TimeoutError at 0.5, task cancelled true',
    ]);
  });

  test('cancelling the waiting task cancels the work, and the waiting task gets CancelledError, not TimeoutError', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const inner = createTask(sleep(10));
        const outer = createTask(waitFor(inner, 5));
        yield* sleep(1);
        outer.cancel();
        const error = yield* caught(() => outer[Symbol.iterator]());
        log.push(`outer threw ${errorText(error)} at ${now()}`);
        log.push(`inner cancelled ${inner.cancelled()}, outer cancelled ${outer.cancelled()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'outer threw CancelledError at 1',
      'inner cancelled true, outer cancelled true',
    ]);
  });

  test('a cancellation that arrives just after the work finished still cancels the waiting task (gh-86296)', async () => {
    const result = await runVirtual(
      (function* () {
        let reachedEnd = false;
        const inner = createTask(
          // biome-ignore lint/correctness/useYield: the work is done at its first step.
          (function* () {
            return 'done';
          })(),
        );
        const task = createTask(
          (function* () {
            yield* waitFor(inner, 100);
            yield* sleep(1);
            reachedEnd = true;
          })(),
        );
        yield* sleep(0);
        task.cancel();
        const error = yield* caught(() => task[Symbol.iterator]());
        return [errorText(error), inner.done(), yield* inner, reachedEnd];
      })(),
    );
    expect(result).toEqual(['CancelledError', true, 'done', false]);
  });
});
