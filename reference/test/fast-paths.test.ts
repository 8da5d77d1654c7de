/**
 * The edge cases of the reference's fast paths: a task parked on a future without a closure or
 * a handle, futures keeping their first callback in a field, the hand-written iterators of
 * `yield* future` and of `sleep()`, the timer heap on typed arrays, handles without a
 * `_cancelled` field, and the selector's lasting 'beforeExit' listener. Each must behave as the
 * plain version it replaces.
 */
import { describe, expect, test } from 'vitest';
import {
  CancelledError,
  type Coroutine,
  createTask,
  type Future,
  newEventLoop,
  RuntimeError,
  sleep,
  type TimerHandle,
  wrapPromise,
} from '../src/index.ts';
import { TimerHeap } from '../src/timer-heap.ts';
import { runOnce, runVirtual, virtualLoop } from './helpers.ts';

describe('a task parked on a future', () => {
  test('wakes up in its callback’s place among the other done callbacks', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<string>();
    const log: string[] = [];
    fut.addDoneCallback(() => log.push('before'));
    const task = loop.createTask(
      (function* (): Coroutine<void> {
        log.push(`resumed with ${yield* fut}`);
      })(),
    );
    await runOnce(loop);
    fut.addDoneCallback(() => log.push('after'));
    expect(fut._callbacks).toHaveLength(3);
    fut.setResult('x');
    await loop.runUntilComplete(task);
    expect(log).toEqual(['before', 'resumed with x', 'after']);
  });

  test('a done future that was flagged as awaited still wakes the task, in the next iteration', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    fut[Symbol.iterator]().next(); // Flags it as blocking, as `yield*` does.
    fut.setResult(5);
    const log: string[] = [];
    const task = loop.createTask(
      (function* (): Coroutine<string> {
        yield fut; // A done future with the flag set: accepted, and waited for.
        log.push('resumed');
        return 'done';
      })(),
    );
    await runOnce(loop);
    expect(log).toEqual([]);
    expect(await loop.runUntilComplete(task)).toBe('done');
    expect(log).toEqual(['resumed']);
  });

  test('a wake-up after the loop was closed fails as callSoon does', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    loop.createTask(
      (function* (): Coroutine<void> {
        yield* fut;
      })(),
    );
    await runOnce(loop);
    loop.close();
    expect(() => fut.setResult(1)).toThrow(new RuntimeError('Event loop is closed'));
  });
});

describe('the first callback in a field', () => {
  test('removing the first callback keeps the order of the others and of those added later', () => {
    const loop = virtualLoop();
    const fut = loop.createFuture();
    const order: string[] = [];
    const a = () => order.push('a');
    const b = () => order.push('b');
    const c = () => order.push('c');
    fut.addDoneCallback(a);
    fut.addDoneCallback(b);
    expect(fut.removeDoneCallback(a)).toBe(1);
    fut.addDoneCallback(c);
    fut.addDoneCallback(a);
    expect(fut._callbacks).toEqual([b, c, a]);
    expect(fut.removeDoneCallback(a)).toBe(1);
    expect(fut.removeDoneCallback(b)).toBe(1);
    expect(fut.removeDoneCallback(c)).toBe(1);
    expect(fut._callbacks).toBe(null);
    fut.addDoneCallback(c);
    fut.addDoneCallback(b);
    fut.setResult(null);
    loop._ready.shift()?._run();
    loop._ready.shift()?._run();
    expect(order).toEqual(['c', 'b']);
  });
});

/** Every step of `it`, as a generator would report it: a result, or what it threw. */
function steps(it: Iterator<unknown>, actions: ('next' | 'throw' | 'return')[]): unknown[] {
  return actions.map((action) => {
    try {
      if (action === 'next') return it.next();
      if (action === 'throw') return (it.throw as (e: unknown) => unknown)('boom');
      return (it.return as (v: unknown) => unknown)('early');
    } catch (error) {
      return { threw: error };
    }
  });
}

describe('the iterator of yield* future', () => {
  // What the reference's FutureIter replaces, written as the generator it stands for.
  function* asGenerator<T>(fut: Future<T>): Generator<Future<T>, T, unknown> {
    if (!fut.done()) {
      fut._asyncioFutureBlocking = true;
      yield fut;
    }
    if (!fut.done()) throw new RuntimeError("await wasn't used with future");
    return fut.result();
  }

  const scripts: ('next' | 'throw' | 'return')[][] = [
    ['next', 'next', 'next'],
    ['next', 'throw', 'next'],
    ['next', 'return', 'next'],
    ['throw', 'next'],
    ['return', 'next'],
  ];

  for (const script of scripts) {
    for (const done of [false, true]) {
      test(`${script.join(', ')} on a ${done ? 'done' : 'pending'} future, as a generator`, () => {
        const loop = virtualLoop();
        const a = loop.createFuture<number>();
        const b = loop.createFuture<number>();
        if (done) {
          a.setResult(1);
          b.setResult(1);
        }
        const expected = steps(asGenerator(a), script);
        const actual = steps(b[Symbol.iterator](), script);
        // The yielded future is each side's own: compare what stands in its place.
        const plain = (list: unknown[], fut: Future<number>) =>
          list.map((s) =>
            s !== null && typeof s === 'object' && 'value' in s && s.value === fut
              ? { ...s, value: 'the future' }
              : s,
          );
        expect(plain(actual, b)).toEqual(plain(expected, a));
        expect(b._asyncioFutureBlocking).toBe(a._asyncioFutureBlocking);
      });
    }
  }

  test('a task cancelled at `yield* future` gets the CancelledError through the iterator', async () => {
    const result = await runVirtual(
      (function* (): Coroutine<unknown> {
        const inner = createTask(sleep(10));
        yield;
        inner.cancel('stop');
        try {
          return yield* inner;
        } catch (error) {
          return error;
        }
      })(),
    );
    expect(result).toEqual(new CancelledError('stop'));
  });
});

