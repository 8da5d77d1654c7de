// biome-ignore-all lint/correctness/useYield: some timed bodies never await, on purpose.
import { describe, expect, test } from 'vitest';
import { CancelledError, TimeoutError, ValueError } from '#course/errors';
import { ExceptionGroup, Timeout, taskGroup, timeout, timeoutAt } from '#course/groups';
import { getRunningLoop } from '#course/loop';
import { type Coroutine, createTask, sleep } from '#course/tasks';
import {
  caught,
  errorText,
  failAfter,
  me,
  now,
  runVirtual,
  sleepLogging,
} from '#testing/05-groups';

/** Runs `body` inside `timeout(delay)`; returns what it threw (or returned) and the Timeout. */
function* timed(
  delay: number | null,
  body: (t: Timeout) => Coroutine<unknown>,
): Coroutine<[unknown, Timeout]> {
  let cm: Timeout | undefined;
  const outcome = yield* caught(() =>
    timeout(delay, (t) => {
      cm = t;
      return body(t);
    }),
  );
  if (cm === undefined) throw new Error('the body of timeout() never ran');
  return [outcome, cm];
}

describe('05.10 Whose cancellation is it: nested timeouts and reschedule', () => {
  test('an expiry plus a cancellation from elsewhere gives CancelledError: the count stays above the baseline', async () => {
    const [error, cm] = await runVirtual(
      timed(1, function* () {
        try {
          yield* sleep(10);
        } finally {
          me().cancel('foreign');
          yield* sleep(1);
        }
      }),
    );
    expect(errorText(error)).toBe('CancelledError: foreign');
    expect(cm.expired()).toBe(true);
  });

  test('nested timeouts with the same deadline: only the outermost throws TimeoutError, and both expired', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const deadline = now() + 1;
        let inner: Timeout | undefined;
        let outer: Timeout | undefined;
        const error = yield* caught(() =>
          timeoutAt(deadline, function* (t1) {
            outer = t1;
            const innerError = yield* caught(() =>
              timeoutAt(deadline, (t2) => {
                inner = t2;
                return sleep(10);
              }),
            );
            log.push(`the inner timeout threw ${errorText(innerError)}`);
            throw innerError;
          }),
        );
        log.push(`the outer timeout threw ${errorText(error)}`);
        log.push(`expired: inner ${inner?.expired()}, outer ${outer?.expired()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'the inner timeout threw CancelledError',
      'the outer timeout threw TimeoutError',
      'expired: inner true, outer true',
    ]);
  });

  test('an inner timeout that expires first throws TimeoutError and leaves the outer one alone', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const [outcome, outer] = yield* timed(10, function* () {
          const [error, inner] = yield* timed(1, () => sleep(5));
          log.push(`inner: ${errorText(error)} at ${now()}, expired ${inner.expired()}`);
          yield* sleep(1);
          return `the outer body went on until ${now()}`;
        });
        log.push(`outer: ${String(outcome)}, expired ${outer.expired()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'inner: TimeoutError at 1, expired true',
      'outer: the outer body went on until 2, expired false',
    ]);
  });

  test('after an inner TimeoutError is caught, the outer timeout still interrupts a later sleep', async () => {
    const [error, cm] = await runVirtual(
      timed(2, function* () {
        yield* timed(1, () => sleep(5));
        yield* sleep(10);
      }),
    );
    expect(errorText(error)).toBe('TimeoutError');
    expect(cm.expired()).toBe(true);
  });

  test('the baseline is the count at entry: after a swallowed cancel, a timeout in the finally still throws TimeoutError', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        try {
          me().cancel();
          yield* sleep(1);
        } catch {
          // swallowed: cancelling() stays at 1
        } finally {
          log.push(`cancelling() before the timeout: ${me().cancelling()}`);
          const [error] = yield* timed(0.5, () => sleep(2));
          log.push(`timeout threw ${errorText(error)}, cancelling() ${me().cancelling()}`);
        }
        return log;
      })(),
    );
    expect(log).toEqual([
      'cancelling() before the timeout: 1',
      'timeout threw TimeoutError, cancelling() 1',
    ]);
  });

  test('a timeout around a task group: the deadline cancels the body and the children, and throws TimeoutError', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const error = yield* caught(() =>
          timeout(1, () =>
            taskGroup(function* (tg) {
              tg.createTask(sleepLogging(10, 'child', log));
              yield* sleepLogging(10, 'body', log);
            }),
          ),
        );
        log.push(`threw ${errorText(error)}, cancelling() ${me().cancelling()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'body got CancelledError at 1',
      'child got CancelledError at 1',
      'threw TimeoutError, cancelling() 0',
    ]);
  });

  test("a timeout inside a task group whose child fails leaves the group's cancellation alone", async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        let cm: Timeout | undefined;
        const error = yield* caught(() =>
          taskGroup(function* (tg) {
            tg.createTask(failAfter(0.5, new ValueError('x')));
            yield* timeout(1, (t) => {
              cm = t;
              return sleep(10);
            });
          }),
        );
        log.push(`threw ${errorText(error)}, expired ${cm?.expired()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'threw ExceptionGroup: unhandled errors in a TaskGroup [ValueError: x], expired false',
    ]);
  });

  test('reschedule() moves the deadline; reschedule(null) removes it', async () => {
    const result = await runVirtual(
      (function* () {
        const entered = getRunningLoop().createFuture<Timeout>();
        const task = createTask(
          timeoutAt(10, function* (t) {
            entered.setResult(t);
            yield* sleep(50);
          }),
        );
        const cm = yield* entered;
        const whens = [cm.when()];
        cm.reschedule(30);
        whens.push(cm.when());
        cm.reschedule(null);
        whens.push(cm.when());
        yield* sleep(40);
        const stillRunning = !task.done();
        task.cancel();
        const error = yield* caught(() => task[Symbol.iterator]());
        return [whens, stillRunning, errorText(error), cm.expired()];
      })(),
    );
    expect(result).toEqual([[10, 30, null], true, 'CancelledError', false]);
  });

  test('reschedule() to a time already past fires in the next iteration', async () => {
    const result = await runVirtual(
      (function* () {
        const [error, cm] = yield* timed(10, function* (t) {
          yield* sleep(1);
          t.reschedule(now() - 1);
          yield* sleep(5);
        });
        return [errorText(error), cm.expired(), now()];
      })(),
    );
    expect(result).toEqual(['TimeoutError', true, 1]);
  });

  test('reschedule() is refused before enter, after a normal exit, after the expiry, and while expiring', async () => {
    const messages = await runVirtual(
      (function* () {
        const out: string[] = [];
        const attempt = (cm: Timeout) => {
          try {
            cm.reschedule(now() + 1);
            out.push('rescheduled');
          } catch (error) {
            out.push(errorText(error));
          }
        };
        attempt(new Timeout(1));
        const [, finished] = yield* timed(1, function* () {});
        attempt(finished);
        const [, expired] = yield* timed(1, () => sleep(5));
        attempt(expired);
        yield* timed(1, function* (cm) {
          yield* caught(() => sleep(5));
          attempt(cm);
        });
        return out;
      })(),
    );
    expect(messages).toEqual([
      'RuntimeError: Timeout has not been entered',
      'RuntimeError: Cannot change state of finished Timeout',
      'RuntimeError: Cannot change state of expired Timeout',
      'RuntimeError: Cannot change state of expiring Timeout',
    ]);
  });

  test("the repr shows the state, and the deadline rounded to 3 decimals while active, as asyncio's", async () => {
    const reprs = await runVirtual(
      (function* () {
        const out = [String(new Timeout(1))];
        yield* sleep(1.5);
        const [, finished] = yield* timed(10.12345, function* (cm) {
          out.push(String(cm));
        });
        out.push(String(finished));
        yield* timed(null, function* (cm) {
          out.push(String(cm));
        });
        yield* timed(10, function* (cm) {
          out.push(String(cm));
        });
        const [, expired] = yield* timed(1, function* (cm) {
          yield* caught(() => sleep(5));
          out.push(String(cm));
        });
        out.push(String(expired));
        return out;
      })(),
    );
    expect(reprs).toEqual([
      '<Timeout [created]>',
      '<Timeout [active] when=11.623>',
      '<Timeout [finished]>',
      '<Timeout [active] when=None>',
      '<Timeout [active] when=11.5>',
      '<Timeout [expiring]>',
      '<Timeout [expired]>',
    ]);
  });

  test('another error whose cause chain holds the CancelledError gets a TimeoutError inserted before it (3.13)', async () => {
    const [error] = await runVirtual(
      timed(1, function* () {
        try {
          yield* sleep(5);
        } catch (cancelled) {
          const during = new ValueError('cleanup failed', { cause: cancelled });
          throw new ValueError('outer', { cause: during });
        }
      }),
    );
    const chain: string[] = [];
    for (let link: unknown = error; link instanceof Error; link = link.cause) {
      chain.push(errorText(link));
    }
    expect(chain).toEqual([
      'ValueError: outer',
      'ValueError: cleanup failed',
      'TimeoutError',
      'CancelledError',
    ]);
  });

  test('an error without a cause is left as it is: JavaScript has no implicit __context__', async () => {
    const failure = new ValueError('finally');
    const [error] = await runVirtual(
      timed(1, function* () {
        try {
          yield* sleep(5);
        } finally {
          // biome-ignore lint/correctness/noUnsafeFinally: the point: cleanup that throws.
          throw failure;
        }
      }),
    );
    expect(error).toBe(failure);
    expect(failure.cause).toBe(undefined);
  });

  test('the members of an ExceptionGroup ending an expired body get the TimeoutError in their chain too', async () => {
    const [error] = await runVirtual(
      timed(1, () =>
        taskGroup(function* (tg) {
          tg.createTask(
            (function* () {
              try {
                yield* sleep(5);
              } catch (cancelled) {
                throw new ValueError('crash in cleanup', { cause: cancelled });
              }
            })(),
          );
          yield* sleep(2);
        }),
      ),
    );
    expect(error).toBeInstanceOf(ExceptionGroup);
    const [member] = (error as ExceptionGroup<Error>).exceptions;
    const inserted = member?.cause;
    expect(inserted).toBeInstanceOf(TimeoutError);
    expect((inserted as Error).cause).toBeInstanceOf(CancelledError);
  });
});
