/**
 * Test helpers for lesson 03 (the event loop). Most suites run a loop on the virtual clock,
 * which starts at 0 and jumps to the next timer, so that they are fast and always run in the
 * same order.
 */
import { type EventLoop, type ExceptionContext, newEventLoop } from '#course/loop';

export { realDelay, type Settled, settle } from './common.ts';

/** A loop on the virtual clock. */
export function virtualLoop(): EventLoop {
  return newEventLoop({ clock: 'virtual' });
}

/**
 * Runs exactly one iteration: asyncio's "pre-stopped loop" (`stop()`, then `runForever()`),
 * which polls without waiting, runs what is ready, and returns.
 */
export async function runOneIteration(loop: EventLoop): Promise<void> {
  loop.stop();
  await loop.runForever();
}

/**
 * Replaces the loop's exception handler with one that records each context it receives, and
 * returns the record.
 */
export function collectExceptionContexts(loop: EventLoop): ExceptionContext[] {
  const contexts: ExceptionContext[] = [];
  loop.setExceptionHandler((_loop, context) => {
    contexts.push(context);
  });
  return contexts;
}

/** Resolves on Node's next turn (`setImmediate`). */
export function nextNodeTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A small deterministic pseudo-random sequence (a linear congruential generator), so that a
 * test with "random" timers is the same on every run.
 */
export function pseudoRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
