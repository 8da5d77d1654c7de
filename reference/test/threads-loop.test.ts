/**
 * Threads on the loop (catalogue section 6): runInExecutor, the default executor and its
 * shutdown, toThread, cancellation of the awaiting side, and a loop that stays responsive while
 * a worker runs. Real time only where a worker must be waited for; the assertions are about
 * results and order, never about how long anything took.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  CancelledError,
  type Coroutine,
  createTask,
  type EventLoop,
  getRunningLoop,
  isFuture,
  newEventLoop,
  RuntimeError,
  run,
  sleep,
  toThread,
  WorkerPoolExecutor,
} from '../src/index.ts';

/** Executors and loops that the test's end shuts down and closes. */
const executors: WorkerPoolExecutor[] = [];
const loops: EventLoop[] = [];
afterEach(async () => {
  for (const loop of loops.splice(0)) {
    if (loop._defaultExecutor !== null) executors.push(loop._defaultExecutor);
    if (!loop.isClosed()) loop.close();
  }
  await Promise.all(executors.splice(0).map((e) => e.shutdown()));
});

/** A real-clock loop that the test's end closes, with its default executor. */
function realLoop(): EventLoop {
  const loop = newEventLoop();
  loops.push(loop);
  return loop;
}

/** A signal that jobs wait for (slot 0) and the test releases; slot 1 is set by a job when it ends. */
function signal(): { buffer: SharedArrayBuffer; release: () => void; ended: () => boolean } {
  const buffer = new SharedArrayBuffer(8);
  const flags = new Int32Array(buffer);
  return {
    buffer,
    release: () => {
      Atomics.store(flags, 0, 1);
      Atomics.notify(flags, 0);
    },
    ended: () => Atomics.load(flags, 1) === 1,
  };
}

/** Blocks a worker until the signal is released (at most 10 s), marks the end, returns `value`. */
function waitForSignal(buffer: SharedArrayBuffer, value: string): string {
  const flags = new Int32Array(buffer);
  const outcome = Atomics.wait(flags, 0, 0, 10_000);
  Atomics.store(flags, 1, 1);
  return outcome === 'timed-out' ? 'timed out' : value;
}

describe('runInExecutor', () => {
  test('returns a future of the loop (isFuture) with the result of the function', async () => {
    const loop = realLoop();
    const future = loop.runInExecutor(null, (a: number, b: number) => a ** b, 2, 10);
    expect(isFuture(future)).toBe(true);
    expect(future.getLoop()).toBe(loop);
    expect(await loop.runUntilComplete(future)).toBe(1024);
  });

  test('creates the default executor on first use, and uses it from then on', async () => {
    const loop = realLoop();
    expect(loop._defaultExecutor).toBeNull();
    const first = loop.runInExecutor(null, () => 1);
    const executor = loop._defaultExecutor;
    expect(executor).toBeInstanceOf(WorkerPoolExecutor);
    await loop.runUntilComplete(first);
    await loop.runUntilComplete(loop.runInExecutor(null, () => 2));
    expect(loop._defaultExecutor).toBe(executor);
  });

  test('an error thrown in the worker is the exception of the future', async () => {
    const loop = realLoop();
    const future = loop.runInExecutor(null, () => {
      throw new TypeError('nope');
    });
    await expect(loop.runUntilComplete(future)).rejects.toThrow(new TypeError('nope'));
    expect(future.exception()).toBeInstanceOf(TypeError);
  });

  test('a given executor is used instead of the default one', async () => {
    const loop = realLoop();
    const executor = new WorkerPoolExecutor({ maxWorkers: 1 });
    executors.push(executor);
    expect(await loop.runUntilComplete(loop.runInExecutor(executor, () => 'mine'))).toBe('mine');
    expect(loop._defaultExecutor).toBeNull();
    expect(executor._workers.size).toBe(1);
  });

  test('a shut-down executor raises at once, as CPython submit() does', async () => {
    const loop = realLoop();
    const executor = new WorkerPoolExecutor({ maxWorkers: 1 });
    await executor.shutdown();
    expect(() => loop.runInExecutor(executor, () => 1)).toThrow(
      new RuntimeError('cannot schedule new futures after shutdown'),
    );
    expect(loop._selector._holds.size).toBe(0);
  });

  test('a closed loop refuses: RuntimeError("Event loop is closed")', () => {
    const loop = realLoop();
    loop.close();
    expect(() => loop.runInExecutor(null, () => 1)).toThrow(
      new RuntimeError('Event loop is closed'),
    );
  });
});

