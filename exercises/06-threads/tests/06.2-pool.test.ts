import { afterEach, describe, expect, test } from 'vitest';
import { ValueError } from '#course/errors';
import { WorkerPoolExecutor } from '#course/threads';
import { resources, signal, waitForSignal, workerThreadId } from '#testing/06-threads';

const res = resources();
afterEach(() => res.cleanUp());

/**
 * A job that counts, in shared memory, the jobs running at once (slot 0) and the most that ever
 * did (slot 1), and returns its worker's thread id. Until two jobs have overlapped it waits (at
 * most 2 s): so the limit is surely reached, whatever the timing. The last job has no partner.
 */
async function overlapping(buffer: SharedArrayBuffer, isLast: boolean): Promise<number> {
  const counters = new Int32Array(buffer);
  const running = Atomics.add(counters, 0, 1) + 1;
  for (let most = Atomics.load(counters, 1); running > most; most = Atomics.load(counters, 1)) {
    if (Atomics.compareExchange(counters, 1, most, running) === most) {
      Atomics.notify(counters, 1);
      break;
    }
  }
  if (!isLast) Atomics.wait(counters, 1, 1, 2000);
  Atomics.sub(counters, 0, 1);
  const workerThreads = await import('node:worker_threads');
  return workerThreads.threadId;
}

describe('06.2 lazy workers, at most maxWorkers, and a queue', () => {
  test('a free worker takes the next job: jobs run one after the other all run in one thread', async () => {
    const executor = res.pool(4);
    const threads = new Set<number>();
    for (let i = 0; i < 3; i++) threads.add(await executor.submit(workerThreadId));
    expect(threads.size).toBe(1);
  });

  test('at most maxWorkers jobs run at once, in at most maxWorkers threads; the others wait', async () => {
    const executor = res.pool(2);
    const counters = new SharedArrayBuffer(8);
    const jobs = Array.from({ length: 6 }, (_, i) =>
      executor.submit(overlapping, counters, i === 5),
    );
    const threads = new Set(await Promise.all(jobs));
    expect(Atomics.load(new Int32Array(counters), 1)).toBe(2);
    expect(threads.size).toBe(2);
  });

  test('queued jobs start in the order they were submitted', async () => {
    const executor = res.pool(1);
    const { buffer, release } = signal();
    const first = executor.submit(waitForSignal, buffer, 'first');
    const order: string[] = [];
    const rest = ['a', 'b', 'c'].map((name) =>
      executor.submit((n: string) => n, name).then((n) => order.push(n)),
    );
    release();
    expect(await first).toBe('first');
    await Promise.all(rest);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  test('a job submitted while every worker is busy starts as soon as one is free', async () => {
    const executor = res.pool(1);
    const { buffer, release } = signal();
    const busy = executor.submit(waitForSignal, buffer, 'done');
    const waiting = executor.submit(() => 'my turn came');
    release();
    expect(await busy).toBe('done');
    expect(await waiting).toBe('my turn came');
  });

  test('maxWorkers must be a positive integer, as CPython checks max_workers', () => {
    expect(() => new WorkerPoolExecutor({ maxWorkers: 0 })).toThrow(
      new ValueError('max_workers must be greater than 0'),
    );
    expect(() => new WorkerPoolExecutor({ maxWorkers: -1 })).toThrow(ValueError);
    expect(() => new WorkerPoolExecutor({ maxWorkers: 1.5 })).toThrow(TypeError);
  });

  test('without maxWorkers, the pool takes a default and runs jobs', async () => {
    const executor = res.pool();
    expect(await executor.submit((x: number) => x + 1, 41)).toBe(42);
  });
});
