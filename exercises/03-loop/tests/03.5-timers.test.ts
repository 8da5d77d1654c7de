import { describe, expect, test } from 'vitest';
import { newEventLoop, TimerHandle } from '#course/loop';
import { pseudoRandom, runOneIteration, virtualLoop } from '#testing/03-loop';

describe('03.5 timers on a heap', () => {
  test('callLater returns a TimerHandle whose when() is loop.time() + delay', () => {
    const loop = virtualLoop();
    const timer = loop.callLater(10, () => {});
    expect(timer).toBeInstanceOf(TimerHandle);
    expect(timer.when()).toBe(10);
    expect(loop.callAt(25, () => {}).when()).toBe(25);
  });

  test('a timer runs once the virtual clock reaches its time, which the loop jumps to at once', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callLater(
      3600,
      (what: string) => {
        log.push(`${what} at ${loop.time()}`);
        loop.stop();
      },
      'an hour later',
    );
    await loop.runForever();
    expect(log).toEqual(['an hour later at 3600']);
  });

  test('timers fire in the order of their times, whatever the order they were scheduled in', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callLater(3, () => log.push(`c at ${loop.time()}`));
    loop.callLater(1, () => log.push(`a at ${loop.time()}`));
    loop.callAt(2, () => log.push(`b at ${loop.time()}`));
    loop.callLater(4, () => loop.stop());
    await loop.runForever();
    expect(log).toEqual(['a at 1', 'b at 2', 'c at 3']);
  });

  test('negative delays are allowed: those timers are due at once, in the order of their times', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callLater(-1, () => log.push('a'));
    loop.callLater(-2, () => log.push('b'));
    loop.callSoon(() => loop.callSoon(() => loop.stop()));
    await loop.runForever();
    expect(log).toEqual(['b', 'a']);
    expect(loop.time()).toBe(0);
  });

  test('a callback that is ready runs before the clock moves on to the next timer', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callLater(10, () => {
      log.push(`timer at ${loop.time()}`);
      loop.callSoon(() => {
        log.push(`scheduled by the timer, at ${loop.time()}`);
        loop.stop();
      });
    });
    loop.callSoon(() => log.push(`ready at ${loop.time()}`));
    await loop.runForever();
    expect(log).toEqual(['ready at 0', 'timer at 10', 'scheduled by the timer, at 10']);
  });

  test('a stopping loop does not wait for a timer: a pre-stopped loop leaves the clock where it was', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callLater(10, () => log.push('timer'));
    await runOneIteration(loop);
    expect(log).toEqual([]);
    expect(loop.time()).toBe(0);
  });

  test('a timer that is due now (callLater(0)) runs in the same iteration', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callLater(0, () => log.push('due now'));
    await runOneIteration(loop);
    expect(log).toEqual(['due now']);
  });

  test('a timer scheduled by a timer counts from the time it was scheduled', async () => {
    const loop = virtualLoop();
    const log: number[] = [];
    loop.callLater(5, () => {
      log.push(loop.time());
      loop.callLater(5, () => {
        log.push(loop.time());
        loop.stop();
      });
    });
    await loop.runForever();
    expect(log).toEqual([5, 10]);
  });

  test('timers with the same time all run (in no promised order)', async () => {
    const loop = virtualLoop();
    const log: number[] = [];
    for (let i = 0; i < 20; i++) loop.callAt(5, () => log.push(i));
    loop.callAt(6, () => loop.stop());
    await loop.runForever();
    expect([...log].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  test('two hundred timers scheduled in a scrambled order fire in the order of their times', async () => {
    const loop = virtualLoop();
    const random = pseudoRandom(42);
    const fired: number[] = [];
    for (let i = 0; i < 200; i++) {
      const when = Math.floor(random() * 10_000);
      loop.callAt(when, () => fired.push(when));
    }
    loop.callAt(20_000, () => loop.stop());
    await loop.runForever();
    expect(fired).toHaveLength(200);
    expect(fired).toEqual([...fired].sort((a, b) => a - b));
  });

  test('while work outside the loop is held, the virtual clock does not jump to the next timer', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    const release = loop._holdExternalWork('a job in a test');
    loop.callLater(10, () => {
      log.push(`timer at ${loop.time()}`);
      loop.stop();
    });
    setTimeout(() => {
      loop.callSoonThreadsafe(() => log.push(`result at ${loop.time()}`));
      release();
    }, 10);
    await loop.runForever();
    expect(log).toEqual(['result at 0', 'timer at 10']);
  }, 3000);

  test('on the real clock, a timer fires once its delay (0.05 s) has passed, and not before', async () => {
    const loop = newEventLoop({ clock: 'real' });
    const start = loop.time();
    let firedAt = Number.NaN;
    loop.callLater(0.05, () => {
      firedAt = loop.time();
      loop.stop();
    });
    await loop.runForever();
    expect(firedAt - start).toBeGreaterThanOrEqual(0.049);
    expect(firedAt - start).toBeLessThan(10);
  }, 5000);

  test("callLater(null) throws TypeError('delay must not be None'); callAt(null) throws TypeError('when cannot be None')", () => {
    const loop = virtualLoop();
    expect(() => loop.callLater(null as unknown as number, () => {})).toThrow(TypeError);
    expect(() => loop.callLater(null as unknown as number, () => {})).toThrow(
      'delay must not be None',
    );
    expect(() => loop.callAt(null as unknown as number, () => {})).toThrow(TypeError);
    expect(() => loop.callAt(null as unknown as number, () => {})).toThrow('when cannot be None');
  });
});
