import { describe, expect, test } from 'vitest';
import { _setResultUnlessCancelled } from '../src/futures.ts';
import {
  CancelledError,
  Future,
  getRunningLoop,
  InvalidStateError,
  isFuture,
  RuntimeError,
} from '../src/index.ts';
import { ManualScheduler, runOnce, virtualLoop } from './helpers.ts';

function newFuture<T = unknown>(): [Future<T>, ManualScheduler] {
  const scheduler = new ManualScheduler();
  return [new Future<T>({ loop: scheduler }), scheduler];
}

describe('future states', () => {
  test('a new future is pending: not done, not cancelled', () => {
    const [fut] = newFuture();
    expect(fut.done()).toBe(false);
    expect(fut.cancelled()).toBe(false);
  });

  test('result() of a pending future raises InvalidStateError("Result is not ready.")', () => {
    const [fut] = newFuture();
    expect(() => fut.result()).toThrow(InvalidStateError);
    expect(() => fut.result()).toThrow('Result is not ready.');
  });

  test('exception() of a pending future raises InvalidStateError("Exception is not set.")', () => {
    const [fut] = newFuture();
    expect(() => fut.exception()).toThrow(InvalidStateError);
    expect(() => fut.exception()).toThrow('Exception is not set.');
  });

  test('cancel() of a pending future returns true and makes it done and cancelled', () => {
    const [fut] = newFuture();
    expect(fut.cancel()).toBe(true);
    expect(fut.cancelled()).toBe(true);
    expect(fut.done()).toBe(true);
  });

  test('a cancelled future raises CancelledError from result() and exception()', () => {
    const [fut] = newFuture();
    fut.cancel();
    expect(() => fut.result()).toThrow(CancelledError);
    expect(() => fut.exception()).toThrow(CancelledError);
  });

  test('a cancelled future refuses setResult, setException and a second cancel', () => {
    const [fut] = newFuture();
    fut.cancel();
    expect(() => fut.setResult(1)).toThrow(InvalidStateError);
    expect(() => fut.setException(new Error('x'))).toThrow(InvalidStateError);
    expect(fut.cancel()).toBe(false);
  });

  test('setResult(42): result() is 42 and exception() is null', () => {
    const [fut] = newFuture<number>();
    fut.setResult(42);
    expect(fut.result()).toBe(42);
    expect(fut.exception()).toBe(null);
    expect(fut.done()).toBe(true);
    expect(fut.cancelled()).toBe(false);
  });

  test('a finished future refuses setResult, setException and cancel', () => {
    const [fut] = newFuture<number>();
    fut.setResult(42);
    expect(() => fut.setResult(1)).toThrow(new InvalidStateError('invalid state'));
    expect(() => fut.setException(new Error('x'))).toThrow(InvalidStateError);
    expect(fut.cancel()).toBe(false);
    expect(fut.result()).toBe(42);
  });

  test('setException(exc): result() throws that same object, exception() returns it', () => {
    const [fut] = newFuture();
    const exc = new RuntimeError('boom');
    fut.setException(exc);
    expect(fut.exception()).toBe(exc);
    let thrown: unknown;
    try {
      fut.result();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBe(exc);
    expect(fut.cancel()).toBe(false);
  });

  test('setException(ErrorClass) stores an instance of the class', () => {
    const [fut] = newFuture();
    fut.setException(RuntimeError);
    expect(fut.exception()).toBeInstanceOf(RuntimeError);
  });

  test('a future can fail with undefined, which result() throws', () => {
    const [fut] = newFuture();
    fut.setException(undefined);
    expect(fut.done()).toBe(true);
    expect(fut.exception()).toBe(undefined);
    expect(() => fut.result()).toThrow();
  });
});

describe('cancel messages', () => {
  test('cancel(msg) makes result() raise CancelledError with that message', () => {
    const [fut] = newFuture();
    fut.cancel('boom');
    expect(() => fut.result()).toThrow(new CancelledError('boom'));
  });

  test('cancel() without a message raises a CancelledError with an empty message', () => {
    const [fut] = newFuture();
    fut.cancel();
    expect(() => fut.result()).toThrow(new CancelledError());
  });

  test('the CancelledError is built from _cancelMessage each time it is raised', () => {
    const [fut] = newFuture();
    fut.cancel('first');
    fut._cancelMessage = 'second';
    expect(() => fut.result()).toThrow('second');
  });

  test('a saved CancelledError is raised once, then a new one with the message', () => {
    const [fut] = newFuture();
    const original = new CancelledError('orig');
    fut.cancel('msg');
    fut._cancelledExc = original;
    let first: unknown;
    try {
      fut.result();
    } catch (e) {
      first = e;
    }
    expect(first).toBe(original);
    let second: unknown;
    try {
      fut.result();
    } catch (e) {
      second = e;
    }
    expect(second).not.toBe(original);
    expect(second).toEqual(new CancelledError('msg'));
  });
});

describe('done callbacks', () => {
  test('callbacks run only when the loop runs, in order, each with the future', () => {
    const [fut, scheduler] = newFuture<string>();
    const bag: [number, Future<string>][] = [];
    fut.addDoneCallback((f) => bag.push([42, f]));
    fut.addDoneCallback((f) => bag.push([17, f]));
    fut.setResult('foo');
    expect(bag).toEqual([]);
    scheduler.flush();
    expect(bag.map(([n]) => n)).toEqual([42, 17]);
    expect(bag[0][1]).toBe(fut);
  });

  test('callbacks run after setException too', () => {
    const [fut, scheduler] = newFuture();
    const bag: number[] = [];
    fut.addDoneCallback(() => bag.push(1));
    fut.setException(new Error('x'));
    expect(bag).toEqual([]);
    scheduler.flush();
    expect(bag).toEqual([1]);
  });

  test('addDoneCallback on a done future schedules the callback, never runs it at once', () => {
    const [fut, scheduler] = newFuture();
    fut.setResult(null);
    const log: string[] = [];
    fut.addDoneCallback(() => log.push('cb'));
    expect(log).toEqual([]);
    scheduler.flush();
    expect(log).toEqual(['cb']);
  });

  test('completion callbacks interleave FIFO with handles already queued (A, D, B)', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    const fut = loop.createFuture();
    fut.addDoneCallback(() => log.push('D'));
    loop.callSoon(() => log.push('A'));
    fut.setResult(null);
    loop.callSoon(() => log.push('B'));
    await runOnce(loop);
    expect(log).toEqual(['A', 'D', 'B']);
  });

  test('one failing callback does not stop the others', async () => {
    const loop = virtualLoop();
    const contexts: Record<string, unknown>[] = [];
    loop.setExceptionHandler((_loop, context) => contexts.push(context));
    const fut = loop.createFuture();
    const log: string[] = [];
    fut.addDoneCallback(function failing() {
      throw new Error('bad');
    });
    fut.addDoneCallback(() => log.push('second'));
    fut.setResult(null);
    await runOnce(loop);
    expect(log).toEqual(['second']);
    expect(contexts).toHaveLength(1);
    expect(contexts[0].message).toBe('Exception in callback failing()');
    expect(contexts[0].exception).toEqual(new Error('bad'));
  });

  test('removeDoneCallback returns how many it removed: 1, then 0 for an unknown one', () => {
    const [fut, scheduler] = newFuture();
    const log: string[] = [];
    const cb1 = () => log.push('cb1');
    const cb2 = () => log.push('cb2');
    const cb3 = () => log.push('cb3');
    fut.addDoneCallback(cb1);
    fut.addDoneCallback(cb2);
    expect(fut.removeDoneCallback(cb2)).toBe(1);
    expect(fut.removeDoneCallback(cb3)).toBe(0);
    fut.setResult(null);
    scheduler.flush();
    expect(log).toEqual(['cb1']);
  });

  test('removeDoneCallback removes every registration of the callback', () => {
    const [fut, scheduler] = newFuture();
    const log: string[] = [];
    const cb1 = () => log.push('cb1');
    const cb2 = () => log.push('cb2');
    fut.addDoneCallback(cb2);
    for (let i = 0; i < 5; i++) fut.addDoneCallback(cb1);
    fut.addDoneCallback(cb1);
    expect(fut.removeDoneCallback(cb1)).toBe(6);
    fut.setResult(null);
    scheduler.flush();
    expect(log).toEqual(['cb2']);
  });

  test('callbacks cannot be removed once the future is done: they are already scheduled', () => {
    const [fut, scheduler] = newFuture();
    const log: string[] = [];
    const cb = () => log.push('cb');
    fut.addDoneCallback(cb);
    fut.setResult(null);
    expect(fut.removeDoneCallback(cb)).toBe(0);
    scheduler.flush();
    expect(log).toEqual(['cb']);
  });

  test('a callback that removes or adds callbacks while they run does not disturb them', () => {
    const [fut, scheduler] = newFuture();
    const log: string[] = [];
    const second = () => log.push('second');
    fut.addDoneCallback(() => {
      log.push('first');
      expect(fut.removeDoneCallback(second)).toBe(0);
      fut.addDoneCallback(() => log.push('added'));
    });
    fut.addDoneCallback(second);
    fut.setResult(null);
    scheduler.flush();
    expect(log).toEqual(['first', 'second']);
    scheduler.flush();
    expect(log).toEqual(['first', 'second', 'added']);
  });
});

