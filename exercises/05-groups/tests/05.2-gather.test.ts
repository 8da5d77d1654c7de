import { describe, expect, expectTypeOf, test } from 'vitest';
import { ValueError } from '#course/errors';
import type { Future } from '#course/futures';
import { gather } from '#course/groups';
import { getRunningLoop, newEventLoop } from '#course/loop';
import { type Coroutine, createTask, sleep } from '#course/tasks';
import { caught, errorText, failAfter, now, returnAfter, runVirtual } from '#testing/05-groups';

describe('05.2 gather: results in argument order', () => {
  test('yield* gather([a, b]) returns the results in argument order, not completion order', async () => {
    const result = await runVirtual(
      (function* () {
        return yield* gather([
          returnAfter(3, 'slow'),
          returnAfter(1, 'fast'),
          returnAfter(2, 'mid'),
        ]);
      })(),
    );
    expect(result).toEqual(['slow', 'fast', 'mid']);
  });

  test('the gather is done only once its last child is', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const outer = gather([returnAfter(1, 'a'), returnAfter(2, 'b')]);
        yield* sleep(1.5);
        log.push(`at ${now()}: done() is ${outer.done()}`);
        const results = yield* outer;
        log.push(`at ${now()}: ${results.join(' ')}`);
        return log;
      })(),
    );
    expect(log).toEqual(['at 1.5: done() is false', 'at 2: a b']);
  });

  test('coroutines are wrapped in tasks that start in the next iteration, and run concurrently', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        function* worker(name: string): Coroutine<string> {
          log.push(`${name} starts at ${now()}`);
          yield* sleep(1);
          return name;
        }
        const outer = gather([worker('a'), worker('b')]);
        log.push('gather returned');
        log.push(`results ${(yield* outer).join(' ')} at ${now()}`);
        return log;
      })(),
    );
    expect(log).toEqual(['gather returned', 'a starts at 0', 'b starts at 0', 'results a b at 1']);
  });

  test('futures and tasks can be gathered too, mixed with coroutines', async () => {
    const result = await runVirtual(
      (function* () {
        const loop = getRunningLoop();
        const fut = loop.createFuture<string>();
        loop.callLater(2, () => fut.setResult('future'));
        const task = createTask(returnAfter(1, 'task'));
        return yield* gather([fut, task, returnAfter(3, 'coroutine')]);
      })(),
    );
    expect(result).toEqual(['future', 'task', 'coroutine']);
  });

  test('gather([]) returns a future that is already done, with []', async () => {
    const outer = await runVirtual(
      (function* () {
        yield* sleep(0);
        return gather([]);
      })(),
    );
    expect(outer.done()).toBe(true);
    expect(outer.result()).toEqual([]);
  });

  test('an awaitable given twice runs once, and its result appears at each of its places', async () => {
    let runs = 0;
    const result = await runVirtual(
      (function* () {
        const c = (function* () {
          runs++;
          yield* sleep(1);
          return 'abc';
        })();
        return yield* gather([c, c, returnAfter(2, 'def'), c]);
      })(),
    );
    expect(result).toEqual(['abc', 'abc', 'def', 'abc']);
    expect(runs).toBe(1);
  });

  test('the first error fails the gather at once; the other children are not cancelled and run on', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const slow = createTask(returnAfter(5, 'slow'));
        const error = yield* caught(() =>
          gather([failAfter(1, new ValueError('first')), slow])[Symbol.iterator](),
        );
        log.push(`${errorText(error)} at ${now()}, slow cancelled: ${slow.cancelled()}`);
        log.push(`slow returned ${yield* slow} at ${now()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'ValueError: first at 1, slow cancelled: false',
      'slow returned slow at 5',
    ]);
  });

  test('a later error changes nothing once the gather has failed', async () => {
    const result = await runVirtual(
      (function* () {
        const outer = gather([
          failAfter(1, new ValueError('a')),
          failAfter(2, new ValueError('b')),
        ]);
        const error = yield* caught(() => outer[Symbol.iterator]());
        yield* sleep(2);
        return [errorText(error), errorText(outer.exception())];
      })(),
    );
    expect(result).toEqual(['ValueError: a', 'ValueError: a']);
  });

  test('with returnExceptions, errors take their place among the results', async () => {
    const result = await runVirtual(
      (function* () {
        const outcomes = yield* gather(
          [returnAfter(3, 'a'), failAfter(1, new ValueError('b')), returnAfter(2, 'c')],
          { returnExceptions: true },
        );
        return outcomes.map((o) => (o instanceof Error ? errorText(o) : o));
      })(),
    );
    expect(result).toEqual(['a', 'ValueError: b', 'c']);
  });

  test('children that are done already make the gather done before it is returned', () => {
    const loop = newEventLoop({ clock: 'virtual' });
    const a = loop.createFuture<number>();
    const b = loop.createFuture<number>();
    a.setResult(1);
    b.setResult(2);
    const outer = gather([a, b]);
    expect(outer.done()).toBe(true);
    expect(outer.result()).toEqual([1, 2]);
  });

  test('futures of two different loops are refused with a ValueError', () => {
    const f1 = newEventLoop({ clock: 'virtual' }).createFuture();
    const f2 = newEventLoop({ clock: 'virtual' }).createFuture();
    expect(() => gather([f1, f2])).toThrow(ValueError);
  });

  test('the results are typed as a tuple: yield* gather([a, b]) is [number, string]', async () => {
    await runVirtual(
      (function* () {
        const a: Coroutine<number> = returnAfter(0, 1);
        const b: Future<string> = createTask(returnAfter(0, 'b'));
        const results = yield* gather([a, b]);
        expectTypeOf(results).toEqualTypeOf<[number, string]>();
        const outcomes = yield* gather([returnAfter(0, true)], { returnExceptions: true });
        expectTypeOf(outcomes).toEqualTypeOf<[boolean | Error]>();
        const many = yield* gather([1, 2].map((n) => returnAfter(0, n)));
        expectTypeOf(many).toEqualTypeOf<number[]>();
        expect([results, outcomes, many]).toEqual([[1, 'b'], [true], [1, 2]]);
      })(),
    );
  });
});