describe('setDefaultExecutor and shutdownDefaultExecutor', () => {
  test('setDefaultExecutor accepts only a WorkerPoolExecutor', () => {
    const loop = realLoop();
    expect(() => loop.setDefaultExecutor({} as WorkerPoolExecutor)).toThrow(
      new TypeError('executor must be WorkerPoolExecutor instance'),
    );
    const executor = new WorkerPoolExecutor({ maxWorkers: 1 });
    loop.setDefaultExecutor(executor);
    expect(loop._defaultExecutor).toBe(executor);
  });

  test('after shutdownDefaultExecutor(), runInExecutor(null) and toThread raise RuntimeError', async () => {
    const loop = realLoop();
    function* main(): Coroutine<string[]> {
      const seen: string[] = [];
      seen.push(String(yield* toThread(() => 'before')));
      const executor = loop._defaultExecutor;
      yield* loop.shutdownDefaultExecutor();
      seen.push(`workers left: ${executor?._workers.size}`);
      try {
        loop.runInExecutor(null, () => 1);
      } catch (e) {
        seen.push(String(e));
      }
      try {
        yield* toThread(() => 1);
      } catch (e) {
        seen.push(String(e));
      }
      return seen;
    }
    expect(await loop.runUntilComplete(main())).toEqual([
      'before',
      'workers left: 0',
      'RuntimeError: Executor shutdown has been called',
      'RuntimeError: Executor shutdown has been called',
    ]);
  });

  test('shutdownDefaultExecutor() without a default executor returns at once, and still forbids one', async () => {
    const loop = realLoop();
    await loop.runUntilComplete(loop.shutdownDefaultExecutor());
    expect(loop._defaultExecutor).toBeNull();
    expect(() => loop.runInExecutor(null, () => 1)).toThrow('Executor shutdown has been called');
  });

  test('shutdownDefaultExecutor() waits for the running job to finish', async () => {
    const loop = realLoop();
    const { buffer, release, ended } = signal();
    function* main(): Coroutine<string[]> {
      const log: string[] = [];
      const job = loop.runInExecutor(null, waitForSignal, buffer, 'job result');
      const shutdown = createTask(loop.shutdownDefaultExecutor());
      yield* sleep(0.01);
      log.push(`shutdown done before release: ${shutdown.done()}`);
      release();
      yield* shutdown;
      log.push(`job ended: ${ended()}, result: ${yield* job}`);
      return log;
    }
    expect(await loop.runUntilComplete(main())).toEqual([
      'shutdown done before release: false',
      'job ended: true, result: job result',
    ]);
  });

  test('with a timeout, it warns (RuntimeWarning) and stops waiting; the job still finishes', async () => {
    const loop = realLoop();
    const { buffer, release, ended } = signal();
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      function* main(): Coroutine<boolean> {
        const job = loop.runInExecutor(null, waitForSignal, buffer, 'late');
        yield* loop.shutdownDefaultExecutor(0.05); // the job waits for the release: it times out
        const endedBefore = ended();
        release();
        expect(yield* job).toBe('late');
        return endedBefore;
      }
      expect(await loop.runUntilComplete(main())).toBe(false);
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

  test('close() shuts the default executor down without waiting; its running job still finishes', async () => {
    const loop = realLoop();
    const { buffer, release } = signal();
    loop.runInExecutor(null, waitForSignal, buffer, 'dropped');
    const executor = loop._defaultExecutor as WorkerPoolExecutor;
    loop.close();
    expect(loop._defaultExecutor).toBeNull();
    expect(executor._shutdown).toBe(true);
    expect(executor._workers.size).toBe(1);
    release();
    await executor.shutdown(); // waits for the job, then the worker
    expect(executor._workers.size).toBe(0);
  });

  test('run() shuts the default executor down: its workers are gone when run returns', async () => {
    let executor: WorkerPoolExecutor | null = null;
    function* main(): Coroutine<number> {
      const result = yield* toThread((x: number) => x + 1, 41);
      executor = getRunningLoop()._defaultExecutor;
      return result;
    }
    expect(await run(main())).toBe(42);
    expect(executor).not.toBeNull();
    expect((executor as unknown as WorkerPoolExecutor)._workers.size).toBe(0);
  });
});

describe('toThread', () => {
  test('returns the result of the function, run in the default executor', async () => {
    function* main(): Coroutine<number> {
      return yield* toThread((xs: number[]) => xs.reduce((a, b) => a + b, 0), [40, 2]);
    }
    expect(await run(main())).toBe(42);
  });

  test('ten concurrent calls all run and return their own results', async () => {
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

  test('the loop keeps running while a worker runs: a heartbeat ticks, then releases the job', async () => {
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

  test('on the virtual clock, time stands still while a job runs', async () => {
    const { buffer, release } = signal();
    function* main(): Coroutine<string[]> {
      const log: string[] = [];
      const loop = getRunningLoop();
      createTask(
        (function* () {
          yield* sleep(10);
          log.push(`sleeper woke at t=${loop.time()}`);
        })(),
      );
      setTimeout(release, 20); // real time: the job outlives any jump of the virtual clock
      const result = yield* toThread(waitForSignal, buffer, 'done');
      log.push(`job ${result} at t=${loop.time()}`);
      yield* sleep(10);
      return log;
    }
    expect(await run(main(), { clock: 'virtual' })).toEqual([
      'job done at t=0',
      'sleeper woke at t=10',
    ]);
  });
});

describe('cancelling the awaiting side', () => {
  test('a running job runs to completion; its result is dropped', async () => {
    const { buffer, release, ended } = signal();
    const handler = vi.fn();
    function* main(): Coroutine<string[]> {
      const loop = getRunningLoop();
      loop.setExceptionHandler(handler);
      const log: string[] = [];
      const future = loop.runInExecutor(null, waitForSignal, buffer, 'dropped');
      const waiter = createTask(
        (function* () {
          try {
            yield* future;
          } catch (e) {
            log.push(`waiter: ${(e as Error).name}`);
            throw e;
          }
        })(),
      );
      yield* sleep(0.01);
      log.push(`cancel() -> ${waiter.cancel()}`);
      yield* sleep(0);
      yield* sleep(0);
      log.push(`waiter cancelled: ${waiter.cancelled()}, future cancelled: ${future.cancelled()}`);
      release();
      yield* loop.shutdownDefaultExecutor(); // waits for the job
      log.push(`job ended: ${ended()}, future still cancelled: ${future.cancelled()}`);
      return log;
    }
    expect(await run(main())).toEqual([
      'cancel() -> true',
      'waiter: CancelledError',
      'waiter cancelled: true, future cancelled: true',
      'job ended: true, future still cancelled: true',
    ]);
    expect(handler).not.toHaveBeenCalled();
  });

  test('a job still in the queue is removed from it and never runs', async () => {
    const blocker = signal();
    const queued = signal(); // slot 1 set only if the queued job ever runs
    const executor = new WorkerPoolExecutor({ maxWorkers: 1 });
    executors.push(executor);
    function* main(): Coroutine<string[]> {
      const loop = getRunningLoop();
      const first = loop.runInExecutor(executor, waitForSignal, blocker.buffer, 'first');
      const second = loop.runInExecutor(executor, waitForSignal, queued.buffer, 'second');
      queued.release(); // it would not block if it ran
      const log = [`queued: ${executor._queued}`, `cancel() -> ${second.cancel()}`];
      yield* sleep(0);
      log.push(`queued: ${executor._queued}, holds: ${loop._selector._holds.size}`);
      blocker.release();
      log.push(`first: ${yield* first}`);
      return log;
    }
    expect(await run(main())).toEqual([
      'queued: 1',
      'cancel() -> true',
      'queued: 0, holds: 1',
      'first: first',
    ]);
    await executor.shutdown();
    expect(queued.ended()).toBe(false);
  });

  test('toThread in a cancelled task raises CancelledError in it', async () => {
    const { buffer, release } = signal();
    function* main(): Coroutine<unknown> {
      const task = createTask(toThread(waitForSignal, buffer, 'x'));
      yield* sleep(0.01);
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
});