describe('awaiting a future with yield*', () => {
  test('a pending future yields itself once, flagged as blocking', () => {
    const [fut] = newFuture<number>();
    const it = fut[Symbol.iterator]();
    const step = it.next();
    expect(step.done).toBe(false);
    expect(step.value).toBe(fut);
    expect(fut._asyncioFutureBlocking).toBe(true);
  });

  test('resumed after the future is done, it returns the result', () => {
    const [fut] = newFuture<number>();
    const it = fut[Symbol.iterator]();
    it.next();
    fut.setResult(7);
    expect(it.next()).toEqual({ done: true, value: 7 });
  });

  test('resumed while the future is still pending, it throws "await wasn\'t used with future"', () => {
    const [fut] = newFuture();
    const it = fut[Symbol.iterator]();
    it.next();
    expect(() => it.next()).toThrow(new RuntimeError("await wasn't used with future"));
  });

  test('a done future does not yield: yield* returns its result at once, every time', () => {
    const [fut] = newFuture<string>();
    fut.setResult('done');
    function* twice() {
      const a = yield* fut;
      const b = yield* fut;
      return [a, b];
    }
    expect(twice().next()).toEqual({ done: true, value: ['done', 'done'] });
  });

  test('yield* of a failed future throws its error', () => {
    const [fut] = newFuture();
    fut.setException(new RuntimeError('no'));
    const it = fut[Symbol.iterator]();
    expect(() => it.next()).toThrow('no');
  });
});

