import { describe, expect, test } from 'vitest';
import { CancelledError } from '#course/errors';
import { gather } from '#course/groups';
import { getRunningLoop } from '#course/loop';
import { type Coroutine, createTask, sleep } from '#course/tasks';
import { caught, errorText, now, returnAfter, runVirtual } from '#testing/05-groups';

describe('05.3 Cancelling a gather', () => {
  test('a cancelled child fails the gather with its CancelledError; the gather itself is not cancelled', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const t1 = createTask(returnAfter(1, 'a'));
        const t2 = createTask(returnAfter(2, 'b'));
        const outer = gather([t1, t2]);
        yield* sleep(0);
        t1.cancel('bye');
        const error = yield* caught(() => outer[Symbol.iterator]());
        log.push(`awaiting the gather threw ${errorText(error)}`);
        log.push(
          `gather: cancelled() ${outer.cancelled()}, exception() ${errorText(outer.exception())}`,
        );
        log.push(`the other child goes on: ${yield* t2} at ${now()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'awaiting the gather threw CancelledError: bye',
      'gather: cancelled() false, exception() CancelledError: bye',
      'the other child goes on: b at 2',
    ]);
  });

  test("with returnExceptions, a cancelled child's place holds a new CancelledError with the child's cancel message", async () => {
    const messages = await runVirtual(
      (function* () {
        const fut = getRunningLoop().createFuture<string>();
        const task = createTask(returnAfter(5, 'never'));
        const outer = gather([returnAfter(1, 'a'), fut, task], { returnExceptions: true });
        yield* sleep(0);
        fut.cancel('bye');
        // A task cancelled while it waits keeps no message of its own: its coroutine got it.
        task.cancel('bye too');
        const results = yield* outer;
        return results.map((r) =>
          r instanceof CancelledError ? `CancelledError(${JSON.stringify(r.message)})` : r,
        );
      })(),
    );
    expect(messages).toEqual(['a', 'CancelledError("bye")', 'CancelledError("")']);
  });

  test('cancel() cancels every child and returns true; the gather ends, once they have, with CancelledError', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const children = [createTask(returnAfter(1, 'a')), createTask(returnAfter(2, 'b'))];
        const outer = gather(children);
        yield* sleep(0);
        log.push(`cancel('stop') returned ${outer.cancel('stop')}, done() ${outer.done()}`);
        const error = yield* caught(() => outer[Symbol.iterator]());
        log.push(`awaiting it threw ${errorText(error)} at ${now()}`);
        log.push(`children cancelled: ${children.map((c) => c.cancelled()).join(' ')}`);
        log.push(`gather cancelled(): ${outer.cancelled()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      "cancel('stop') returned true, done() false",
      'awaiting it threw CancelledError: stop at 0',
      'children cancelled: true true',
      'gather cancelled(): false',
    ]);
  });

  test('a cancelled gather ends with CancelledError even with returnExceptions', async () => {
    const error = await runVirtual(
      (function* () {
        const outer = gather([returnAfter(1, 'a'), returnAfter(2, 'b')], {
          returnExceptions: true,
        });
        yield* sleep(0);
        outer.cancel('stop');
        return errorText(yield* caught(() => outer[Symbol.iterator]()));
      })(),
    );
    expect(error).toBe('CancelledError: stop');
  });

  test('a cancelled gather ends with CancelledError even when every child caught the cancellation and returned', async () => {
    const error = await runVirtual(
      (function* () {
        function* stubborn(value: string): Coroutine<string> {
          try {
            yield* sleep(5);
          } catch {
            return value;
          }
          return 'slept';
        }
        const outer = gather([stubborn('a'), stubborn('b')]);
        yield* sleep(0);
        outer.cancel();
        return yield* caught(() => outer[Symbol.iterator]());
      })(),
    );
    expect(error).toBeInstanceOf(CancelledError);
  });

  test('cancelling a task that awaits a gather cancels every child; the gather is then done and cancel() returns false', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const children = [createTask(sleep(10)), createTask(sleep(20))];
        const outer = gather(children);
        const waiter = createTask(
          (function* () {
            return yield* outer;
          })(),
        );
        yield* sleep(1);
        waiter.cancel();
        const error = yield* caught(() => waiter[Symbol.iterator]());
        log.push(`the waiter threw ${errorText(error)}, cancelled() ${waiter.cancelled()}`);
        log.push(`children cancelled: ${children.map((c) => c.cancelled()).join(' ')}`);
        log.push(`gather done() ${outer.done()}, cancel() ${outer.cancel()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'the waiter threw CancelledError, cancelled() true',
      'children cancelled: true true',
      'gather done() true, cancel() false',
    ]);
  });

  test('cancel() on a gather whose children are all done returns false, and the gather keeps its results', async () => {
    const result = await runVirtual(
      (function* () {
        const child = createTask(returnAfter(0, 42));
        const outer = gather([child]);
        yield* sleep(0);
        yield* sleep(0);
        // The child is done; the gather's done callback has not run yet.
        const before = `child done ${child.done()}, gather done ${outer.done()}`;
        return [before, outer.cancel(), yield* outer];
      })(),
    );
    expect(result).toEqual(['child done true, gather done false', false, [42]]);
  });
});
