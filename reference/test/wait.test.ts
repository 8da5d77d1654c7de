import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  asCompleted,
  CancelledError,
  type Coroutine,
  createTask,
  type Future,
  getRunningLoop,
  type ReturnWhen,
  sleep,
  type Task,
  TimeoutError,
  ValueError,
  wait,
} from '../src/index.ts';
import { caught, failAfter, returnAfter, runVirtual } from './helpers.ts';

const now = () => getRunningLoop().time();

/** The names of the tasks in a set, sorted: a set's order is not asyncio's to guarantee. */
const names = (tasks: Set<Task<unknown>>) => [...tasks].map((t) => t.getName()).sort();

describe('wait (catalogue 3b.11-3b.13)', () => {
  test('3b.11 wait refuses a lone future or coroutine, an empty list, a bad returnWhen, and coroutines', async () => {
    const errors = await runVirtual(
      (function* () {
        const fut = getRunningLoop().createFuture();
        const task = createTask(sleep(0));
        const coro = sleep(0);
        const attempts: (() => Coroutine<unknown>)[] = [
          () => wait(fut as never),
          () => wait(coro as never),
          () => wait(task as never),
          () => wait([]),
          () => wait([fut], { returnWhen: 'bogus' as ReturnWhen }),
          () => wait([coro] as never),
        ];
        const out: unknown[] = [];
        for (const attempt of attempts) out.push(yield* caught(attempt));
        return out;
      })(),
    );
    expect(errors).toEqual([
      new TypeError('expect a list of futures, not Future'),
      new TypeError('expect a list of futures, not coroutine'),
      new TypeError('expect a list of futures, not Task'),
      new ValueError('Set of Tasks/Futures is empty.'),
      new ValueError('Invalid return_when value: bogus'),
      new TypeError('Passing coroutines is forbidden, use tasks explicitly.'),
    ]);
  });

  test('3b.11 wait returns [done, pending] Sets of the given futures, typed as given', async () => {
    const [done, pending] = await runVirtual(
      (function* () {
        const a = createTask(returnAfter(1, 'a'), { name: 'a' });
        const result = yield* wait([a]);
        expectTypeOf(result).toEqualTypeOf<[done: Set<Task<string>>, pending: Set<Task<string>>]>();
        return result;
      })(),
    );
    expect(done).toBeInstanceOf(Set);
    expect(names(done)).toEqual(['a']);
    expect(pending.size).toBe(0);
  });

  test('3b.12 ALL_COMPLETED (the default) returns when every future is done', async () => {
    const result = await runVirtual(
      (function* () {
        const tasks = [
          createTask(returnAfter(1, 1), { name: 'a' }),
          createTask(returnAfter(2, 2), { name: 'b' }),
        ];
        const [done, pending] = yield* wait(tasks);
        return [names(done), pending.size, now()];
      })(),
    );
    expect(result).toEqual([['a', 'b'], 0, 2]);
  });

  test('3b.12 FIRST_COMPLETED returns when one is done; done is computed at return and may hold more', async () => {
    const result = await runVirtual(
      (function* () {
        const a = createTask(returnAfter(1, 'a'), { name: 'a' });
        const b = createTask(returnAfter(10, 'b'), { name: 'b' });
        const first = yield* wait([a, b], { returnWhen: 'FIRST_COMPLETED' });
        const firstAt = now();
        // Both finish before the waiter resumes: both are in done.
        const c = createTask(returnAfter(0, 'c'), { name: 'c' });
        const d = createTask(returnAfter(0, 'd'), { name: 'd' });
        const both = yield* wait([c, d], { returnWhen: 'FIRST_COMPLETED' });
        b.cancel();
        return [names(first[0]), names(first[1]), firstAt, names(both[0])];
      })(),
    );
    expect(result).toEqual([['a'], ['b'], 1, ['c', 'd']]);
  });

  test('3b.12 FIRST_EXCEPTION returns when one fails, at once if one has failed already', async () => {
    const result = await runVirtual(
      (function* () {
        const ok = createTask(returnAfter(1, 'ok'), { name: 'ok' });
        const bad = createTask(failAfter(2, new ValueError('x')), { name: 'bad' });
        const slow = createTask(returnAfter(10, 'slow'), { name: 'slow' });
        const [done, pending] = yield* wait([ok, bad, slow], { returnWhen: 'FIRST_EXCEPTION' });
        const at = now();
        const again = yield* wait([bad, slow], { returnWhen: 'FIRST_EXCEPTION' });
        const againAt = now();
        slow.cancel();
        return [names(done), names(pending), at, names(again[0]), againAt];
      })(),
    );
    expect(result).toEqual([['bad', 'ok'], ['slow'], 2, ['bad'], 2]);
  });

  test('3b.12 FIRST_EXCEPTION without any failure waits for all', async () => {
    const result = await runVirtual(
      (function* () {
        const tasks = [createTask(returnAfter(1, 1)), createTask(returnAfter(3, 3))];
        const [done] = yield* wait(tasks, { returnWhen: 'FIRST_EXCEPTION' });
        return [done.size, now()];
      })(),
    );
    expect(result).toEqual([2, 3]);
  });

  test('3b.12 on timeout wait returns what is done, raises nothing, and does not cancel the pending', async () => {
    const result = await runVirtual(
      (function* () {
        const fast = createTask(returnAfter(1, 'fast'), { name: 'fast' });
        const slow = createTask(returnAfter(5, 'slow'), { name: 'slow' });
        const [done, pending] = yield* wait([fast, slow], { timeout: 2 });
        const at = now();
        return [names(done), names(pending), at, slow.cancelled(), yield* slow];
      })(),
    );
    expect(result).toEqual([['fast'], ['slow'], 2, false, 'slow']);
  });

  test('3b.13 cancelling a task blocked in wait() does not cancel the awaited futures', async () => {
    const result = await runVirtual(
      (function* () {
        const inner = createTask(returnAfter(5, 'inner'));
        const waiter = createTask(wait([inner]));
        yield* sleep(1);
        waiter.cancel();
        const error = yield* caught(() => waiter[Symbol.iterator]());
        return [error, inner.cancelled(), inner._callbacks?.length ?? 0, yield* inner];
      })(),
    );
    expect(result).toEqual([new CancelledError(), false, 0, 'inner']);
  });
});