describe('isFuture and the constructor', () => {
  test('isFuture is duck-typed on _asyncioFutureBlocking being neither null nor undefined', () => {
    const [fut] = newFuture();
    expect(isFuture(fut)).toBe(true);
    expect(isFuture({ _asyncioFutureBlocking: false })).toBe(true);
    expect(isFuture({ _asyncioFutureBlocking: null })).toBe(false);
    expect(isFuture({})).toBe(false);
    expect(isFuture(null)).toBe(false);
    expect(isFuture(42)).toBe(false);
  });

  test('the loop is an option: new Future(42) is a TypeError', () => {
    expect(() => new Future(42 as never)).toThrow(
      new TypeError('Future() takes no positional arguments'),
    );
  });

  test('without a loop option a future takes the running loop', async () => {
    const loop = virtualLoop();
    let fut: Future | undefined;
    loop.callSoon(() => {
      fut = new Future();
    });
    await runOnce(loop);
    expect(fut?.getLoop()).toBe(loop);
  });

  test('without a loop option and outside a loop, the constructor raises "no running event loop"', () => {
    expect(() => new Future()).toThrow(new RuntimeError('no running event loop'));
    expect(() => getRunningLoop()).toThrow('no running event loop');
  });

  test('getLoop() returns the loop given', () => {
    const [fut, scheduler] = newFuture();
    expect(fut.getLoop()).toBe(scheduler);
  });

  test('_setResultUnlessCancelled does nothing on a cancelled future', () => {
    const [fut] = newFuture();
    fut.cancel();
    _setResultUnlessCancelled(fut, 1);
    expect(fut.cancelled()).toBe(true);
    const [other] = newFuture();
    _setResultUnlessCancelled(other, 1);
    expect(other.result()).toBe(1);
  });
});

describe('repr', () => {
  test('toString() follows asyncio: pending, finished with a result, cancelled', () => {
    const [fut] = newFuture();
    expect(String(fut)).toBe('<Future pending>');
    fut.setResult([1]);
    expect(String(fut)).toBe('<Future finished result=[1]>');
    const [other] = newFuture();
    other.cancel();
    expect(String(other)).toBe('<Future cancelled>');
  });

  test('toString() shows an error as Python would, and pending callbacks by name', () => {
    const [fut] = newFuture();
    fut.setException(new RuntimeError('e'));
    expect(String(fut)).toBe("<Future finished exception=RuntimeError('e')>");
    const [waiting] = newFuture();
    const cb = () => {};
    waiting.addDoneCallback(cb);
    expect(String(waiting)).toBe('<Future pending cb=[cb()]>');
    waiting.addDoneCallback(cb);
    waiting.addDoneCallback(function last() {});
    expect(String(waiting)).toBe('<Future pending cb=[cb(), <1 more>, last()]>');
  });

  test('toString() shortens a long result as reprlib does', () => {
    const [fut] = newFuture();
    fut.setResult('x'.repeat(100));
    expect(String(fut)).toBe("<Future finished result='xxxxxxxxxxxx...xxxxxxxxxxxxx'>");
  });
});