describe('the coroutine of sleep()', () => {
  test('it does nothing until started, and a return() before the start ends it', () => {
    const coro = sleep(1, 'r');
    expect(coro.return('early')).toEqual({ done: true, value: 'early' });
    expect(coro.next()).toEqual({ done: true, value: undefined });
  });

  test('a throw() before the start ends it with that error', () => {
    const coro = sleep(1);
    expect(() => coro.throw(new Error('boom'))).toThrow('boom');
    expect(coro.next()).toEqual({ done: true, value: undefined });
  });

  test('sleep(0) yields once, then returns its result', () => {
    const coro = sleep(0, 'r');
    expect(coro.next()).toEqual({ done: false, value: undefined });
    expect(coro.next()).toEqual({ done: true, value: 'r' });
    expect(coro.next()).toEqual({ done: true, value: undefined });
  });

  test('closing it while it waits cancels its timer; a throw() does too, and rethrows', async () => {
    const loop = virtualLoop();
    const timers: TimerHandle[] = [];
    loop.callSoon(() => {
      for (const action of ['return', 'throw'] as const) {
        const coro = sleep(5);
        const first = coro.next();
        expect(first.done).toBe(false);
        const [timer] = loop._scheduled._items.slice(-1);
        timers.push(timer);
        if (action === 'return') expect(coro.return(null)).toEqual({ done: true, value: null });
        else expect(() => coro.throw(new Error('boom'))).toThrow('boom');
        expect(coro.next()).toEqual({ done: true, value: undefined });
      }
    });
    await runOnce(loop);
    expect(timers.map((t) => t.cancelled())).toEqual([true, true]);
  });

  test('resumed while its future is still pending, it fails as the generator did', async () => {
    const loop = virtualLoop();
    let error: unknown = null;
    loop.callSoon(() => {
      const coro = sleep(5);
      coro.next();
      try {
        coro.next();
      } catch (e) {
        error = e;
      }
    });
    await runOnce(loop);
    expect(error).toEqual(new RuntimeError("await wasn't used with future"));
    expect(loop._scheduled._items.every((t) => t.cancelled())).toBe(true);
  });
});

describe('the timer heap', () => {
  test('pops in order of when, ties in order of scheduling, past its first capacity', () => {
    const heap = new TimerHeap();
    const loop = virtualLoop();
    const timers: TimerHandle[] = [];
    for (let i = 0; i < 500; i++) {
      const timer = loop.callAt((i * 7919) % 13, () => {});
      timers.push(timer);
      heap.push(timer);
    }
    heap.removeWhere((t) => t._seq % 5 === 0);
    const expected = timers
      .filter((t) => t._seq % 5 !== 0)
      .sort((a, b) => a._when - b._when || a._seq - b._seq);
    const popped: TimerHandle[] = [];
    for (let t = heap.pop(); t !== undefined; t = heap.pop()) popped.push(t);
    expect(popped).toEqual(expected);
    expect(heap.size).toBe(0);
  });
});

describe('handles', () => {
  test('a handle is cancelled once cancel() drops its arguments, and never before', () => {
    const loop = virtualLoop();
    const handle = loop.callSoon(() => {});
    expect(handle.cancelled()).toBe(false);
    expect(handle._cancelled).toBe(false);
    handle.cancel();
    expect(handle.cancelled()).toBe(true);
    expect(String(handle)).toBe('<Handle cancelled>');
  });
});

describe("the selector's 'beforeExit' listener", () => {
  test('lasts while the loop runs, and is gone once it stops', async () => {
    const before = process.listenerCount('beforeExit');
    const loop = newEventLoop();
    const value = await loop.runUntilComplete(
      (function* (): Coroutine<number> {
        // Waiting for work outside the loop, with no timer: the listener is added.
        const a = yield* wrapPromise(new Promise<number>((r) => setTimeout(() => r(1), 5)));
        const b = yield* wrapPromise(new Promise<number>((r) => setTimeout(() => r(2), 5)));
        expect(process.listenerCount('beforeExit')).toBe(before + 1);
        return a + b;
      })(),
    );
    expect(value).toBe(3);
    expect(process.listenerCount('beforeExit')).toBe(before);
    loop.close();
  });
});
