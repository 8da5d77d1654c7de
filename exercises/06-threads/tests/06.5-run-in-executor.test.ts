import { afterEach, describe, expect, test, vi } from 'vitest';
import { RuntimeError } from '#course/errors';
import { isFuture } from '#course/futures';
import { type Coroutine, createTask, sleep } from '#course/tasks';
import type { WorkerPoolExecutor } from '#course/threads';
import {
  errorText,
  resources,
  signal,
  testThreadId,
  waitForSignal,
  workerThreadId,
} from '#testing/06-threads';

const res = resources();
afterEach(() => res.cleanUp());

describe('06.5 runInExecutor, and the result through callSoonThreadsafe', () => {
  test('runInExecutor returns a future of the loop (isFuture) that gets the result of the function', async () => {
    const loop = res.realLoop();
    const future = loop.runInExecutor(null, (a: number, b: number) => a ** b, 2, 10);
    expect(isFuture(future)).toBe(true);
    expect(future.getLoop()).toBe(loop);
    expect(future.done()).toBe(false);
    expect(await loop.runUntilComplete(future)).toBe(1024);
  });

  test('an error thrown in the worker becomes the exception of the future', async () => {
    const loop = res.realLoop();
    const future = loop.runInExecutor(null, () => {
      throw new TypeError('nope');
    });
    await expect(loop.runUntilComplete(future)).rejects.toThrow(new TypeError('nope'));
    expect(future.exception()).toBeInstanceOf(TypeError);
  });

  test('the function runs in a worker thread of the executor given', async () => {
    const loop = res.realLoop();
    const executor = res.pool(1);
    const thread = await executor.submit(workerThreadId);
    const future = loop.runInExecutor(executor, workerThreadId);
    expect(await loop.runUntilComplete(future)).toBe(thread);
    expect(thread).not.toBe(testThreadId());
  });

  test('runInExecutor(null) uses the default executor, made at the first call and kept', async () => {
    const loop = res.realLoop();
    const first = await loop.runUntilComplete(loop.runInExecutor(null, workerThreadId));
    const second = await loop.runUntilComplete(loop.runInExecutor(null, workerThreadId));
    expect(second).toBe(first); // the same pool, whose idle worker took the second job
  });

  test('setDefaultExecutor(executor) makes runInExecutor(null) use that executor', async () => {
    const loop = res.realLoop();
    const executor = res.pool(1);
    loop.setDefaultExecutor(executor);
    const thread = await executor.submit(workerThreadId);
    expect(await loop.runUntilComplete(loop.runInExecutor(null, workerThreadId))).toBe(thread);
  });

  test("setDefaultExecutor accepts only a WorkerPoolExecutor: TypeError('executor must be WorkerPoolExecutor instance')", () => {
    const loop = res.realLoop();
    expect(() => loop.setDefaultExecutor({} as WorkerPoolExecutor)).toThrow(
      new TypeError('executor must be WorkerPoolExecutor instance'),
    );
  });

  test("the job's outcome is handed to the loop with callSoonThreadsafe, not set from outside the loop", async () => {
    const loop = res.realLoop();
    const threadsafe = vi.spyOn(loop, 'callSoonThreadsafe');
    const future = loop.runInExecutor(null, () => 'the result');
    expect(await loop.runUntilComplete(future)).toBe('the result');
    expect(threadsafe).toHaveBeenCalledTimes(1);
  });

  test('a real-clock loop with nothing else to do waits for the job, and its result wakes it up', async () => {
    const loop = res.realLoop();
    const { buffer, release } = signal();
    const future = loop.runInExecutor(null, waitForSignal, buffer, 'woken');
    setTimeout(release, 20); // meanwhile the loop has no callback and no timer
    expect(await loop.runUntilComplete(future)).toBe('woken');
  });

  test('on the virtual clock, time stands still while a job runs, then moves on', async () => {
    const loop = res.virtualLoop();
    const { buffer, release } = signal();
    const log: string[] = [];
    function* sleeper(): Coroutine<void> {
      yield* sleep(10);
      log.push(`sleeper woke at t=${loop.time()}`);
    }
    function* main(): Coroutine<void> {
      createTask(sleeper());
      setTimeout(release, 20); // real time: the job outlives any jump of the virtual clock
      const result = yield* loop.runInExecutor(null, waitForSignal, buffer, 'done');
      log.push(`job ${result} at t=${loop.time()}`);
      yield* sleep(10);
      log.push(`main woke at t=${loop.time()}`);
    }
    await loop.runUntilComplete(main());
    expect(log).toEqual(['job done at t=0', 'sleeper woke at t=10', 'main woke at t=10']);
  });

  test('a job that ends after the loop was closed is dropped without an error', async () => {
    const loop = res.realLoop();
    const { buffer, release, ended } = signal();
    const handler = vi.fn();
    loop.setExceptionHandler(handler);
    const executor = res.pool(1);
    const future = loop.runInExecutor(executor, waitForSignal, buffer, 'too late');
    loop.close();
    release();
    await executor.shutdown(); // the job ends, then the worker
    expect(ended()).toBe(true);
    expect(future.done()).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });

  test("a closed loop refuses: RuntimeError('Event loop is closed')", () => {
    const loop = res.realLoop();
    loop.close();
    expect(() => loop.runInExecutor(null, () => 1)).toThrow(
      new RuntimeError('Event loop is closed'),
    );
  });

  test('close() shuts the default executor down without waiting: it takes no new job, and its running job still finishes', async () => {
    const loop = res.realLoop();
    const executor = res.pool(1);
    loop.setDefaultExecutor(executor);
    const { buffer, release, ended } = signal();
    loop.runInExecutor(null, waitForSignal, buffer, 'dropped');
    loop.close();
    await expect(executor.submit(() => 1)).rejects.toThrow(
      'cannot schedule new futures after shutdown',
    );
    expect(ended()).toBe(false);
    release();
    await executor.shutdown(); // waits for the job, then the worker
    expect(ended()).toBe(true);
  });

  test('a shut-down executor refuses at once, as CPython submit() does', async () => {
    const loop = res.realLoop();
    const executor = res.pool(1);
    await executor.shutdown();
    let error: unknown;
    try {
      loop.runInExecutor(executor, () => 1);
    } catch (e) {
      error = e;
    }
    expect(errorText(error)).toBe('RuntimeError: cannot schedule new futures after shutdown');
  });
});
