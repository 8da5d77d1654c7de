// biome-ignore-all lint/correctness/useYield: some timed bodies never await, on purpose.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  ExceptionGroup,
  getRunningLoop,
  RuntimeError,
  sleep,
  type Task,
  Timeout,
  TimeoutError,
  taskGroup,
  timeout,
  timeoutAt,
  ValueError,
  waitFor,
} from '../src/index.ts';
import { caught, runVirtual, virtualLoop } from './helpers.ts';

function me(): Task<unknown> {
  const task = currentTask();
  if (task === null) throw new Error('not in a task');
  return task;
}

const now = () => getRunningLoop().time();

/** Runs `body` inside `timeout(delay)`, returning what it threw (or returned) and the Timeout. */
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
  return [outcome, cm as Timeout];
}

describe('timeout and timeoutAt (catalogue 5)', () => {
  test('5.1 an expired timeout raises TimeoutError caused by the CancelledError, and leaves cancelling() at 0', async () => {
    const [error, cm, cancelling] = await runVirtual(
      (function* () {
        const [error, cm] = yield* timed(0.01, () => sleep(10));
        return [error, cm, me().cancelling()] as const;
      })(),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).cause).toBeInstanceOf(CancelledError);
    expect(cm.expired()).toBe(true);
    expect(cancelling).toBe(0);
  });

  test('5.2 timeoutAt(deadline) behaves the same, and when() is the deadline', async () => {
    const [error, cm] = await runVirtual(
      (function* () {
        let cm: Timeout | undefined;
        const error = yield* caught(() =>
          timeoutAt(now() + 0.01, (t) => {
            cm = t;
            return sleep(10);
          }),
        );
        return [error, cm as Timeout] as const;
      })(),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(cm.expired()).toBe(true);
    expect(cm.when()).toBe(0.01);
  });

  test('5.3 the body sees CancelledError, not TimeoutError; the conversion happens at exit', async () => {
    const seen: unknown[] = [];
    const [error] = await runVirtual(
      timed(0.01, function* () {
        try {
          yield* sleep(10);
        } catch (e) {
          seen.push(e);
          throw e;
        }
      }),
    );
    expect(seen).toEqual([new CancelledError()]);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).cause).toBe(seen[0]);
  });

  test('5.4 a timeout that does not expire returns the body result, not expired, with when() in the future', async () => {
    const [result, cm, whenWasLater] = await runVirtual(
      (function* () {
        let later = false;
        const [result, cm] = yield* timed(10, function* (t) {
          yield* sleep(1);
          later = (t.when() ?? 0) > now();
          return 'done';
        });
        return [result, cm, later] as const;
      })(),
    );
    expect(result).toBe('done');
    expect(cm.expired()).toBe(false);
    expect(whenWasLater).toBe(true);
  });

  test('5.5 timeout(null) and timeoutAt(null) never fire, and when() is null', async () => {
    const result = await runVirtual(
      (function* () {
        const a = yield* timeout(null, function* (t) {
          yield* sleep(3600);
          return [t.when(), t.expired()];
        });
        const b = yield* timeoutAt(undefined, function* (t) {
          yield* sleep(3600);
          return [t.when(), t.expired()];
        });
        return [a, b];
      })(),
    );
    expect(result).toEqual([
      [null, false],
      [null, false],
    ]);
  });

  test('5.6 a zero or past deadline fires after one iteration: timeout(0) or timeout(-11) with sleep(0) or sleep(10)', async () => {
    const errors = await runVirtual(
      (function* () {
        const out: unknown[] = [];
        for (const [delay, nap] of [
          [0, 10],
          [0, 0],
          [-11, 0],
        ] as const) {
          const [error, cm] = yield* timed(delay, () => sleep(nap));
          out.push([error instanceof TimeoutError, cm.expired()]);
        }
        return [out, now()];
      })(),
    );
    expect(errors).toEqual([
      [
        [true, true],
        [true, true],
        [true, true],
      ],
      0,
    ]);
  });

  test('5.7 a body that never yields cannot time out, even at timeout(0)', async () => {
    const [result, cm] = await runVirtual(
      timed(0, function* () {
        return 'no await';
      }),
    );
    expect(result).toBe('no await');
    expect(cm.expired()).toBe(false);
  });

  test('5.8 a foreign error before expiry passes through, not expired', async () => {
    const keyError = new ValueError('key');
    const [error, cm] = await runVirtual(
      timed(0.01, function* () {
        throw keyError;
      }),
    );
    expect(error).toBe(keyError);
    expect(cm.expired()).toBe(false);
  });

  test('5.9 a foreign cancel before expiry stays a CancelledError, not expired', async () => {
    const [error, cm] = await runVirtual(
      (function* () {
        const inner = createTask(
          timed(10, function* () {
            me().cancel();
            yield* sleep(10);
          }),
        );
        return yield* inner;
      })(),
    );
    expect(error).toEqual(new CancelledError());
    expect(cm.expired()).toBe(false);
  });

  test('5.10 an expiry plus a foreign cancel gives CancelledError: uncancel() stays above the baseline', async () => {
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
    expect(error).toEqual(new CancelledError('foreign'));
    expect(cm.expired()).toBe(true);
  });

  test('5.11 nested timeouts with the same deadline: only the outermost raises TimeoutError, both expired', async () => {
    const result = await runVirtual(
      (function* () {
        let inner: unknown;
        let cm2: Timeout | undefined;
        const deadline = now() + 0.01;
        const [outer, cm1] = yield* (function* () {
          let cm1: Timeout | undefined;
          const error = yield* caught(() =>
            timeoutAt(deadline, function* (t1) {
              cm1 = t1;
              inner = yield* caught(() =>
                timeoutAt(deadline, (t2) => {
                  cm2 = t2;
                  return sleep(10);
                }),
              );
              throw inner;
            }),
          );
          return [error, cm1 as Timeout] as const;
        })();
        return [inner, outer, cm1.expired(), cm2?.expired()];
      })(),
    );
    expect(result[0]).toEqual(new CancelledError());
    expect(result[1]).toBeInstanceOf(TimeoutError);
    expect(result.slice(2)).toEqual([true, true]);
  });

  test('5.12 an inner timeout expiring first raises TimeoutError and leaves the outer one alone', async () => {
    const result = await runVirtual(
      timed(10, function* (outer) {
        const [inner, cm] = yield* timed(0.1, () => sleep(1));
        return [inner instanceof TimeoutError, cm.expired(), outer.expired(), now()];
      }),
    );
    expect(result[0]).toEqual([true, true, false, 0.1]);
    expect(result[1].expired()).toBe(false);
  });

  test('5.12 after an inner TimeoutError is caught, the outer timeout still interrupts a later sleep', async () => {
    const [error, cm] = await runVirtual(
      timed(0.1, function* () {
        yield* timed(0.01, () => sleep(1));
        yield* sleep(10);
      }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(cm.expired()).toBe(true);
  });

  test('5.13 a task that caught a TimeoutError is not left cancelled', async () => {
    const task = await runVirtual(
      (function* () {
        const t = createTask(timed(0.001, () => sleep(10)));
        yield* t;
        return t;
      })(),
    );
    expect(task.done()).toBe(true);
    expect(task.cancelled()).toBe(false);
  });

  test('5.14 reschedule moves the deadline, and null disables it', async () => {
    const result = await runVirtual(
      (function* () {
        const deadline1 = now() + 10;
        const deadline2 = deadline1 + 20;
        const entered = getRunningLoop().createFuture<Timeout>();
        const task = createTask(
          timeoutAt(deadline1, function* (t) {
            entered.setResult(t);
            yield* sleep(50);
          }),
        );
        const cm = yield* entered;
        const whens = [cm.when()];
        cm.reschedule(deadline2);
        whens.push(cm.when());
        cm.reschedule(null);
        whens.push(cm.when());
        task.cancel();
        const error = yield* caught(() => task[Symbol.iterator]());
        return [whens, error, cm.expired()];
      })(),
    );
    expect(result).toEqual([[10, 30, null], new CancelledError(), false]);
  });

  test('5.14 reschedule refuses a timeout not entered, finished, expired, or expiring', async () => {
    const messages = await runVirtual(
      (function* () {
        const out: string[] = [];
        const attempt = (cm: Timeout) => {
          try {
            cm.reschedule(now() + 0.02);
          } catch (e) {
            out.push((e as Error).message);
          }
        };
        attempt(new Timeout(1));
        const [, finished] = yield* timed(0.01, function* () {});
        attempt(finished);
        const [, expired] = yield* timed(0.01, () => sleep(1));
        attempt(expired);
        yield* timed(0.01, function* (cm) {
          yield* caught(() => sleep(1));
          attempt(cm);
        });
        return out;
      })(),
    );
    expect(messages).toEqual([
      'Timeout has not been entered',
      'Cannot change state of finished Timeout',
      'Cannot change state of expired Timeout',
      'Cannot change state of expiring Timeout',
    ]);
  });

  test('5.15 entering a timeout twice raises "has already been entered"; outside a task, "should be used inside a task"', async () => {
    const errors = await runVirtual(
      (function* () {
        const nested = yield* timed(0.01, (cm) => cm.enter());
        const [, done] = yield* timed(0.01, function* () {});
        const again = yield* caught(() => done.enter());
        return [nested[0], again];
      })(),
    );
    expect(errors).toEqual([
      new RuntimeError('Timeout has already been entered'),
      new RuntimeError('Timeout has already been entered'),
    ]);
    const loop = virtualLoop();
    const cm = new Timeout(1);
    const outcome: unknown[] = [];
    loop.callSoon(() => {
      try {
        cm.enter().next();
      } catch (e) {
        outcome.push(e);
      }
      loop.stop();
    });
    await loop.runForever();
    expect(outcome).toEqual([new RuntimeError('Timeout should be used inside a task')]);
    expect(() => cm.reschedule(2)).toThrow('Timeout has not been entered');
  });

  test('5.16 the repr shows the state, and the deadline rounded to 3 decimals while active', async () => {
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
        const [, expired] = yield* timed(0.01, () => sleep(1));
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
      '<Timeout [expired]>',
    ]);
  });

  test('5.17 the baseline is relative: timeout(0) in a finally after a swallowed cancel still raises TimeoutError', async () => {
    const errors = await runVirtual(
      (function* () {
        const out: unknown[] = [];
        for (const cancelInside of [false, true]) {
          try {
            me().cancel();
            yield* sleep(1);
          } catch {
            // swallowed: cancelling() stays at 1
          } finally {
            const [error] = yield* timed(cancelInside ? 1 : 0, function* () {
              if (cancelInside) me().cancel();
              yield* sleep(2);
            });
            out.push(error);
          }
        }
        return out;
      })(),
    );
    expect(errors[0]).toBeInstanceOf(TimeoutError);
    expect(errors[1]).toEqual(new CancelledError());
  });

  test('5.18 a foreign error whose cause chain holds the CancelledError gets a TimeoutError inserted before it (3.13, through cause)', async () => {
    const [error] = await runVirtual(
      timed(0.01, function* () {
        try {
          yield* sleep(1);
        } catch (cancelled) {
          const during = new ValueError('cleanup failed', { cause: cancelled });
          throw new ValueError('outer', { cause: during });
        }
      }),
    );
    const e = error as Error;
    expect(e).toEqual(new ValueError('outer'));
    const during = e.cause as Error;
    expect(during).toEqual(new ValueError('cleanup failed'));
    expect(during.cause).toBeInstanceOf(TimeoutError);
    expect((during.cause as Error).cause).toBeInstanceOf(CancelledError);
  });

  test('5.18 an error without a cause is left as it is: JavaScript has no implicit __context__', async () => {
    const failure = new ValueError('finally');
    const [error] = await runVirtual(
      timed(0.01, function* () {
        try {
          yield* sleep(1);
        } finally {
          // biome-ignore lint/correctness/noUnsafeFinally: the point: cleanup that throws.
          throw failure;
        }
      }),
    );
    expect(error).toBe(failure);
    expect(Object.hasOwn(failure, 'cause')).toBe(false);
  });

  test('5.18 the members of a task group error raised by an expired body are patched too', async () => {
    const [error] = await runVirtual(
      timed(0.01, () =>
        taskGroup(function* (tg) {
          tg.createTask(
            (function* () {
              try {
                yield* sleep(2);
              } catch (cancelled) {
                throw new ValueError('crash in cleanup', { cause: cancelled });
              }
            })(),
          );
          yield* sleep(1);
        }),
      ),
    );
    expect(error).toBeInstanceOf(ExceptionGroup);
    const [member] = (error as ExceptionGroup<Error>).exceptions;
    const inserted = member?.cause as Error;
    expect(inserted).toBeInstanceOf(TimeoutError);
    expect(inserted.cause).toBeInstanceOf(CancelledError);
  });

  test('enter() and exit(...thrown) follow __aenter__/__aexit__: exit returns normally and the caller rethrows', async () => {
    const result = await runVirtual(
      (function* () {
        const cm = new Timeout(now() + 5);
        const entered = yield* cm.enter();
        const active = String(cm);
        const failure = new ValueError('body');
        // exit(error) returns: the timeout does not suppress, the caller must rethrow.
        yield* cm.exit(failure);
        return [entered === cm, active, String(cm), yield* caught(() => cm.exit())];
      })(),
    );
    expect(result).toEqual([
      true,
      '<Timeout [active] when=5.0>',
      '<Timeout [finished]>',
      new RuntimeError('Cannot exit finished Timeout'),
    ]);
  });

  test('property: nested timeouts raise TimeoutError from the outermost of those with the earliest deadline', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 6 }),
        async (deadlines) => {
          const [seen, expired, cancelling] = await runVirtual(
            (function* () {
              const seen: [number, string][] = [];
              const cms: Timeout[] = [];
              function* nest(i: number): Coroutine<void> {
                if (i === deadlines.length) {
                  yield* sleep(1000);
                  return;
                }
                try {
                  yield* timeout(deadlines[i], (cm) => {
                    cms.push(cm);
                    return nest(i + 1);
                  });
                } catch (e) {
                  seen.push([i, (e as Error).name]);
                  throw e;
                }
              }
              yield* caught(() => nest(0));
              return [seen, cms.map((cm) => cm.expired()), me().cancelling()] as const;
            })(),
          );
          // Checked on CPython 3.13 with 500 random nestings.
          const earliest = Math.min(...deadlines);
          const k = deadlines.indexOf(earliest);
          expect(seen).toEqual(
            deadlines
              .map((_, i) => [i, i > k ? 'CancelledError' : 'TimeoutError'] as [number, string])
              .reverse(),
          );
          expect(expired).toEqual(deadlines.map((d) => d === earliest));
          expect(cancelling).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('waitFor (catalogue 3b.14, 3b.15, 5.19)', () => {
  test('3b.14 a coroutine runs in the calling task, and its result is returned', async () => {
    const result = await runVirtual(
      (function* () {
        const caller = me();
        return yield* waitFor(
          (function* () {
            yield* sleep(1);
            return me() === caller;
          })(),
          2,
        );
      })(),
    );
    expect(result).toBe(true);
  });

  test('3b.14 on timeout the work is cancelled and unwinds before TimeoutError, caused by the CancelledError', async () => {
    const log: string[] = [];
    const error = await runVirtual(
      caught(() =>
        waitFor(
          (function* () {
            try {
              yield* sleep(10);
            } finally {
              yield* sleep(0.5);
              log.push(`cleanup done at ${now()}`);
            }
          })(),
          1,
        ),
      ),
    );
    expect(log).toEqual(['cleanup done at 1.5']);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).cause).toBeInstanceOf(CancelledError);
  });

  test('3b.14 a task given to waitFor is cancelled on timeout and awaited', async () => {
    const [error, cancelled] = await runVirtual(
      (function* () {
        const t = createTask(sleep(10));
        const error = yield* caught(() => waitFor(t, 1));
        return [error, t.cancelled()];
      })(),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(cancelled).toBe(true);
  });

  test('3b.15 an inner coroutine that suppresses the cancellation makes waitFor return its value', async () => {
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
        0.1,
      ),
    );
    expect(result).toBe(42);
  });

  test('3b.15 an error raised during the cancellation propagates instead of TimeoutError', async () => {
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
          0.1,
        ),
      ),
    );
    expect(error).toBe(failure);
  });

  test('3b.15 timeout null is a plain await', async () => {
    expect(await runVirtual(waitFor(sleep(3600, 'late'), null))).toBe('late');
  });

  test('3b.15 timeout <= 0 returns the result of a done future', async () => {
    const result = await runVirtual(
      (function* () {
        const fut = getRunningLoop().createFuture<string>();
        fut.setResult('ready');
        return [yield* waitFor(fut, 0), yield* waitFor(fut, -1)];
      })(),
    );
    expect(result).toEqual(['ready', 'ready']);
  });

  test('3b.15 timeout <= 0 with a coroutine raises TimeoutError and the body never starts', async () => {
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
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).cause).toBeInstanceOf(CancelledError);
    expect(started).toBe(false);
  });

  test('3b.15 cancelling the waiting task cancels the inner task', async () => {
    const [inner, outer] = await runVirtual(
      (function* () {
        const inner = createTask(sleep(10));
        const outer = createTask(waitFor(inner, 5));
        yield* sleep(1);
        outer.cancel();
        yield* caught(() => outer[Symbol.iterator]());
        return [inner.cancelled(), outer.cancelled()];
      })(),
    );
    expect([inner, outer]).toEqual([true, true]);
  });

  test('3b.15 gh-86296: a cancel arriving after the inner task finished still raises CancelledError', async () => {
    const result = await runVirtual(
      (function* () {
        let reachedEnd = false;
        const inner = createTask(
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
        return [error, inner.done(), yield* inner, reachedEnd];
      })(),
    );
    expect(result).toEqual([new CancelledError(), true, 'done', false]);
  });
});
