import { describe, expect, test } from 'vitest';
import { ValueError } from '#course/errors';
import { gather, shield } from '#course/groups';
import { newEventLoop } from '#course/loop';
import { type Coroutine, createTask, currentTask, sleep } from '#course/tasks';
import { caught, errorText, failAfter, now, returnAfter, runVirtual } from '#testing/05-groups';

describe("05.4 shield: protection from the waiter's cancellation", () => {
  test('shield of a future that is done already returns that very future', () => {
    const loop = newEventLoop({ clock: 'virtual' });
    const fut = loop.createFuture<number>();
    fut.setResult(1);
    expect(shield(fut)).toBe(fut);
  });

  test('awaiting the shield gives the result, or the error, of what it protects', async () => {
    const result = await runVirtual(
      (function* () {
        const ok = yield* shield(returnAfter(1, 'ok'));
        const error = yield* caught(() =>
          shield(failAfter(1, new ValueError('no')))[Symbol.iterator](),
        );
        return [ok, errorText(error)];
      })(),
    );
    expect(result).toEqual(['ok', 'ValueError: no']);
  });

  test('a coroutine given to shield runs in a task of its own', async () => {
    const result = await runVirtual(
      (function* () {
        const caller = currentTask();
        function* work(): Coroutine<boolean> {
          yield* sleep(1);
          return currentTask() !== caller;
        }
        return yield* shield(work());
      })(),
    );
    expect(result).toBe(true);
  });

  test('when what it protects is cancelled, the shield is cancelled too', async () => {
    const result = await runVirtual(
      (function* () {
        const inner = createTask(sleep(5));
        const outer = shield(inner);
        yield* sleep(0);
        inner.cancel();
        const error = yield* caught(() => outer[Symbol.iterator]());
        return [errorText(error), outer.cancelled()];
      })(),
    );
    expect(result).toEqual(['CancelledError', true]);
  });

  test('cancelling the task that awaits the shield leaves the protected task running to its end', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const inner = createTask(
          (function* () {
            yield* sleep(1);
            log.push(`inner finished at ${now()}`);
            return 'inner result';
          })(),
          { name: 'inner' },
        );
        const waiter = createTask(
          (function* () {
            return yield* shield(inner);
          })(),
        );
        yield* sleep(0.5);
        waiter.cancel();
        const error = yield* caught(() => waiter[Symbol.iterator]());
        log.push(
          `waiter threw ${errorText(error)} at ${now()}, inner cancelled: ${inner.cancelled()}`,
        );
        log.push(`inner returned ${yield* inner}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'waiter threw CancelledError at 0.5, inner cancelled: false',
      'inner finished at 1',
      'inner returned inner result',
    ]);
  });

  test('cancelling a gather of shielded tasks leaves the tasks running', async () => {
    const result = await runVirtual(
      (function* () {
        const t1 = createTask(returnAfter(1, 'a'));
        const t2 = createTask(returnAfter(2, 'b'));
        const outer = gather([shield(t1), shield(t2)]);
        yield* sleep(0);
        outer.cancel();
        const error = yield* caught(() => outer[Symbol.iterator]());
        return [errorText(error), yield* t1, yield* t2, now()];
      })(),
    );
    expect(result).toEqual(['CancelledError', 'a', 'b', 2]);
  });
});
