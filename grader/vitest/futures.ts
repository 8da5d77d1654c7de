/**
 * A setup file of grading runs: futures in assertions. A `Future` is iterable (that is how
 * `yield* future` works), and vitest's equality and its failure messages iterate iterables: on
 * a pending future that runs the future's own iterator, which throws "await wasn't used with
 * future" instead of the failure the learner should see. So futures (anything carrying
 * asyncio's blocking flag) are compared by identity and printed as their repr,
 * `<Future pending>`.
 */
import { expect } from 'vitest';

function isFutureLike(value: unknown): value is object {
  return typeof value === 'object' && value !== null && '_asyncioFutureBlocking' in value;
}

expect.addEqualityTesters([
  (a: unknown, b: unknown) => (isFutureLike(a) || isFutureLike(b) ? a === b : undefined),
]);

expect.addSnapshotSerializer({
  test: isFutureLike,
  serialize: (value: unknown) => String(value),
});
