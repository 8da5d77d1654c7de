// biome-ignore-all lint/correctness/useYield: some timed bodies never await, on purpose.
import { describe, expect, test } from 'vitest';
import { CancelledError, TimeoutError, ValueError } from '#course/errors';
import { Timeout, timeout, timeoutAt } from '#course/groups';
import { newEventLoop } from '#course/loop';
import { type Coroutine, createTask, sleep } from '#course/tasks';
import { caught, errorText, me, now, runVirtual, sleepLogging } from '#testing/05-groups';

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

describe('05.9 timeout: cancel now, convert at exit', () => {
  test('at the deadline the body is cancelled, and timeout throws TimeoutError caused by that CancelledError', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        let seen: unknown;
        const [error, cm] = yield* timed(1, function* () {
          try {
            yield* sleep(10);
          } catch (e) {
            seen = e;
            log.push(`the body got ${errorText(e)} at ${now()}`);
            throw e;
          }
        });
        log.push(`timeout threw ${errorText(error)} at ${now()}`);
        log.push(`its cause is what the body got: ${(error as Error).cause === seen}`);
        log.push(`expired() ${cm.expired()}, cancelling() ${me().cancelling()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'the body got CancelledError at 1',
      'timeout threw TimeoutError at 1',
      'its cause is what the body got: true',
      'expired() true, cancelling() 0',
    ]);
  });

  test('the TimeoutError is an instance of TimeoutError, and the body never sees one', async () => {
    const seen: unknown[] = [];
    const [error] = await runVirtual(
      timed(0.5, function* () {
        try {
          yield* sleep(10);
        } catch (e) {
          seen.push(e);
          throw e;
        }
      }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(seen.length).toBe(1);
    expect(seen[0]).toBeInstanceOf(CancelledError);
  });

  test('timeoutAt(when) works the same with a deadline in loop time, and when() is that deadline', async () => {
    const result = await runVirtual(
      (function* () {
        yield* sleep(2);
        let when: number | null = null;
        const error = yield* caught(() =>
          timeoutAt(now() + 1, (cm) => {
            when = cm.when();
            return sleep(10);
          }),
        );
        return [errorText(error), when, now()];
      })(),
    );
    expect(result).toEqual(['TimeoutError', 3, 3]);
  });

  test('a body that finishes in time returns its result; the timeout has not expired', async () => {
    const result = await runVirtual(
      (function* () {
        const [value, cm] = yield* timed(10, function* (t) {
          yield* sleep(1);
          return `done at ${now()}, deadline ${t.when()}`;
        });
        return [value, cm.expired()];
      })(),
    );
    expect(result).toEqual(['done at 1, deadline 10', false]);
  });

  test('timeout(null) and timeoutAt(undefined) never fire, and their when() is null', async () => {
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
        return [a, b, now()];
      })(),
    );
    expect(result).toEqual([[null, false], [null, false], 7200]);
  });

  test('a deadline of now, or in the past, fires after one iteration', async () => {
    const result = await runVirtual(
      (function* () {
        const out: string[] = [];
        for (const [delay, nap] of [
          [0, 10],
          [0, 0],
          [-11, 0],
        ] as const) {
          const [error, cm] = yield* timed(delay, () => sleep(nap));
          out.push(
            `timeout(${delay}) around sleep(${nap}): ${errorText(error)}, expired ${cm.expired()}`,
          );
        }
        return [out, now()];
      })(),
    );
    expect(result).toEqual([
      [
        'timeout(0) around sleep(10): TimeoutError, expired true',
        'timeout(0) around sleep(0): TimeoutError, expired true',
        'timeout(-11) around sleep(0): TimeoutError, expired true',
      ],
      0,
    ]);
  });

  test('a body that never yields cannot time out, not even at timeout(0)', async () => {
    const [result, cm] = await runVirtual(
      timed(0, function* () {
        return 'no await';
      }),
    );
    expect(result).toBe('no await');
    expect(cm.expired()).toBe(false);
  });

  test('another error thrown before the deadline passes through unchanged, and the timeout has not expired', async () => {
    const failure = new ValueError('key');
    const [error, cm] = await runVirtual(
      timed(1, function* () {
        yield* sleep(0.5);
        throw failure;
      }),
    );
    expect(error).toBe(failure);
    expect(cm.expired()).toBe(false);
  });

  test('a cancellation from elsewhere before the deadline stays a CancelledError', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        let cm: Timeout | undefined;
        const inner = createTask(
          timeout(10, (t) => {
            cm = t;
            return sleep(5);
          }),
        );
        yield* sleep(1);
        inner.cancel();
        const error = yield* caught(() => inner[Symbol.iterator]());
        log.push(`the task threw ${errorText(error)}, cancelled() ${inner.cancelled()}`);
        log.push(`expired() ${cm?.expired()}`);
        return log;
      })(),
    );
    expect(log).toEqual(['the task threw CancelledError, cancelled() true', 'expired() false']);
  });

  test('once the block is left in time, its deadline no longer cancels anything', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        yield* timeout(1, () => sleep(0.5));
        yield* sleepLogging(2, 'the sleep after the block', log);
        return log;
      })(),
    );
    expect(log).toEqual(['the sleep after the block done at 2.5']);
  });

  test('a task that caught a TimeoutError goes on and finishes normally, not cancelled', async () => {
    const result = await runVirtual(
      (function* () {
        const t = createTask(
          (function* () {
            const [error] = yield* timed(1, () => sleep(10));
            yield* sleep(1);
            return `caught ${errorText(error)}, slept until ${now()}`;
          })(),
        );
        const value = yield* t;
        return [value, t.cancelled(), t.cancelling()];
      })(),
    );
    expect(result).toEqual(['caught TimeoutError, slept until 2', false, 0]);
  });

  test('the protocol by hand: enter() returns the Timeout, exit() after a body that finished returns', async () => {
    const result = await runVirtual(
      (function* () {
        const cm = new Timeout(now() + 5);
        const entered = yield* cm.enter();
        yield* sleep(1);
        yield* cm.exit();
        return [entered === cm, cm.expired(), cm.when()];
      })(),
    );
    expect(result).toEqual([true, false, 5]);
  });

  test('a timeout can be entered once ("has already been entered"), and only inside a task ("should be used inside a task")', async () => {
    const errors = await runVirtual(
      (function* () {
        const [nested] = yield* timed(1, (cm) => cm.enter());
        const [, done] = yield* timed(1, function* () {});
        const again = yield* caught(() => done.enter());
        return [errorText(nested), errorText(again)];
      })(),
    );
    expect(errors).toEqual([
      'RuntimeError: Timeout has already been entered',
      'RuntimeError: Timeout has already been entered',
    ]);
    const loop = newEventLoop({ clock: 'virtual' });
    const outcome: string[] = [];
    loop.callSoon(() => {
      try {
        new Timeout(1).enter().next();
        outcome.push('entered (never)');
      } catch (error) {
        outcome.push(errorText(error));
      }
      loop.stop();
    });
    await loop.runForever();
    loop.close();
    expect(outcome).toEqual(['RuntimeError: Timeout should be used inside a task']);
  });
});
