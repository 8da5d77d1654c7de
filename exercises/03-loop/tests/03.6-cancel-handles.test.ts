import { afterEach, describe, expect, test, vi } from 'vitest';
import type { TimerHandle } from '#course/loop';
import { pseudoRandom, runOneIteration, virtualLoop } from '#testing/03-loop';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('03.6 cancelling handles', () => {
  test('a cancelled handle never runs; the callbacks around it still do', async () => {
    const loop = virtualLoop();
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
    const log: string[] = [];
    loop.callSoon(() => log.push('a'));
    const handle = loop.callSoon(() => log.push('cancelled'));
    loop.callSoon(() => log.push('c'));
    expect(handle.cancelled()).toBe(false);
    handle.cancel();
    expect(handle.cancelled()).toBe(true);
    await runOneIteration(loop);
    expect(log).toEqual(['a', 'c']);
    expect(reported, 'nothing was reported to the exception handler').not.toHaveBeenCalled();
  });

  test('a callback can cancel a handle that is ready in the same iteration, and that handle is skipped', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callSoon(() => {
      log.push('first');
      later.cancel();
    });
    const later = loop.callSoon(() => log.push('later'));
    await runOneIteration(loop);
    expect(log).toEqual(['first']);
  });

  test('cancel() is idempotent and lets go of the callback and its arguments', () => {
    const loop = virtualLoop();
    const handle = loop.callSoon((x: number) => x, 42);
    handle.cancel();
    handle.cancel();
    expect(handle.cancelled()).toBe(true);
    expect(handle._callback).toBe(null);
    expect(handle._args).toBe(null);
  });

  test('a cancelled timer never runs, and the clock does not stop at its time', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    const h1 = loop.callLater(5, () => log.push('h1'));
    loop.callLater(10, () => {
      log.push(`h2 at ${loop.time()}`);
      loop.stop();
    });
    h1.cancel();
    await loop.runForever();
    expect(log).toEqual(['h2 at 10']);
    expect(h1._scheduled).toBe(false);
  });

  test('cancelling a timer that has already run is harmless', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    const timer = loop.callLater(1, () => {
      log.push('ran');
      loop.stop();
    });
    await loop.runForever();
    timer.cancel();
    expect(timer.cancelled()).toBe(true);
    expect(log).toEqual(['ran']);
    expect(loop._timerCancelledCount).toBe(0);
  });

  test('cancelling a timer counts it in _timerCancelledCount while it is still in the heap, once', () => {
    const loop = virtualLoop();
    const timer = loop.callLater(10, () => {});
    expect(timer._scheduled).toBe(true);
    timer.cancel();
    timer.cancel();
    expect(loop._timerCancelledCount).toBe(1);
    expect(timer._scheduled).toBe(true); // still in the heap: removed lazily
  });

  test('with 100 timers or fewer, an iteration removes only the cancelled timers at the top of the heap', async () => {
    const loop = virtualLoop();
    const cb = () => {};
    loop.callLater(3000, cb); // a timer that stays, ahead of the cancelled ones below
    const deep: TimerHandle[] = [];
    for (let i = 0; i < 2; i++) deep.push(loop.callLater(3600, cb));
    const head: TimerHandle[] = [];
    for (let i = 0; i < 2; i++) head.push(loop.callLater(100, cb));
    for (const timer of [...deep, ...head]) timer.cancel();
    expect(loop._timerCancelledCount).toBe(4);
    await runOneIteration(loop);
    expect(head.map((t) => t._scheduled)).toEqual([false, false]);
    expect(deep.map((t) => t._scheduled)).toEqual([true, true]);
    expect(loop._timerCancelledCount).toBe(2);
  });

  test('with more than 100 timers of which more than half are cancelled, one iteration removes every cancelled one', async () => {
    const loop = virtualLoop();
    const cb = () => {};
    const kept: TimerHandle[] = [loop.callLater(3000, cb)];
    const cancelled: TimerHandle[] = [];
    for (let i = 0; i < 2; i++) cancelled.push(loop.callLater(3600, cb));
    for (let i = 0; i < 48; i++) kept.push(loop.callLater(3600, cb));
    for (let i = 0; i < 51; i++) cancelled.push(loop.callLater(3600, cb));
    for (const timer of cancelled) timer.cancel();
    // 101 timers, 53 of them cancelled: none at the top of the heap.
    expect(loop._timerCancelledCount).toBe(53);
    await runOneIteration(loop);
    expect(cancelled.every((t) => !t._scheduled)).toBe(true);
    expect(kept.every((t) => t._scheduled)).toBe(true);
    expect(loop._timerCancelledCount).toBe(0);
  });

  test('after many cancellations here and there, the remaining timers still fire in the order of their times', async () => {
    const loop = virtualLoop();
    const random = pseudoRandom(7);
    const fired: number[] = [];
    const expected: number[] = [];
    const timers: { when: number; handle: TimerHandle }[] = [];
    for (let i = 0; i < 150; i++) {
      const when = 1 + Math.floor(random() * 1000);
      timers.push({ when, handle: loop.callAt(when, () => fired.push(when)) });
    }
    for (const { when, handle } of timers) {
      if (random() < 0.4) handle.cancel();
      else expected.push(when);
    }
    // Cancel a few more while the loop runs.
    loop.callAt(500, () => {
      for (const { when, handle } of timers) {
        if (when > 500 && !handle.cancelled() && random() < 0.3) {
          handle.cancel();
          expected.splice(expected.indexOf(when), 1);
        }
      }
    });
    loop.callAt(2000, () => loop.stop());
    await loop.runForever();
    expect(fired).toEqual([...fired].sort((a, b) => a - b));
    expect([...fired].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
  });
});
