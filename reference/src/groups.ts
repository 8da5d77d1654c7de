/**
 * Groups of tasks and timeouts: the concurrency tools of asyncio built on tasks, from
 * `tasks.py` (`gather`, `shield`, `wait`, `wait_for`, `as_completed`), `taskgroups.py` and
 * `timeouts.py` (Python 3.13). Each lives in a smaller module behind this one:
 *
 * - `gather.ts`: {@link gather}, {@link shield};
 * - `taskgroups.ts`: {@link TaskGroup}, {@link taskGroup};
 * - `timeouts.ts`: {@link Timeout}, {@link timeout}, {@link timeoutAt}, {@link waitFor};
 * - `wait.ts`: {@link wait}, {@link asCompleted};
 * - `errors.ts`: {@link ExceptionGroup}, which the course's lesson on groups introduces, so the
 *   concept's module exports it too.
 *
 * Python's `async with` becomes a function that runs a body: `yield* taskGroup(function* (tg)
 * { ... })`, `yield* timeout(5, function* () { ... })`. The managers also expose asyncio's
 * protocol as coroutines, `enter()` and `exit(...thrown)`, mirroring `__aenter__` and
 * `__aexit__`.
 *
 * @module
 */

export { type ExceptionCondition, ExceptionGroup } from './errors.ts';
export {
  type AwaitableResult,
  type GatherOptions,
  type GatherOutcomes,
  type GatherResults,
  gather,
  shield,
} from './gather.ts';
export { TaskGroup, type TaskGroupTaskOptions, taskGroup } from './taskgroups.ts';
export { Timeout, type TimeoutState, timeout, timeoutAt, waitFor } from './timeouts.ts';
export {
  type AsCompletedOptions,
  asCompleted,
  type ReturnWhen,
  type WaitOptions,
  wait,
} from './wait.ts';
