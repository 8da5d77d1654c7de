/**
 * The running-loop slot (asyncio keeps it in `events.py`). It is part of the loop module and
 * re-exported by `loop.ts`; it lives in this leaf file so that `futures.ts` can read it without
 * importing the loop, which keeps the ESM import cycle futures -> loop -> tasks -> futures out.
 *
 * @module
 */

import { RuntimeError } from './errors.ts';
import type { EventLoop } from './loop.ts';

/** The loop whose `runForever` is in progress (Node has one thread, so one slot suffices). */
let runningLoop: EventLoop | null = null;

/**
 * Returns the running event loop: the one whose `runForever` (or `runUntilComplete`, or `run`)
 * is in progress, also while it waits for a timer or for work outside it.
 *
 * @throws RuntimeError('no running event loop') outside one.
 */
export function getRunningLoop(): EventLoop {
  if (runningLoop === null) throw new RuntimeError('no running event loop');
  return runningLoop;
}

/**
 * Returns the running loop, or `null` outside one (asyncio's `_get_running_loop`).
 *
 * @internal
 */
export function _getRunningLoop(): EventLoop | null {
  return runningLoop;
}

/**
 * Sets or clears the running loop (asyncio's `_set_running_loop`); only `runForever` calls it.
 *
 * @internal
 */
export function _setRunningLoop(loop: EventLoop | null): void {
  runningLoop = loop;
}
