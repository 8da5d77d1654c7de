import { afterEach, describe, expect, test } from 'vitest';
import { CancelledError, RuntimeError } from '#course/errors';
import { realDelay, resources, signal, waitForSignal } from '#testing/06-threads';

const res = resources();
afterEach(() => res.cleanUp());

describe('06.4 shutting a pool down, and cancelling a queued job', () => {
  test('shutdown() waits for the running job and the queued ones, then for the workers to exit', async () => {
    const executor = res.pool(1);
    const { buffer, release, ended } = signal();
    const running = executor.submit(waitForSignal, buffer, 'ran');
    const queued = executor.submit(() => 'queued ran');
    let shutDown = false;
    const done = executor.shutdown().then(() => {
      shutDown = true;
    });
    await realDelay(20);
    expect(shutDown).toBe(false); // the running job waits for the release
    release();
    await done;
    expect(ended()).toBe(true);
    expect(await running).toBe('ran');
    expect(await queued).toBe('queued ran');
  });

  test('shutdown({ wait: false }) resolves at once; the running job still finishes', async () => {
    const executor = res.pool(1);
    const { buffer, release, ended } = signal();
    const running = executor.submit(waitForSignal, buffer, 'finished anyway');
    await executor.shutdown({ wait: false });
    expect(ended()).toBe(false);
    release();
    expect(await running).toBe('finished anyway');
  });

  test('shutdown({ cancelFutures: true }) cancels the queued jobs, not the running one', async () => {
    const executor = res.pool(1);
    const { buffer, release } = signal();
    const running = executor.submit(waitForSignal, buffer, 'ran');
    const queued = executor.submit(() => 'never');
    const done = executor.shutdown({ cancelFutures: true });
    await expect(queued).rejects.toBeInstanceOf(CancelledError);
    release();
    await done;
    expect(await running).toBe('ran');
  });

  test("submit() after shutdown() rejects with RuntimeError('cannot schedule new futures after shutdown')", async () => {
    const executor = res.pool(1);
    expect(await executor.submit(() => 'before')).toBe('before');
    await executor.shutdown();
    await expect(executor.submit(() => 1)).rejects.toThrow(
      new RuntimeError('cannot schedule new futures after shutdown'),
    );
  });

  test('shutdown() ends the idle workers too: it resolves, also for a pool that never ran a job', async () => {
    const executor = res.pool(2);
    expect(await Promise.all([executor.submit(() => 1), executor.submit(() => 2)])).toEqual([1, 2]);
    await executor.shutdown();
    await res.pool(2).shutdown();
  });

  test('shutdown() can be called again: it waits the same way', async () => {
    const executor = res.pool(1);
    const { buffer, release } = signal();
    const running = executor.submit(waitForSignal, buffer, 'ran');
    const first = executor.shutdown({ wait: false });
    const second = executor.shutdown();
    await first;
    release();
    await second;
    expect(await running).toBe('ran');
  });
});
