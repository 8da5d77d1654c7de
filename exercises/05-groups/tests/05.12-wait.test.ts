import { describe, expect, expectTypeOf, test } from 'vitest';
import { ValueError } from '#course/errors';
import type { Future } from '#course/futures';
import { asCompleted, type ReturnWhen, wait } from '#course/groups';
import { getRunningLoop } from '#course/loop';
import { type Coroutine, createTask, sleep, type Task } from '#course/tasks';
import { caught, errorText, failAfter, now, returnAfter, runVirtual } from '#testing/05-groups';

/** The names of the tasks in a set, sorted: the order of a set is not asyncio's to guarantee. */
const names = (tasks: Set<Task<unknown>>) => [...tasks].map((t) => t.getName()).sort();

describe('05.12 wait and asCompleted', () => {
  test('wait() returns [done, pending], two Sets of the tasks given, once all are done (ALL_COMPLETED)', async () => {
    const result = await runVirtual(
      (function* () {
        const tasks = [
          createTask(returnAfter(1, 1), { name: 'a' }),
          createTask(returnAfter(2, 2), { name: 'b' }),
        ];
        const [done, pending] = yield* wait(tasks);
        return [done instanceof Set, names(done), pending.size, now()];
      })(),
    );
    expect(result).toEqual([true, ['a', 'b'], 0, 2]);
  });

  test('FIRST_COMPLETED returns when one is done; done is computed at return and may hold more than one', async () => {
    const result = await runVirtual(
      (function* () {
        const a = createTask(returnAfter(1, 'a'), { name: 'a' });
        const b = createTask(returnAfter(10, 'b'), { name: 'b' });
        const [done, pending] = yield* wait([a, b], { returnWhen: 'FIRST_COMPLETED' });
        const at = now();
        // Both finish in the same iteration, before the waiter resumes: both are done.
        const c = createTask(returnAfter(0, 'c'), { name: 'c' });
        const d = createTask(returnAfter(0, 'd'), { name: 'd' });
        const [both] = yield* wait([c, d], { returnWhen: 'FIRST_COMPLETED' });
        b.cancel();
        return [names(done), names(pending), at, names(both)];
      })(),
    );
    expect(result).toEqual([['a'], ['b'], 1, ['c', 'd']]);
  });

  test('FIRST_EXCEPTION returns when one fails, at once if one has failed already, and otherwise when all are done', async () => {
    const result = await runVirtual(
      (function* () {
        const ok = createTask(returnAfter(1, 'ok'), { name: 'ok' });
        const bad = createTask(failAfter(2, new ValueError('x')), { name: 'bad' });
        const slow = createTask(returnAfter(10, 'slow'), { name: 'slow' });
        const [done, pending] = yield* wait([ok, bad, slow], { returnWhen: 'FIRST_EXCEPTION' });
        const at = now();
        const [again] = yield* wait([bad, slow], { returnWhen: 'FIRST_EXCEPTION' });
        const againAt = now();
        const [all] = yield* wait([slow, ok], { returnWhen: 'FIRST_EXCEPTION' });
        return [names(done), names(pending), at, names(again), againAt, names(all), now()];
      })(),
    );
    expect(result).toEqual([['bad', 'ok'], ['slow'], 2, ['bad'], 2, ['ok', 'slow'], 10]);
  });

  test('on timeout wait() returns what is done so far, throws nothing, and cancels nothing', async () => {
    const result = await runVirtual(
      (function* () {
        const fast = createTask(returnAfter(1, 'fast'), { name: 'fast' });
        const slow = createTask(returnAfter(5, 'slow'), { name: 'slow' });
        const [done, pending] = yield* wait([fast, slow], { timeout: 2 });
        const at = now();
        return [names(done), names(pending), at, slow.cancelled(), yield* slow, now()];
      })(),
    );
    expect(result).toEqual([['fast'], ['slow'], 2, false, 'slow', 5]);
  });

  test('cancelling the task blocked in wait() does not cancel the tasks it waits for', async () => {
    const result = await runVirtual(
      (function* () {
        const inner = createTask(returnAfter(5, 'inner'));
        const waiter = createTask(wait([inner]));
        yield* sleep(1);
        waiter.cancel();
        const error = yield* caught(() => waiter[Symbol.iterator]());
        return [errorText(error), inner.cancelled(), yield* inner];
      })(),
    );
    expect(result).toEqual(['CancelledError', false, 'inner']);
  });

  test('wait() refuses a lone future or coroutine, an empty list, a bad returnWhen, and coroutines', async () => {
    const errors = await runVirtual(
      (function* () {
        const fut = getRunningLoop().createFuture();
        const coro = sleep(0);
        const attempts: (() => Coroutine<unknown>)[] = [
          () => wait(fut as never),
          () => wait(coro as never),
          () => wait([]),
          () => wait([fut], { returnWhen: 'bogus' as ReturnWhen }),
          () => wait([coro] as never),
        ];
        const out: string[] = [];
        for (const attempt of attempts) out.push(errorText(yield* caught(attempt)));
        fut.cancel();
        return out;
      })(),
    );
    expect(errors).toEqual([
      'TypeError: expect a list of futures, not Future',
      'TypeError: expect a list of futures, not coroutine',
      'ValueError: Set of Tasks/Futures is empty.',
      'ValueError: Invalid return_when value: bogus',
      'TypeError: Passing coroutines is forbidden, use tasks explicitly.',
    ]);
  });

  test('wait() is typed as given: [Set<Task<string>>, Set<Task<string>>] for tasks of strings', async () => {
    await runVirtual(
      (function* () {
        const a = createTask(returnAfter(1, 'a'));
        const result = yield* wait([a]);
        expectTypeOf(result).toEqualTypeOf<[done: Set<Task<string>>, pending: Set<Task<string>>]>();
        expect(result[0].has(a)).toBe(true);
      })(),
    );
  });

  test('asCompleted gives one coroutine per distinct awaitable, returning results in completion order', async () => {
    const results = await runVirtual(
      (function* () {
        const fut: Future<string> = getRunningLoop().createFuture<string>();
        getRunningLoop().callLater(2, () => fut.setResult('future'));
        const slow = returnAfter(3, 'slow');
        const iterator = asCompleted([slow, returnAfter(1, 'fast'), fut, slow]);
        expectTypeOf(iterator).toEqualTypeOf<IterableIterator<Coroutine<string>>>();
        const out: string[] = [];
        for (const next of iterator) out.push(`${yield* next} at ${now()}`);
        return out;
      })(),
    );
    expect(results).toEqual(['fast at 1', 'future at 2', 'slow at 3']);
  });

  test('asCompleted starts the work at the call, not when the coroutines are awaited', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        function* worker(name: string): Coroutine<string> {
          log.push(`${name} starts at ${now()}`);
          yield* sleep(1);
          return name;
        }
        const iterator = asCompleted([worker('a'), worker('b')]);
        yield* sleep(5);
        for (const next of iterator) log.push(`${yield* next} taken at ${now()}`);
        return log;
      })(),
    );
    expect(log).toEqual(['a starts at 0', 'b starts at 0', 'a taken at 5', 'b taken at 5']);
  });

  test('an error comes out of the coroutine that takes it, in completion order', async () => {
    const results = await runVirtual(
      (function* () {
        const out: string[] = [];
        for (const next of asCompleted([returnAfter(2, 'ok'), failAfter(1, new ValueError('x'))])) {
          const outcome = yield* caught(() => next);
          out.push(outcome instanceof Error ? errorText(outcome) : String(outcome));
        }
        return out;
      })(),
    );
    expect(results).toEqual(['ValueError: x', 'ok']);
  });

  test('after the timeout (counted from the call), each coroutine left throws TimeoutError; nothing is cancelled', async () => {
    const result = await runVirtual(
      (function* () {
        const slow = createTask(returnAfter(10, 'slow'));
        const iterator = asCompleted([returnAfter(1, 'fast'), slow, returnAfter(20, 'slower')], {
          timeout: 5,
        });
        yield* sleep(2);
        const out: string[] = [];
        for (const next of iterator) {
          const outcome = yield* caught(() => next);
          out.push(`${outcome instanceof Error ? errorText(outcome) : outcome} at ${now()}`);
        }
        return [out, slow.cancelled()];
      })(),
    );
    expect(result).toEqual([['fast at 2', 'TimeoutError at 5', 'TimeoutError at 5'], false]);
  });

  test('asCompleted refuses a lone future or coroutine with a TypeError, and gives nothing for nothing', async () => {
    const result = await runVirtual(
      (function* () {
        const fut = getRunningLoop().createFuture<number>();
        const out: string[] = [];
        for (const bad of [fut, sleep(0)]) {
          try {
            asCompleted(bad as never);
          } catch (error) {
            out.push(errorText(error));
          }
        }
        yield* sleep(0);
        return [out, [...asCompleted([], { timeout: 1 })].length];
      })(),
    );
    expect(result).toEqual([
      [
        'TypeError: expects an iterable of awaitables, not Future',
        'TypeError: expects an iterable of awaitables, not coroutine',
      ],
      0,
    ]);
  });
});
