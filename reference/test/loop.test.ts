import { afterEach, describe, expect, test, vi } from 'vitest';
import { type ExceptionContext, Handle, TimerHandle } from '../src/index.ts';
import { runOnce, virtualLoop } from './helpers.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('callSoon and iterations', () => {
  test('callSoon returns a Handle and runs callbacks FIFO with their arguments', async () => {
    const loop = virtualLoop();
    const log: unknown[] = [];
    const handle = loop.callSoon((a: number, b: string) => log.push([a, b]), 1, 'x');
    loop.callSoon((a: number) => log.push(a), 2);
    expect(handle).toBeInstanceOf(Handle);
    expect(log).toEqual([]);
    await runOnce(loop);
    expect(log).toEqual([[1, 'x'], 2]);
  });

  test('callbacks scheduled during an iteration run in the next one', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callSoon(() => {
      log.push('a');
      loop.callSoon(() => log.push('b'));
    });
    loop.callSoon(() => loop.stop());
    loop.callSoon(() => log.push('c'));
    await loop.runForever();
    expect(log).toEqual(['a', 'c']);
    await runOnce(loop);
    expect(log).toEqual(['a', 'c', 'b']);
  });

  test('stop() takes effect after the current iteration: every ready handle still runs', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callSoon(() => log.push('before'));
    loop.callSoon(() => loop.stop());
    loop.callSoon(() => log.push('after'));
    await loop.runForever();
    expect(log).toEqual(['before', 'after']);
  });

  test('a loop stopped before runForever runs exactly one iteration, without waiting', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callLater(10, () => log.push('timer'));
    loop.callSoon(() => {
      log.push('first');
      loop.callSoon(() => log.push('second'));
    });
    loop.stop();
    await loop.runForever();
    expect(log).toEqual(['first']);
    expect(loop.time()).toBe(0);
  });

  test('runForever resets the stop flag on exit, and stop() twice is harmless', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.stop();
    loop.stop();
    await loop.runForever();
    loop.callSoon(() => log.push('one'));
    loop.callSoon(() => loop.callSoon(() => loop.stop()));
    await loop.runForever();
    expect(log).toEqual(['one']);
    expect(loop._stopping).toBe(false);
  });

  test('a cancelled handle never runs, and cancel() is idempotent', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    const handle = loop.callSoon(() => log.push('cancelled'));
    loop.callSoon(() => log.push('kept'));
    handle.cancel();
    handle.cancel();
    expect(handle.cancelled()).toBe(true);
    expect(handle._callback).toBe(null);
    expect(handle._args).toBe(null);
    await runOnce(loop);
    expect(log).toEqual(['kept']);
  });

  test('a callback that throws goes to the exception handler and the others still run', async () => {
    const loop = virtualLoop();
    const contexts: ExceptionContext[] = [];
    loop.setExceptionHandler((_loop, context) => contexts.push(context));
    const log: string[] = [];
    const error = new Error('boom');
    const handle = loop.callSoon(function bad() {
      throw error;
    });
    loop.callSoon(() => log.push('next'));
    await runOnce(loop);
    expect(log).toEqual(['next']);
    expect(contexts).toEqual([
      { message: 'Exception in callback bad()', exception: error, handle },
    ]);
  });
});

