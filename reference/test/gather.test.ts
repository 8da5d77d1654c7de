import fc from 'fast-check';
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  CancelledError,
  type Coroutine,
  createTask,
  type Future,
  gather,
  getRunningLoop,
  shield,
  sleep,
  ValueError,
} from '../src/index.ts';
import { caught, failAfter, returnAfter, runOnce, runVirtual, virtualLoop } from './helpers.ts';

describe('gather (catalogue 3b.2-3b.10)', () => {
  test('yield* gather([a, b]) is typed as the tuple of results', async () => {
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

  test('3b.2 results follow argument order, not completion order; the outer is done only after the last child', async () => {
    const loop = virtualLoop();
    const [a, b, c] = [loop.createFuture(), loop.createFuture(), loop.createFuture()];
    const outer = gather([a, b, c]);
    b.setResult(1);
    a.setResult(2);
    await runOnce(loop);
    await runOnce(loop);
    expect(outer.done()).toBe(false);
    c.setResult(3);
    await runOnce(loop);
    expect(outer.result()).toEqual([2, 1, 3]);
  });

  test('3b.3 gather([]) returns a future already done with []', async () => {
    const outer = await runVirtual(
      (function* () {
        yield* sleep(0);
        return gather([]);
      })(),
    );
    expect(outer.done()).toBe(true);
    expect(outer.result()).toEqual([]);
  });

  test('3b.4 an awaitable given twice runs once', async () => {
    let runs = 0;
    const results = await runVirtual(
      (function* () {
        const c = (function* () {
          runs++;
          yield* sleep(0);
          return 'abc';
        })();
        return yield* gather([c, c, returnAfter(0, 'def'), c]);
      })(),
    );
    expect(results).toEqual(['abc', 'abc', 'def', 'abc']);
    expect(runs).toBe(1);
  });

  test('3b.5 the first error fails the gather at once and nothing is cancelled', async () => {
    const first = new ValueError('first');
    const result = await runVirtual(
      (function* () {
        const slow = createTask(returnAfter(5, 'slow'));
        const error = yield* caught(() => gather([failAfter(1, first), slow])[Symbol.iterator]());
        const at = getRunningLoop().time();
        return [error, at, slow.cancelled(), yield* slow];
      })(),
    );
    expect(result).toEqual([first, 1, false, 'slow']);
  });

  test('3b.5 a later error changes nothing once the gather failed', async () => {
    const result = await runVirtual(
      (function* () {
        const outer = gather([
          failAfter(1, new ValueError('a')),
          failAfter(2, new ValueError('b')),
        ]);
        const error = yield* caught(() => outer[Symbol.iterator]());
        yield* sleep(2);
        return [error, outer.exception()];
      })(),
    );
    expect(result).toEqual([new ValueError('a'), new ValueError('a')]);
  });

  test("3b.6 returnExceptions puts errors among the results; a cancelled child appears as CancelledError('')", async () => {
    const results = await runVirtual(
      (function* () {
        const victim = createTask(returnAfter(5, 'never'));
        const outer = gather(
          [returnAfter(1, 3), returnAfter(0, 1), failAfter(2, new ValueError('x')), victim],
          { returnExceptions: true },
        );
        yield* sleep(0);
        victim.cancel('bye');
        return yield* outer;
      })(),
    );
    expect(results).toEqual([3, 1, new ValueError('x'), new CancelledError('')]);
    expect(Object.hasOwn(results[3] as Error, 'message')).toBe(true);
  });

  test('3b.7 a cancelled child gives the gather its CancelledError as an error; the gather is not cancelled', async () => {
    const result = await runVirtual(
      (function* () {
        const t1 = createTask(returnAfter(1, 1));
        const t2 = createTask(returnAfter(1, 2));
        const outer = gather([t1, t2]);
        yield* sleep(0);
        t1.cancel('bye');
        const error = yield* caught(() => outer[Symbol.iterator]());
        return [error, outer.cancelled(), String(outer), t2.done()];
      })(),
    );
    expect(result).toEqual([
      new CancelledError('bye'),
      false,
      "<_GatheringFuture finished exception=CancelledError('bye')>",
      false,
    ]);
  });

  test('3b.8 cancelling the gather cancels the children; it ends with CancelledError, even with returnExceptions', async () => {
    const result = await runVirtual(
      (function* () {
        const children = [createTask(returnAfter(1, 'a')), createTask(returnAfter(2, 'b'))];
        const outer = gather(children, { returnExceptions: true });
        yield* sleep(0);
        const cancelled = outer.cancel('stop');
        const doneAtOnce = outer.done();
        const error = yield* caught(() => outer[Symbol.iterator]());
        return [
          cancelled,
          doneAtOnce,
          error,
          outer.cancelled(),
          children.map((c) => c.cancelled()),
          getRunningLoop().time(),
        ];
      })(),
    );
    expect(result).toEqual([true, false, new CancelledError('stop'), false, [true, true], 0]);
  });

  test('3b.8 a task awaiting the gather that gets cancelled cancels every child; gather.cancel() then returns False', async () => {
    const result = await runVirtual(
      (function* () {
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
        return [error, waiter.cancelled(), children.map((c) => c.cancelled()), outer.cancel()];
      })(),
    );
    expect(result).toEqual([new CancelledError(), true, [true, true], false]);
  });

  test('3b.9 cancel() on a gather whose children are all done returns False and keeps the result', async () => {
    const result = await runVirtual(
      (function* () {
        const child = createTask(returnAfter(0, 42));
        const outer = gather([child]);
        yield* sleep(0);
        yield* sleep(0);
        // The child is done; the gather's callback has not run yet.
        const before = [child.done(), outer.done()];
        const cancelled = outer.cancel();
        return [before, cancelled, yield* outer];
      })(),
    );
    expect(result).toEqual([[true, false], false, [42]]);
  });

  test('3b.10 futures of different loops raise ValueError', () => {
    const f1 = virtualLoop().createFuture();
    const f2 = virtualLoop().createFuture();
    expect(() => gather([f1, f2])).toThrow(ValueError);
  });

  test('children done already complete the gather before it is returned', () => {
    const loop = virtualLoop();
    const [a, b] = [loop.createFuture<number>(), loop.createFuture<number>()];
    a.setResult(1);
    b.setResult(2);
    const outer = gather([a, b]);
    expect(outer.result()).toEqual([1, 2]);
  });

  test('property: the results follow argument order whatever the completion order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (delays, duplicates) => {
          const { aws, got } = await runVirtual(
            (function* () {
              const aws: (Coroutine<number> | Future<number>)[] = delays.map((d, i) =>
                i % 2 === 0 ? returnAfter(d / 4, i) : createTask(returnAfter(d / 4, i)),
              );
              // Repeat some awaitables: each runs once, and its result appears at each place.
              for (const k of duplicates) if (aws.length > 0) aws.push(aws[k % aws.length]);
              return { aws, got: yield* gather(aws) };
            })(),
          );
          // The awaitable first given at index i returns i.
          expect(got).toEqual(aws.map((aw) => aws.indexOf(aw)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('shield (catalogue 3b.16)', () => {
  test('3b.16 returns the awaitable itself when it is already done', () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    fut.setResult(1);
    expect(shield(fut)).toBe(fut);
  });

  test('3b.16 the outer future copies the inner result or error', async () => {
    const result = await runVirtual(
      (function* () {
        const ok = yield* shield(returnAfter(1, 'ok'));
        const error = yield* caught(() =>
          shield(failAfter(1, new ValueError('no')))[Symbol.iterator](),
        );
        return [ok, error];
      })(),
    );
    expect(result).toEqual(['ok', new ValueError('no')]);
  });

  test('3b.16 cancelling the inner cancels the outer', async () => {
    const loop = virtualLoop();
    const inner = loop.createFuture();
    const outer = shield(inner);
    inner.cancel();
    await runOnce(loop);
    expect(outer.cancelled()).toBe(true);
  });

  test('3b.16 cancelling the outer leaves the inner running and removes its callback', async () => {
    const result = await runVirtual(
      (function* () {
        let proof = 0;
        const inner = createTask(
          (function* () {
            yield* sleep(1);
            proof++;
            return 'inner result';
          })(),
        );
        const waiter = createTask(
          (function* () {
            return yield* shield(inner);
          })(),
        );
        yield* sleep(0.5);
        waiter.cancel();
        const error = yield* caught(() => waiter[Symbol.iterator]());
        yield* sleep(0);
        const callbacks = inner._callbacks?.length ?? 0;
        const value = yield* inner;
        return [error, inner.cancelled(), callbacks, value, proof];
      })(),
    );
    expect(result).toEqual([new CancelledError(), false, 0, 'inner result', 1]);
  });

  test('3b.16 gather of shielded tasks: cancelling the gather leaves the tasks running', async () => {
    const result = await runVirtual(
      (function* () {
        const [t1, t2] = [createTask(returnAfter(1, 'a')), createTask(returnAfter(1, 'b'))];
        const outer = gather([shield(t1), shield(t2)]);
        yield* sleep(0);
        outer.cancel();
        const error = yield* caught(() => outer[Symbol.iterator]());
        return [error, yield* t1, yield* t2];
      })(),
    );
    expect(result).toEqual([new CancelledError(), 'a', 'b']);
  });
});
