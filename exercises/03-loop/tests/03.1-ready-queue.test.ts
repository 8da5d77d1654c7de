import { describe, expect, test } from 'vitest';
import { Handle } from '#course/loop';
import { virtualLoop } from '#testing/03-loop';

describe('03.1 the ready queue', () => {
  test('callSoon returns a Handle, and the callback waits until the loop runs', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    const handle = loop.callSoon(() => log.push('a'));
    expect(handle).toBeInstanceOf(Handle);
    expect(log).toEqual([]);
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    expect(log).toEqual(['a']);
  });

  test('callbacks run first in, first out, each with its own arguments', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callSoon((x: number, y: number) => log.push(`add ${x + y}`), 1, 2);
    loop.callSoon((word: string) => log.push(word), 'hello');
    loop.callSoon(() => log.push('no arguments'));
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    expect(log).toEqual(['add 3', 'hello', 'no arguments']);
  });

  test('a callback scheduled during an iteration runs in the next iteration, not in the current one', async () => {
    // call_soon(a) where a does call_soon(b); call_soon(stop); call_soon(c): run_forever logs a, c.
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
    // b waited in the ready queue for the next run.
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    expect(log).toEqual(['a', 'c', 'b']);
  });

  test('stop() takes effect after the current iteration: every callback already ready still runs', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callSoon(() => {
      log.push('first');
      loop.stop();
    });
    loop.callSoon(() => {
      log.push('second');
      loop.callSoon(() => log.push('next iteration'));
    });
    loop.callSoon(() => log.push('third'));
    await loop.runForever();
    expect(log).toEqual(['first', 'second', 'third']);
  });

  test('a loop stopped before runForever runs exactly one iteration', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callSoon(() => {
      log.push('a');
      loop.callSoon(() => log.push('b'));
    });
    loop.stop();
    await loop.runForever();
    expect(log).toEqual(['a']);
    loop.stop();
    await loop.runForever();
    expect(log).toEqual(['a', 'b']);
  });

  test('runForever clears the stop flag when it returns, so the next run goes on until the next stop()', async () => {
    const loop = virtualLoop();
    loop.stop();
    loop.stop(); // twice is harmless
    await loop.runForever();
    const log: string[] = [];
    loop.callSoon(() => {
      log.push('a');
      loop.callSoon(() => {
        log.push('b');
        loop.callSoon(() => {
          log.push('c');
          loop.stop();
        });
      });
    });
    await loop.runForever();
    expect(log).toEqual(['a', 'b', 'c']);
  });

  test('a callback can stop the loop from any iteration, and the loop stops after that iteration', async () => {
    const loop = virtualLoop();
    let iterations = 0;
    const tick = () => {
      iterations++;
      if (iterations === 100) loop.stop();
      if (iterations < 1000) loop.callSoon(tick);
    };
    loop.callSoon(tick);
    await loop.runForever();
    expect(iterations).toBe(100);
  });
});
