import { describe, expect, test } from 'vitest';
import { RuntimeError } from '#course/errors';
import { type EventLoop, getRunningLoop, newEventLoop } from '#course/loop';
import { realDelay, settle, virtualLoop } from '#testing/03-loop';

describe('03.4 the selector and the clocks', () => {
  test('a virtual loop starts at time 0, and its clock does not move while callbacks run', async () => {
    const loop = virtualLoop();
    expect(loop.time()).toBe(0);
    const seen: number[] = [];
    loop.callSoon(() => {
      seen.push(loop.time());
      loop.callSoon(() => {
        seen.push(loop.time());
        loop.stop();
      });
    });
    await loop.runForever();
    expect(seen).toEqual([0, 0]);
  });

  test('a real loop (the default) tells time in seconds of a monotonic clock', async () => {
    const loop = newEventLoop();
    const t0 = loop.time();
    await realDelay(50);
    const t1 = loop.time();
    expect(t1 - t0).toBeGreaterThan(0.03);
    expect(t1 - t0).toBeLessThan(10);
  });

  test("a virtual loop with nothing left to do fails with a RuntimeError that begins 'deadlock:' instead of waiting forever", async () => {
    const loop = virtualLoop();
    expect(loop.time()).toBe(0);
    const log: string[] = [];
    loop.callSoon(() => log.push('ran'));
    const outcome = await settle(loop.runForever());
    expect(log).toEqual(['ran']);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(RuntimeError);
      expect((outcome.error as Error).message).toMatch(/^deadlock:/);
    }
    expect(loop.isRunning()).toBe(false);
    expect(() => getRunningLoop()).toThrow('no running event loop');
  });

  test('callSoonThreadsafe from a Node callback wakes a real-clock loop that waits with nothing to do', async () => {
    const loop = newEventLoop();
    const start = loop.time();
    const log: string[] = [];
    setTimeout(() => {
      loop.callSoonThreadsafe(() => {
        log.push('woken');
        loop.stop();
      });
    }, 20);
    await loop.runForever();
    expect(log).toEqual(['woken']);
    expect(loop.time()).toBeGreaterThan(start);
  }, 3000);

  test('while the loop waits on its selector, it is still the running loop', async () => {
    const loop = newEventLoop();
    expect(loop.time()).toBeGreaterThan(0);
    let seen: EventLoop | null = null;
    setTimeout(() => {
      seen = getRunningLoop();
      loop.callSoonThreadsafe(() => loop.stop());
    }, 10);
    await loop.runForever();
    expect(seen).toBe(loop);
  }, 3000);

  test('callSoonThreadsafe from inside the loop queues like callSoon: first in, first out', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callSoon(() => {
      loop.callSoonThreadsafe((word: string) => log.push(word), 'hello');
      loop.callSoon((word: string) => log.push(word), 'world');
      loop.callSoonThreadsafe(() => loop.stop());
    });
    await loop.runForever();
    expect(log).toEqual(['hello', 'world']);
  });

  test('while work outside the loop is held, a virtual loop waits for callSoonThreadsafe instead of reporting a deadlock', async () => {
    const loop = virtualLoop();
    const release = loop._holdExternalWork('a job in a test');
    const log: string[] = [];
    setTimeout(() => {
      loop.callSoonThreadsafe(() => {
        log.push(`result arrived at ${loop.time()}`);
        loop.stop();
      });
      release();
    }, 10);
    await loop.runForever();
    expect(log).toEqual(['result arrived at 0']);
  }, 3000);

  test('releasing held work wakes the loop, which then reports the deadlock', async () => {
    const loop = virtualLoop();
    const release = loop._holdExternalWork('a job that gives up');
    setTimeout(release, 10);
    const outcome = await settle(loop.runForever());
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect((outcome.error as Error).message).toMatch(/^deadlock:/);
  }, 3000);
});
