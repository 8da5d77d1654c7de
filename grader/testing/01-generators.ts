/**
 * Helpers for the suites of lesson 01 (generators as coroutines).
 */

/** What a generator did when driven with bare `next()` calls until it finished. */
export interface Drained<Y, R> {
  /** Every value it yielded, in order. */
  yielded: Y[];
  /** What it returned. */
  returned: R;
}

/**
 * Drives `gen` with bare `next()` calls until it finishes. A generator that yields more than
 * `limit` values is taken as one that never finishes, and fails the test instead of hanging it.
 */
export function drain<Y, R>(gen: Generator<Y, R, undefined>, limit = 1000): Drained<Y, R> {
  const yielded: Y[] = [];
  let step = gen.next();
  while (!step.done) {
    if (yielded.length === limit) {
      throw new Error(`the generator yielded ${limit} values and was still not done`);
    }
    yielded.push(step.value);
    step = gen.next();
  }
  return { yielded, returned: step.value };
}

/**
 * A worker for the schedulers: for each of its `turns`, it logs `${name}${turn}` (`a0`,
 * `a1`, ...) then gives up its turn with a bare `yield`. It returns its name in capitals.
 */
export function* worker(
  name: string,
  turns: number,
  log: string[],
): Generator<undefined, string, unknown> {
  for (let turn = 0; turn < turns; turn++) {
    log.push(`${name}${turn}`);
    yield;
  }
  return name.toUpperCase();
}
