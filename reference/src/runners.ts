/**
 * `run()`, asyncio's `asyncio.run` (`runners.py`): the entry point of a program.
 *
 * @module
 */

import { type Coroutine, isCoroutine } from './coroutines.ts';
import { RuntimeError, ValueError } from './errors.ts';
import type { Future } from './futures.ts';
import { type EventLoop, type EventLoopOptions, newEventLoop } from './loop.ts';
import { repr } from './repr.ts';
import { _getRunningLoop } from './running-loop.ts';
import { allTasks, type Task } from './tasks.ts';

/**
 * How long (seconds) `run` waits for the default executor's jobs to finish before it warns and
 * stops waiting (asyncio's `constants.THREAD_JOIN_TIMEOUT`).
 */
const THREAD_JOIN_TIMEOUT = 300;

/** Options of {@link run}. */
export type RunOptions = EventLoopOptions;

/**
 * Runs `main` on a new event loop and returns its result: asyncio's `asyncio.run`. Afterwards
 * it cancels the tasks that are left and lets them finish (their `finally` blocks run), reports
 * their errors other than cancellation, shuts the default executor down (its running jobs
 * finish, then its workers exit, so that the process can), and closes the loop.
 *
 * @param main - The coroutine to run, for example `main()`.
 * @param options - `{ clock: 'virtual' }` to run on virtual time.
 * @throws RuntimeError when called while a loop is running.
 * @throws ValueError when `main` is not a coroutine.
 */
export async function run<T>(main: Coroutine<T>, options?: RunOptions): Promise<T> {
  if (_getRunningLoop() !== null) {
    throw new RuntimeError('asyncio.run() cannot be called from a running event loop');
  }
  if (!isCoroutine(main)) throw new ValueError(`a coroutine was expected, got ${repr(main)}`);
  const loop = newEventLoop(options);
  try {
    return await loop.runUntilComplete(loop.createTask(main));
  } finally {
    try {
      await cancelAllTasks(loop);
      // Shut the default executor down, so that its workers let the process exit.
      await loop.runUntilComplete(loop.shutdownDefaultExecutor(THREAD_JOIN_TIMEOUT));
    } finally {
      loop.close();
    }
  }
}

/** asyncio's `runners._cancel_all_tasks`: cancel what is left and wait for it to end. */
async function cancelAllTasks(loop: EventLoop): Promise<void> {
  const toCancel = allTasks(loop);
  if (toCancel.size === 0) return;
  for (const task of toCancel) task.cancel();
  await loop.runUntilComplete(whenAllDone(loop, toCancel));
  for (const task of toCancel) {
    if (task.cancelled()) continue;
    const exception = task.exception();
    if (exception !== null) {
      loop.callExceptionHandler({
        message: 'unhandled exception during asyncio.run() shutdown',
        exception,
        task,
      });
    }
  }
}

/**
 * A future that is done once every task is: what `gather(*tasks, return_exceptions=True)`
 * does for asyncio's runner (gather itself arrives with the groups lesson).
 */
function whenAllDone(loop: EventLoop, tasks: Set<Task<unknown>>): Future<null> {
  const all = loop.createFuture<null>();
  let pending = tasks.size;
  const onDone = () => {
    if (--pending === 0) all.setResult(null);
  };
  for (const task of tasks) task.addDoneCallback(onDone);
  return all;
}
