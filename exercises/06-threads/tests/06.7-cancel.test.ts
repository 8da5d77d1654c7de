import { afterEach, describe, expect, test, vi } from 'vitest';
import { CancelledError } from '#course/errors';
import type { Future } from '#course/futures';
import { getRunningLoop } from '#course/loop';
import { type Coroutine, createTask, run, sleep } from '#course/tasks';
import { toThread } from '#course/threads';
import { errorText, resources, signal, waitForSignal } from '#testing/06-threads';

const res = resources();
afterEach(() => res.cleanUp());

describe('06.7 cancelling the waiting side', () => {
  test('cancelling the future of a running job cancels its waiter, but the job runs to the end; its result is dropped', async () => {
    const { buffer, release, ended, started } = signal();
    const handler = vi.fn();
    function* waitFor(future: Future<string>, log: string[]): Coroutine<void> {
      try {
        yield* future;
      } catch (e) {
        log.push(`waiter: ${errorText(e)}`);
        throw e;
      }
    }
    function* main(): Coroutine<string[]> {
      const loop = getRunningLoop();
      loop.setExceptionHandler(handler);
      const log: string[] = [];
      const future = loop.runInExecutor(null, waitForSignal, buffer, 'dropped');
      const waiter = createTask(waitFor(future, log));
      while (!started()) yield* sleep(0.005);
      log.push(`cancel() -> ${waiter.cancel()}`);
      yield* sleep(0);
      yield* sleep(0);
      log.push(`waiter cancelled: ${waiter.cancelled()}, future cancelled: ${future.cancelled()}`);
      log.push(`job ended: ${ended()}`);
      release();
      yield* loop.shutdownDefaultExecutor(); // waits for the job
      log.push(`job ended: ${ended()}, future still cancelled: ${future.cancelled()}`);
      return log;
    }
    expect(await run(main())).toEqual([
      'cancel() -> true',
      'waiter: CancelledError',
      'waiter cancelled: true, future cancelled: true',
      'job ended: false',
      'job ended: true, future still cancelled: true',
    ]);
    expect(handler).not.toHaveBeenCalled();
  });

  test('cancelling the future of a job still in the queue takes it out: it never runs', async () => {
    const blocker = signal();
    const queued = signal(); // set if the queued job ever starts
    const executor = res.pool(1);
    function* main(): Coroutine<string[]> {
      const loop = getRunningLoop();
      const first = loop.runInExecutor(executor, waitForSignal, blocker.buffer, 'first');
      const second = loop.runInExecutor(executor, waitForSignal, queued.buffer, 'second');
      queued.release(); // so that it would not block, if it ran
      while (!blocker.started()) yield* sleep(0.005);
      const log = [`cancel() of the queued one -> ${second.cancel()}`];
      blocker.release();
      log.push(`first: ${yield* first}`);
      return log;
    }
    expect(await run(main())).toEqual(['cancel() of the queued one -> true', 'first: first']);
    await executor.shutdown();
    expect(queued.started()).toBe(false);
  });

  test('toThread in a task that is cancelled raises CancelledError in it', async () => {
    const { buffer, release, started } = signal();
    function* main(): Coroutine<unknown> {
      const task = createTask(toThread(waitForSignal, buffer, 'x'));
      while (!started()) yield* sleep(0.005);
      task.cancel();
      release();
      try {
        return yield* task;
      } catch (e) {
        return e;
      }
    }
    expect(await run(main())).toBeInstanceOf(CancelledError);
  });

  test('once its future is cancelled, the loop no longer waits for the job: the virtual clock moves on', async () => {
    const { buffer, release, ended } = signal();
    function* main(): Coroutine<string> {
      const loop = getRunningLoop();
      const future = loop.runInExecutor(null, waitForSignal, buffer, 'dropped', 1);
      future.cancel();
      yield* sleep(5); // on the virtual clock: no waiting, unless something holds the loop
      const seen = `t=${loop.time()}, job ended: ${ended()}`;
      release();
      return seen;
    }
    expect(await run(main(), { clock: 'virtual' })).toBe('t=5, job ended: false');
  });
});
