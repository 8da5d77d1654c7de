import { describe, expect, test } from 'vitest';
import { virtualLoop } from '#testing/03-loop';

/** Gives up after this long: a loop that never hands Node a turn would otherwise never stop. */
const GIVE_UP_MS = 2000;

describe('03.2 sharing the thread with Node', () => {
  test('while callbacks keep the loop busy, Node still gets a turn (about every 10 ms)', async () => {
    const loop = virtualLoop();
    const start = performance.now();
    let ticks = 0;
    let nodeTurnAfter: number | null = null;
    const tick = () => {
      ticks++;
      if (nodeTurnAfter !== null || performance.now() - start > GIVE_UP_MS) {
        loop.stop();
        return;
      }
      loop.callSoon(tick);
    };
    setImmediate(() => {
      nodeTurnAfter = ticks;
    });
    loop.callSoon(tick);
    await loop.runForever();
    expect(nodeTurnAfter, 'Node never got a turn while the loop was busy').not.toBeNull();
  });

  test('a Node timer set while the loop is busy fires before the loop stops', async () => {
    const loop = virtualLoop();
    const start = performance.now();
    let timerFired = false;
    const tick = () => {
      if (timerFired || performance.now() - start > GIVE_UP_MS) {
        loop.stop();
        return;
      }
      loop.callSoon(tick);
    };
    setTimeout(() => {
      timerFired = true;
    }, 1);
    loop.callSoon(tick);
    await loop.runForever();
    expect(timerFired).toBe(true);
  });

  test('the loop runs many iterations between two turns of Node: it does not hand over after every iteration', async () => {
    const loop = virtualLoop();
    const start = performance.now();
    let ticks = 0;
    let ticksAtLastTurn = 0;
    const ticksPerTurn: number[] = [];
    const tick = () => {
      ticks++;
      if (ticksPerTurn.length >= 3 || performance.now() - start > GIVE_UP_MS) {
        loop.stop();
        return;
      }
      loop.callSoon(tick);
    };
    const onNodeTurn = () => {
      ticksPerTurn.push(ticks - ticksAtLastTurn);
      ticksAtLastTurn = ticks;
      if (ticksPerTurn.length < 3) setImmediate(onNodeTurn);
    };
    setImmediate(onNodeTurn);
    loop.callSoon(tick);
    await loop.runForever();
    expect(ticksPerTurn.length).toBeGreaterThan(0);
    expect(Math.max(...ticksPerTurn)).toBeGreaterThan(10);
  });
});