describe('asCompleted (catalogue 3b.17)', () => {
  test('3b.17 gives one coroutine per distinct awaitable, returning results in completion order', async () => {
    const results = await runVirtual(
      (function* () {
        const fut = getRunningLoop().createFuture<string>();
        getRunningLoop().callLater(2, () => fut.setResult('future'));
        const slow = returnAfter(3, 'slow');
        const iterator = asCompleted([slow, returnAfter(1, 'fast'), fut, slow]);
        expectTypeOf(iterator).toEqualTypeOf<IterableIterator<Coroutine<string>>>();
        const out: unknown[] = [];
        for (const next of iterator) out.push([yield* next, now()]);
        return out;
      })(),
    );
    expect(results).toEqual([
      ['fast', 1],
      ['future', 2],
      ['slow', 3],
    ]);
  });

  test('3b.17 the tasks start at the call, not when the coroutines are awaited', async () => {
    const log: string[] = [];
    await runVirtual(
      (function* () {
        function* worker(name: string): Coroutine<string> {
          log.push(`${name} starts at ${now()}`);
          yield* sleep(1);
          return name;
        }
        const iterator = asCompleted([worker('a'), worker('b')]);
        yield* sleep(5);
        for (const next of iterator) log.push(`${yield* next} taken at ${now()}`);
      })(),
    );
    expect(log).toEqual(['a starts at 0', 'b starts at 0', 'a taken at 5', 'b taken at 5']);
  });

  test('3b.17 an error comes out of the coroutine that takes it', async () => {
    const results = await runVirtual(
      (function* () {
        const out: unknown[] = [];
        for (const next of asCompleted([returnAfter(2, 'ok'), failAfter(1, new ValueError('x'))])) {
          out.push(yield* caught(() => next));
        }
        return out;
      })(),
    );
    expect(results).toEqual([new ValueError('x'), 'ok']);
  });

  test('3b.17 after the timeout, which starts at the call, each remaining coroutine throws TimeoutError; the pending are not cancelled', async () => {
    const result = await runVirtual(
      (function* () {
        const slow = createTask(returnAfter(10, 'slow'));
        const iterator = asCompleted([returnAfter(1, 'fast'), slow, returnAfter(20, 'slower')], {
          timeout: 5,
        });
        yield* sleep(2);
        const out: unknown[] = [];
        for (const next of iterator) {
          const outcome = yield* caught(() => next);
          out.push([outcome instanceof TimeoutError ? 'TimeoutError' : outcome, now()]);
        }
        return [out, slow.cancelled()];
      })(),
    );
    expect(result).toEqual([
      [
        ['fast', 2],
        ['TimeoutError', 5],
        ['TimeoutError', 5],
      ],
      false,
    ]);
  });

  test('3b.17 a lone future or coroutine is refused with TypeError', async () => {
    const errors = await runVirtual(
      (function* () {
        const fut: Future<number> = getRunningLoop().createFuture();
        const coro = sleep(0);
        const out: unknown[] = [];
        for (const bad of [fut, coro]) {
          try {
            asCompleted(bad as never);
          } catch (e) {
            out.push(e);
          }
        }
        yield* sleep(0);
        return out;
      })(),
    );
    expect(errors).toEqual([
      new TypeError('expects an iterable of awaitables, not Future'),
      new TypeError('expects an iterable of awaitables, not coroutine'),
    ]);
  });

  test('3b.17 nothing to wait for gives no coroutine', async () => {
    const count = await runVirtual(
      (function* () {
        yield* sleep(0);
        return [...asCompleted([], { timeout: 1 })].length;
      })(),
    );
    expect(count).toBe(0);
  });
});
