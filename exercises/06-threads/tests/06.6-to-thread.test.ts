import { afterEach, describe, expect, test, vi } from 'vitest';
import { getRunningLoop } from '#course/loop';
import { type Coroutine, createTask, run, sleep } from '#course/tasks';
import { toThread, WorkerPoolExecutor } from '#course/threads';
import { errorText, resources, signal, waitForSignal } from '#testing/06-threads';

const res = resources();
afterEach(() => res.cleanUp());

describe('06.6 toThread, and run() shuts the default executor down', () => {
  test('toThread(fn, ...args) returns the result of fn, run in a worker thread of the default executor', async () => {
    function* main(): Coroutine<number> {
      return yield* toThread((xs: number[]) => xs.reduce((a, b) => a + b, 0), [40, 2]);
    }
    expect(await run(main())).toBe(42);
  });

  test('calling toThread() only makes a coroutine: the loop is looked up when it is awaited', async () => {
    const coro = toThread((x: number) => x * 2, 21); // no loop is running here
    function* main(): Coroutine<number> {
      return yield* coro;
    }
    expect(await run(main())).toBe(42);
  });

  test('ten concurrent calls all run, and each returns its own result', async () => {
    function* main(): Coroutine<number[]> {
      const tasks = Array.from({ length: 10 }, (_, i) =>
        createTask(toThread((n: number) => n * n, i)),
      );
      const results: number[] = [];
      for (const task of tasks) results.push(yield* task);
      return results;
    }
    expect(await run(main())).toEqual([0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
  });

  test('the loop keeps running while a worker works: a heartbeat ticks three times, and only then releases the job', async () => {
    const { buffer, release } = signal();
    function* heartbeat(log: string[]): Coroutine<void> {
      for (let tick = 1; tick <= 3; tick++) {
        yield* sleep(0.005);
        log.push(`tick ${tick}`);
      }
      release(); // only now can the job return
    }
    function* main(): Coroutine<string[]> {
      const log: string[] = [];
      const job = createTask(toThread(waitForSignal, buffer, 'released'));
      createTask(heartbeat(log));
      log.push(`job: ${yield* job}`);
      return log;
    }
    expect(await run(main())).toEqual(['tick 1', 'tick 2', 'tick 3', 'job: released']);
  });

  test("after shutdownDefaultExecutor(), runInExecutor(null) and toThread raise RuntimeError('Executor shutdown has been called')", async () => {
    function* main(): Coroutine<string[]> {
      const loop = getRunningLoop();
      const seen = [`before: ${yield* toThread(() => 'ran')}`];
      yield* loop.shutdownDefaultExecutor();
      try {
        loop.runInExecutor(null, () => 1);
      } catch (e) {
        seen.push(errorText(e));
      }
      try {
        yield* toThread(() => 1);
      } catch (e) {
        seen.push(errorText(e));
      }
      return seen;
    }
    expect(await run(main())).toEqual([
      'before: ran',
      'RuntimeError: Executor shutdown has been called',
      'RuntimeError: Executor shutdown has been called',
    ]);
  });

  test('shutdownDefaultExecutor() shuts the default executor down, and waits until its running job has finished', async () => {
    const { buffer, release, ended } = signal();
    const executor = res.pool(1);
    function* main(): Coroutine<string[]> {
      const loop = getRunningLoop();
      loop.setDefaultExecutor(executor);
      const job = loop.runInExecutor(null, waitForSignal, buffer, 'job result');
      const shutdown = createTask(loop.shutdownDefaultExecutor());
      yield* sleep(0.01);
      const log = [`shutdown done before the release: ${shutdown.done()}`];
      release();
      yield* shutdown;
      log.push(`job ended: ${ended()}, result: ${yield* job}`);
      return log;
    }
    expect(await run(main())).toEqual([
      'shutdown done before the release: false',
      'job ended: true, result: job result',
    ]);
    await expect(executor.submit(() => 1)).rejects.toThrow(
      'cannot schedule new futures after shutdown',
    );
  });

  test('shutdownDefaultExecutor() without a default executor returns at once, and still forbids one', async () => {
    const loop = res.realLoop();
    await loop.runUntilComplete(loop.shutdownDefaultExecutor());
    expect(() => loop.runInExecutor(null, () => 1)).toThrow('Executor shutdown has been called');
  });

  test('with a timeout, it warns (RuntimeWarning) and stops waiting; the job still finishes', async () => {
    const { buffer, release, ended } = signal();
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      function* main(): Coroutine<string[]> {
        const loop = getRunningLoop();
        const job = loop.runInExecutor(null, waitForSignal, buffer, 'late');
        yield* loop.shutdownDefaultExecutor(0.05); // the job waits for the release: time out
        const log = [`job ended when shutdown returned: ${ended()}`];
        release();
        log.push(`job: ${yield* job}`);
        return log;
      }
      expect(await run(main())).toEqual(['job ended when shutdown returned: false', 'job: late']);
      expect(warn.mock.calls).toEqual([
        [
          'The executor did not finishing joining its threads within 0.05 seconds.',
          'RuntimeWarning',
        ],
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  test('run() shuts the default executor down: afterwards it takes no new job', async () => {
    const executor = res.pool(1);
    function* main(): Coroutine<string> {
      getRunningLoop().setDefaultExecutor(executor);
      return yield* toThread(() => 'in the default executor');
    }
    expect(await run(main())).toBe('in the default executor');
    await expect(executor.submit(() => 1)).rejects.toThrow(
      'cannot schedule new futures after shutdown',
    );
  });

  test('run() waits for a job of the default executor that is still running before it returns', async () => {
    const { buffer, ended } = signal();
    function* main(): Coroutine<void> {
      // Nobody releases the job and nobody awaits it: it gives up waiting after 0.05 s.
      getRunningLoop().runInExecutor(null, waitForSignal, buffer, 'unseen', 0.05);
      yield* sleep(0);
    }
    await run(main());
    expect(ended()).toBe(true);
  });

  test('a WorkerPoolExecutor of your own is not shut down by run()', async () => {
    const executor = res.pool(1);
    function* main(): Coroutine<string> {
      return yield* getRunningLoop().runInExecutor(executor, () => 'mine');
    }
    expect(await run(main())).toBe('mine');
    expect(await executor.submit(() => 'still open')).toBe('still open');
    expect(executor).toBeInstanceOf(WorkerPoolExecutor);
  });
});
