// biome-ignore-all lint/correctness/useYield: a group body that only starts children awaits nothing itself.
import { describe, expect, test } from 'vitest';
import { CancelledError, RuntimeError, ValueError } from '#course/errors';
import { ExceptionGroup, taskGroup } from '#course/groups';
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

describe('05.7 Cancelled from outside', () => {
  test('cancelling the parent task cancels the body and the children, and the group throws the CancelledError, not a group', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        function* runner(): Coroutine<void> {
          try {
            yield* taskGroup(function* (tg) {
              tg.createTask(sleepLogging(5, 'child 1', log));
              tg.createTask(sleepLogging(5, 'child 2', log));
              yield* sleepLogging(10, 'body', log);
            });
          } catch (error) {
            log.push(`the group threw ${errorText(error)}, cancelling() ${me().cancelling()}`);
            throw error;
          }
        }
        const r = createTask(runner());
        yield* sleep(0.5);
        r.cancel('outside');
        yield* caught(() => r[Symbol.iterator]());
        log.push(`runner cancelled(): ${r.cancelled()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'body got CancelledError: outside at 0.5',
      'child 1 got CancelledError at 0.5',
      'child 2 got CancelledError at 0.5',
      'the group threw CancelledError: outside, cancelling() 1',
      'runner cancelled(): true',
    ]);
  });

  test('a cancellation that arrives while exit() waits cancels the children, and the group throws CancelledError', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const r = createTask(
          taskGroup(function* (tg) {
            tg.createTask(sleepLogging(5, 'child', log));
          }),
        );
        yield* sleep(0.5);
        r.cancel('outside');
        const error = yield* caught(() => r[Symbol.iterator]());
        log.push(`runner threw ${errorText(error)} at ${now()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'child got CancelledError at 0.5',
      'runner threw CancelledError: outside at 0.5',
    ]);
  });

  test('exit() keeps waiting for children slow to clean up, however often the parent is cancelled meanwhile', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        function* slowCleanup(): Coroutine<void> {
          try {
            yield* sleep(10);
          } finally {
            yield* sleep(1);
            log.push(`child cleaned up at ${now()}`);
          }
        }
        const r = createTask(
          taskGroup(function* (tg) {
            tg.createTask(slowCleanup());
            yield* sleep(10);
          }),
        );
        yield* sleep(0.5);
        r.cancel();
        yield* sleep(0.25);
        r.cancel();
        const error = yield* caught(() => r[Symbol.iterator]());
        log.push(`the group threw ${errorText(error)} at ${now()}`);
        return log;
      })(),
    );
    expect(log).toEqual(['child cleaned up at 1.5', 'the group threw CancelledError at 1.5']);
  });

  test('children that fail while being cancelled from outside win: the group throws their errors', async () => {
    const text = await runVirtual(
      (function* () {
        function* failsInCleanup(name: string): Coroutine<void> {
          try {
            yield* sleep(10);
          } catch {
            throw new ValueError(`${name} cleanup`);
          }
        }
        const r = createTask(
          taskGroup(function* (tg) {
            tg.createTask(failsInCleanup('a'));
            tg.createTask(failsInCleanup('b'));
            yield* sleep(10);
          }),
        );
        yield* sleep(0.5);
        r.cancel();
        return errorText(yield* caught(() => r[Symbol.iterator]()));
      })(),
    );
    expect(text).toBe(
      'ExceptionGroup: unhandled errors in a TaskGroup [ValueError: a cleanup, ValueError: b cleanup]',
    );
  });

  test('a body that turns the outside cancellation into an error makes the group throw a group of that error', async () => {
    const text = await runVirtual(
      (function* () {
        const r = createTask(
          taskGroup(function* () {
            try {
              yield* sleep(10);
            } catch {
              throw new ValueError('mine');
            }
          }),
        );
        yield* sleep(0.5);
        r.cancel();
        return errorText(yield* caught(() => r[Symbol.iterator]()));
      })(),
    );
    expect(text).toBe('ExceptionGroup: unhandled errors in a TaskGroup [ValueError: mine]');
  });

  test('an outside cancel racing a child error is not lost: cancelling() stays 1 and the next await after the group is cancelled', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const started = getRunningLoop().createFuture<null>();
        function* raiseError(): Coroutine<never> {
          started.setResult(null);
          yield* sleep(0);
          throw new RuntimeError('child');
        }
        function* inner(): Coroutine<void> {
          const error = yield* caught(() =>
            taskGroup(function* (tg) {
              tg.createTask(raiseError());
              yield* sleep(1);
              log.push('sleep in the group (never)');
            }),
          );
          log.push(`caught ${errorText(error)}, cancelling() ${me().cancelling()}`);
          yield* sleepLogging(1, 'sleep after the group', log);
        }
        const t = createTask(inner());
        yield* started;
        t.cancel();
        yield* caught(() => t[Symbol.iterator]());
        log.push(`inner cancelled(): ${t.cancelled()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'caught ExceptionGroup: unhandled errors in a TaskGroup [RuntimeError: child], cancelling() 1',
      'sleep after the group got CancelledError at 0',
      'inner cancelled(): true',
    ]);
  });

  test("nested groups: an inner group's error becomes one member of the outer group", async () => {
    const text = await runVirtual(
      (function* () {
        const error = yield* caught(() =>
          taskGroup(function* (outer) {
            outer.createTask(failAfter(10, new ValueError('outer, never')));
            yield* taskGroup(function* (inner) {
              inner.createTask(failAfter(1, new ValueError('inner')));
            });
          }),
        );
        return errorText(error);
      })(),
    );
    expect(text).toBe(
      'ExceptionGroup: unhandled errors in a TaskGroup [ExceptionGroup: unhandled errors in a TaskGroup [ValueError: inner]]',
    );
  });

  test('nested groups: when a child of the outer group fails first, the inner group is cancelled and the outer group is flat', async () => {
    const text = await runVirtual(
      (function* () {
        const error = yield* caught(() =>
          taskGroup(function* (outer) {
            outer.createTask(failAfter(1, new ValueError('outer')));
            yield* taskGroup(function* (inner) {
              inner.createTask(failAfter(10, new ValueError('inner, never')));
            });
          }),
        );
        return errorText(error);
      })(),
    );
    expect(text).toBe('ExceptionGroup: unhandled errors in a TaskGroup [ValueError: outer]');
  });

  test('nested groups both aborting: cancelling() is 1 between the groups and 0 after the outer one (3.13)', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const outerError = yield* caught(() =>
          taskGroup(function* (outer) {
            const innerError = yield* caught(() =>
              taskGroup(function* (inner) {
                inner.createTask(failAfter(0, new RuntimeError('inner')));
                outer.createTask(failAfter(0, new ValueError('outer')));
              }),
            );
            log.push(`inner group threw ${errorText(innerError)}`);
            log.push(`between the groups: cancelling() ${me().cancelling()}`);
          }),
        );
        log.push(`outer group threw ${errorText(outerError)}`);
        log.push(`after the groups: cancelling() ${me().cancelling()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'inner group threw ExceptionGroup: unhandled errors in a TaskGroup [RuntimeError: inner]',
      'between the groups: cancelling() 1',
      'outer group threw ExceptionGroup: unhandled errors in a TaskGroup [ValueError: outer]',
      'after the groups: cancelling() 0',
    ]);
  });

  test('a group does not turn an outside cancellation into an ExceptionGroup, even with children cancelled', async () => {
    const error = await runVirtual(
      (function* () {
        const r = createTask(
          taskGroup(function* (tg) {
            for (let i = 0; i < 3; i++) tg.createTask(sleep(10));
            yield* sleep(10);
          }),
        );
        yield* sleep(1);
        r.cancel();
        return yield* caught(() => r[Symbol.iterator]());
      })(),
    );
    expect(error).toBeInstanceOf(CancelledError);
    expect(error).not.toBeInstanceOf(ExceptionGroup);
  });
});