describe('timers', () => {
  test('callLater returns a TimerHandle that waits in the heap, not in the ready queue', () => {
    const loop = virtualLoop();
    const timer = loop.callLater(10, () => {});
    expect(timer).toBeInstanceOf(TimerHandle);
    expect(timer.when()).toBe(10);
    expect(loop._scheduled._items).toEqual([timer]);
    expect(loop._ready.length).toBe(0);
  });

  test('callLater(null) is TypeError("delay must not be None"), callAt(null) "when cannot be None"', () => {
    const loop = virtualLoop();
    expect(() => loop.callLater(null as never, () => {})).toThrow(
      new TypeError('delay must not be None'),
    );
    expect(() => loop.callAt(undefined as never, () => {})).toThrow(
      new TypeError('when cannot be None'),
    );
  });

  test('when() is the absolute time: callLater(d) is callAt(time() + d)', async () => {
    const loop = virtualLoop();
    loop.callSoon(() => {
      loop.callLater(2, () => {
        const timer = loop.callLater(3, () => loop.stop());
        expect(timer.when()).toBe(5);
      });
    });
    await loop.runForever();
    expect(loop.time()).toBe(5);
  });

  test('negative delays are allowed and fire in when order', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callLater(-1, () => log.push('a'));
    loop.callLater(-2, () => log.push('b'));
    await runOnce(loop);
    expect(log).toEqual(['b', 'a']);
  });

  test('timers with equal deadlines all fire, in scheduling order (the reference tie-break)', async () => {
    const loop = virtualLoop();
    const log: number[] = [];
    for (let i = 0; i < 20; i++) loop.callAt(1, () => log.push(i));
    loop.callAt(1, () => loop.stop());
    await loop.runForever();
    expect(log).toEqual([...Array(20).keys()]);
  });

  test('a timer fires in the first iteration whose time has reached its when', async () => {
    const loop = virtualLoop();
    const times: number[] = [];
    loop.callAt(5, () => times.push(loop.time()));
    loop.callAt(5.5, () => loop.stop());
    await loop.runForever();
    expect(times).toEqual([5]);
  });

  test('a timer due exactly now fires at any magnitude of time', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callAt(1e12, () => log.push('late'));
    loop.callAt(1e12 + 1, () => loop.stop());
    await loop.runForever();
    expect(log).toEqual(['late']);
  });

  test('the wait is computed from the earliest live timer (cancelled heads are dropped)', async () => {
    const loop = virtualLoop();
    const h1 = loop.callLater(5, () => {});
    const fired: number[] = [];
    const h2 = loop.callLater(10, () => {
      fired.push(loop.time());
      loop.stop();
    });
    h1.cancel();
    let heap: TimerHandle[] = [];
    loop.callSoon(() => {
      heap = [...loop._scheduled._items];
    });
    await loop.runForever();
    expect(heap).toEqual([h2]);
    expect(fired).toEqual([10]);
  });

  test('cancelling a timer counts it only while it is in the heap', async () => {
    const loop = virtualLoop();
    const timer = loop.callLater(1, () => {});
    timer.cancel();
    timer.cancel();
    expect(loop._timerCancelledCount).toBe(1);
    await runOnce(loop);
    expect(loop._timerCancelledCount).toBe(0);
    expect(timer._scheduled).toBe(false);
    const fired = loop.callLater(0, () => {});
    await runOnce(loop);
    fired.cancel();
    expect(loop._timerCancelledCount).toBe(0);
  });

  test('with 100 timers or fewer, only cancelled timers at the head are removed', async () => {
    const loop = virtualLoop();
    const timers = Array.from({ length: 100 }, (_, i) => loop.callLater(i + 1, () => {}));
    for (const t of timers.slice(1)) t.cancel();
    loop.callSoon(() => {});
    await runOnce(loop);
    expect(loop._scheduled.size).toBe(100); // the head is live: nothing is dropped
    timers[0].cancel();
    loop.callSoon(() => {});
    await runOnce(loop);
    expect(loop._scheduled.size).toBe(0); // every cancelled timer reached the head in turn
    expect(loop._timerCancelledCount).toBe(0);
  });

  test('with more than 100 timers and over half cancelled, one iteration purges them all', async () => {
    const loop = virtualLoop();
    const timers = Array.from({ length: 150 }, (_, i) => loop.callLater(i + 1, () => {}));
    for (const t of timers.slice(50)) t.cancel();
    expect(loop._timerCancelledCount).toBe(100);
    loop.callSoon(() => {});
    await runOnce(loop);
    expect(loop._scheduled.size).toBe(50);
    expect(loop._timerCancelledCount).toBe(0);
    expect(timers[149]._scheduled).toBe(false);
    expect(timers[0]._scheduled).toBe(true);
  });

  test('TimerHandle repr shows when, as asyncio does', () => {
    const loop = virtualLoop();
    const timer = loop.callLater(5, function cb() {});
    expect(String(timer)).toBe('<TimerHandle when=5 cb()>');
    timer.cancel();
    expect(String(timer)).toBe('<TimerHandle cancelled when=5>');
    expect(String(loop.callSoon(function cb() {}))).toBe('<Handle cb()>');
  });
});
