/**
 * What the TypeScript side of a parity scenario uses: the shape of a scenario, and the same
 * helpers as the Python side's `py/virtual_clock.py`, printing the same text.
 *
 * A scenario's TypeScript side is `scenarios/<name>.ts`, whose default export receives `log` and
 * runs the scenario against the reference; it logs exactly what `scenarios/<name>.py` prints.
 *
 * @module
 */

import { type EventLoop, getRunningLoop, repr } from '../../src/index.ts';

/** Appends one line to the scenario's log (the Python side `print`s it). */
export type Log = (line: string) => void;

/** A scenario's TypeScript side: runs the scenario on the reference, logging as it goes. */
export type Scenario = (log: Log) => void | Promise<void>;

/**
 * A loop time as both sides print it: `String(seconds)`, which is Python's float repr without
 * its trailing `.0` (`0`, `0.5`, `1`, `0.30000000000000004`) for every time from 0.0001 to 1e16.
 */
export function fmtTime(seconds: number): string {
  return String(seconds);
}

/** `t=<loop time>` of `loop`, or of the running loop: the prefix of a timed log line. */
export function stamp(loop?: EventLoop): string {
  return `t=${fmtTime((loop ?? getRunningLoop()).time())}`;
}

/**
 * Logs `-- iteration N` once per loop iteration, `count` times, to show where the iteration
 * boundaries fall (`virtual_clock.ticker`). Each tick queues the next one, so a ticker started
 * before anything else is queued runs first in every iteration.
 */
export function ticker(loop: EventLoop, count: number, log: Log): void {
  let n = 0;
  const tick = (): void => {
    n += 1;
    log(`-- iteration ${n}`);
    if (n < count) loop.callSoon(tick);
  };
  loop.callSoon(tick);
}

/**
 * Runs `fn` and returns `repr()` of what it threw (`CancelledError('boom')`), or `returned <repr>`:
 * the Python side's `try: ... except BaseException as e: print(repr(e))`.
 */
export function outcome(fn: () => unknown): string {
  try {
    return `returned ${repr(fn())}`;
  } catch (error) {
    return repr(error);
  }
}

/** {@link outcome} for a promise: `returned <repr>`, or the repr of what it rejected with. */
export async function settled(promise: Promise<unknown>): Promise<string> {
  try {
    return `returned ${repr(await promise)}`;
  } catch (error) {
    return repr(error);
  }
}

export { repr };
