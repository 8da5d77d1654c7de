import { afterEach, describe, expect, test, vi } from 'vitest';
import { RuntimeError } from '#course/errors';
import { resources, workerThreadId } from '#testing/06-threads';

const res = resources();
afterEach(() => res.cleanUp());

describe('06.3 jobs that throw, workers that die', () => {
  test('a worker that exits in the middle of a job fails that job with a RuntimeError naming the exit code', async () => {
    const executor = res.pool(1);
    const error = await executor.submit(() => process.exit(3)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toMatch(/exited with code 3/);
  });

  test('the pool replaces a dead worker: the job queued behind the crash runs in a new thread', async () => {
    const executor = res.pool(1);
    const before = await executor.submit(workerThreadId);
    const crash = executor.submit(() => process.exit(1));
    const after = executor.submit(workerThreadId); // waits in the queue behind the crash
    await expect(crash).rejects.toThrow(/exited with code 1/);
    expect(await after).not.toBe(before);
  });

  test('an error thrown outside the job, by a timer in the worker, kills the worker and fails its job with that error', async () => {
    const executor = res.pool(1);
    const job = () => {
      setTimeout(() => {
        throw new Error('thrown by a timer in the worker');
      }, 0);
      return new Promise(() => {}); // never settles: the worker dies first
    };
    await expect(executor.submit(job)).rejects.toThrow('thrown by a timer in the worker');
    expect(await executor.submit(() => 'a new worker')).toBe('a new worker');
  });

  test('an idle worker that dies is reported on console.error, and replaced when work comes', async () => {
    const executor = res.pool(1);
    const report = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const first = await executor.submit(async () => {
        setTimeout(() => {
          throw new Error('thrown after the job');
        }, 10);
        const workerThreads = await import('node:worker_threads');
        return workerThreads.threadId;
      });
      await vi.waitFor(() => expect(report).toHaveBeenCalledTimes(1), { timeout: 2000 });
      expect(report.mock.calls[0]?.map(String).join(' ')).toContain('thrown after the job');
      expect(await executor.submit(workerThreadId)).not.toBe(first);
    } finally {
      report.mockRestore();
    }
  });

  test('an argument that cannot be cloned fails its job with a DataCloneError; the worker lives on', async () => {
    const executor = res.pool(1);
    const before = await executor.submit(workerThreadId);
    const error = await executor
      .submit(
        (f: unknown) => typeof f,
        () => 1,
      )
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('DataCloneError');
    expect((error as Error).message).toMatch(/could not be cloned/);
    expect(await executor.submit(workerThreadId)).toBe(before);
  });

  test('a result that cannot be cloned fails its job with a DataCloneError; the worker lives on', async () => {
    const executor = res.pool(1);
    const before = await executor.submit(workerThreadId);
    const error = await executor.submit(() => () => 1).catch((e: unknown) => e);
    expect((error as Error).name).toBe('DataCloneError');
    expect((error as Error).message).toMatch(/could not be cloned/);
    expect(await executor.submit(workerThreadId)).toBe(before);
  });
});
