// biome-ignore-all lint/correctness/useYield: a group body that only starts children awaits nothing itself.
import { describe, expect, test } from 'vitest';
import { RuntimeError, ValueError } from '#course/errors';
import { ExceptionGroup, TaskGroup, taskGroup } from '#course/groups';
import { type ExceptionContext, getRunningLoop } from '#course/loop';
import { type Coroutine, createTask, sleep, type Task } from '#course/tasks';
import {
  caught,
  errorText,
  failAfter,
  me,
  now,
  returnAfter,
  runVirtual,
  sleepLogging,
} from '#testing/05-groups';

describe('05.6 A failing child cancels its siblings and the body', () => {
  test('a failing child cancels its siblings and the body, and the group throws its error in an ExceptionGroup', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const error = yield* caught(() =>
          taskGroup(function* (tg) {
            tg.createTask(failAfter(1, new ValueError('boom')));
            tg.createTask(sleepLogging(5, 'sibling', log));
            yield* sleepLogging(10, 'body', log);
            log.push('after the sleep in the body (never)');
          }),
        );
        log.push(`the group threw ${errorText(error)} at ${now()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'sibling got CancelledError at 1',
      'body got CancelledError at 1',
      'the group threw ExceptionGroup: unhandled errors in a TaskGroup [ValueError: boom] at 1',
    ]);
  });

  test('the group throws a real ExceptionGroup, whose members are the very errors the children threw', async () => {
    const boom = new ValueError('boom');
    const error = await runVirtual(
      caught(() =>
        taskGroup(function* (tg) {
          tg.createTask(failAfter(1, boom));
        }),
      ),
    );
    expect(error).toBeInstanceOf(ExceptionGroup);
    expect((error as ExceptionGroup).message).toBe('unhandled errors in a TaskGroup');
    expect((error as ExceptionGroup).exceptions).toEqual([boom]);
    expect((error as ExceptionGroup).exceptions[0]).toBe(boom);
  });

  test('the group waits for the cancelled siblings to finish their cleanup before it throws', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        function* slowCleanup(): Coroutine<void> {
          try {
            yield* sleep(10);
          } finally {
            yield* sleep(2);
            log.push(`sibling cleaned up at ${now()}`);
          }
        }
        const error = yield* caught(() =>
          taskGroup(function* (tg) {
            tg.createTask(failAfter(1, new ValueError('boom')));
            tg.createTask(slowCleanup());
          }),
        );
        log.push(`the group threw ${errorText(error)} at ${now()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'sibling cleaned up at 3',
      'the group threw ExceptionGroup: unhandled errors in a TaskGroup [ValueError: boom] at 3',
    ]);
  });

  test('while the group aborts, the parent task shows one cancellation; after the group it is back to 0 and awaits normally', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        yield* caught(() =>
          taskGroup(function* (tg) {
            tg.createTask(failAfter(1, new ValueError('boom')));
            try {
              yield* sleep(10);
            } catch (error) {
              log.push(`in the body: cancelling() is ${me().cancelling()}`);
              throw error;
            }
          }),
        );
        log.push(`after the group: cancelling() is ${me().cancelling()}`);
        yield* sleep(1);
        log.push(`slept normally until ${now()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'in the body: cancelling() is 1',
      'after the group: cancelling() is 0',
      'slept normally until 2',
    ]);
  });

  test('errors of several children are collected in the order they failed, including errors raised while being cancelled', async () => {
    const text = await runVirtual(
      (function* () {
        function* failsInCleanup(): Coroutine<void> {
          try {
            yield* sleep(10);
          } catch {
            throw new ValueError('cleanup failed');
          }
        }
        const error = yield* caught(() =>
          taskGroup(function* (tg) {
            tg.createTask(failAfter(2, new RuntimeError('late, never')));
            tg.createTask(failAfter(1, new TypeError('first')));
            tg.createTask(failsInCleanup());
          }),
        );
        return errorText(error);
      })(),
    );
    expect(text).toBe(
      'ExceptionGroup: unhandled errors in a TaskGroup [TypeError: first, ValueError: cleanup failed]',
    );
  });

  test('children failing in the same iteration are all collected', async () => {
    const text = await runVirtual(
      (function* () {
        const error = yield* caught(() =>
          taskGroup(function* (tg) {
            tg.createTask(failAfter(0, new TypeError('a')));
            tg.createTask(failAfter(0, new ValueError('b')));
          }),
        );
        return errorText(error);
      })(),
    );
    expect(text).toMatch(/^ExceptionGroup: unhandled errors in a TaskGroup \[/);
    expect((text.match(/Error: [ab]/g) ?? []).sort()).toEqual(['Error: a', 'Error: b']);
  });

  test("an error in the body cancels the children, and joins the group after the children's errors", async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const children: Task<unknown>[] = [];
        function* failsInCleanup(): Coroutine<void> {
          try {
            yield* sleep(10);
          } catch {
            throw new ValueError('child cleanup');
          }
        }
        const error = yield* caught(() =>
          taskGroup(function* (tg) {
            children.push(tg.createTask(failsInCleanup()), tg.createTask(returnAfter(10, 'b')));
            yield* sleep(1);
            throw new RuntimeError('body');
          }),
        );
        log.push(`the group threw ${errorText(error)} at ${now()}`);
        log.push(`children cancelled: ${children.map((c) => c.cancelled()).join(' ')}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'the group threw ExceptionGroup: unhandled errors in a TaskGroup [ValueError: child cleanup, RuntimeError: body] at 1',
      'children cancelled: false true',
    ]);
  });

  test('a body error alone makes a group of one, and leaves cancelling() at 0', async () => {
    const result = await runVirtual(
      (function* () {
        const error = yield* caught(() =>
          taskGroup(function* (tg) {
            tg.createTask(returnAfter(5, 'cancelled'));
            yield* sleep(1);
            throw new RuntimeError('body');
          }),
        );
        return [errorText(error), me().cancelling()];
      })(),
    );
    expect(result).toEqual([
      'ExceptionGroup: unhandled errors in a TaskGroup [RuntimeError: body]',
      0,
    ]);
  });

  test('a child cancelled on its own is not an error: the group neither aborts nor throws', async () => {
    const result = await runVirtual(
      (function* () {
        let other: Task<string> | undefined;
        yield* taskGroup(function* (tg) {
          const victim = tg.createTask(returnAfter(5, 'never'));
          other = tg.createTask(returnAfter(1, 'other'));
          yield* sleep(0);
          victim.cancel();
        });
        return [other?.result(), now(), me().cancelling()];
      })(),
    );
    expect(result).toEqual(['other', 1, 0]);
  });

  test('anything thrown is grouped, not only Errors: a cleanup of the body that throws undefined joins the group, and cancelling() is back to 0', async () => {
    const [members, cancelling] = await runVirtual(
      (function* () {
        const error = yield* caught(() =>
          taskGroup(function* (tg) {
            tg.createTask(failAfter(1, 'a string'));
            try {
              yield* sleep(10);
            } finally {
              // biome-ignore lint/correctness/noUnsafeFinally: the point: cleanup that throws.
              throw undefined;
            }
          }),
        );
        return [(error as ExceptionGroup).exceptions, me().cancelling()] as const;
      })(),
    );
    expect(members).toEqual(['a string', undefined]);
    expect(cancelling).toBe(0);
  });

  test("a child failing after its parent task is done goes to the loop's exception handler", async () => {
    const reports = await runVirtual(
      (function* () {
        const reports: string[] = [];
        getRunningLoop().setExceptionHandler((_loop, context: ExceptionContext) => {
          reports.push(`${context.message} | ${errorText(context.exception)}`);
        });
        // enter() without exit(): only the protocol by hand can leave a group this way.
        const parent = createTask(
          (function* () {
            const tg = new TaskGroup();
            yield* tg.enter();
            tg.createTask(failAfter(1, new ValueError('late')), { name: 'orphan' });
          })(),
          { name: 'parent' },
        );
        yield* parent;
        yield* sleep(2);
        return reports;
      })(),
    );
    expect(reports.length).toBe(1);
    expect(reports[0]).toMatch(
      /^Task <Task finished name='orphan'.*> has errored out but its parent task <Task finished name='parent'.*> is already completed \| ValueError: late$/,
    );
  });
});
