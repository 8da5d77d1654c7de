/**
 * WorkerPoolExecutor on its own (CPython's ThreadPoolExecutor, catalogue section 6): results,
 * errors, crashes, the worker limit, lazy start, shutdown, what can travel to a worker. Every
 * test shuts its executors down, so that no worker outlives it.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { CancelledError, RuntimeError, ValueError, WorkerPoolExecutor } from '../src/index.ts';

/** Work that needs imports, for `{ module, export }` jobs: the same module lesson 06's suites use. */
const WORK = new URL('../../grader/testing/06-threads-work.ts', import.meta.url);

const executors: WorkerPoolExecutor[] = [];
/** A pool that the test's end shuts down. */
function pool(maxWorkers?: number): WorkerPoolExecutor {
  const executor = new WorkerPoolExecutor({ maxWorkers });
  executors.push(executor);
  return executor;
}
afterEach(async () => {
  await Promise.all(executors.splice(0).map((e) => e.shutdown({ cancelFutures: true })));
});

/** A signal that jobs wait for (slot 0) and the test releases. */
function signal(): { buffer: SharedArrayBuffer; release: () => void } {
  const buffer = new SharedArrayBuffer(16);
  const release = () => {
    const flags = new Int32Array(buffer);
    Atomics.store(flags, 0, 1);
    Atomics.notify(flags, 0);
  };
  return { buffer, release };
}

/** A token that identifies the worker that runs it: a new worker makes a new one. */
function workerToken(): string {
  const scope = globalThis as { workerToken?: string };
  scope.workerToken ??= crypto.randomUUID();
  return scope.workerToken;
}

/** Blocks a worker until the signal is released (at most 10 s), then returns `value`. */
function waitForSignal(buffer: SharedArrayBuffer, value: string): string {
  const outcome = Atomics.wait(new Int32Array(buffer), 0, 0, 10_000);
  return outcome === 'timed-out' ? 'timed out' : value;
}

describe('WorkerPoolExecutor: results and errors', () => {
  test('submit() returns a promise of the function called in a worker with the arguments', async () => {
    const executor = pool(2);
    await expect(executor.submit((a: number, b: number) => a ** b, 2, 10)).resolves.toBe(1024);
    await expect(
      executor.submit((xs: number[]) => xs.reduce((a, b) => a + b), [40, 2]),
    ).resolves.toBe(42);
  });

  test("a job sees only globals: none of the worker script's own names", async () => {
    const executor = pool(1);
    // Source text, so that the names can be asked for without TypeScript knowing them.
    const probe = new Function(
      "return ['parentPort', 'workerData', '__helpers', 'require'].map((name) => { try { return name + ': ' + typeof eval(name); } catch { return name + ': not defined'; } }).join(', ')",
    ) as () => string;
    await expect(executor.submit(probe)).resolves.toBe(
      'parentPort: not defined, workerData: not defined, __helpers: not defined, require: not defined',
    );
  });

  test('an async function is awaited in the worker', async () => {
    const executor = pool(1);
    const job = async (x: number) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return x * 3;
    };
    await expect(executor.submit(job, 14)).resolves.toBe(42);
  });

  test('a JavaScript error comes back with its class, message, stack and own properties', async () => {
    const executor = pool(1);
    const error = await executor
      .submit(() => {
        const e = new RangeError('out of range');
        (e as RangeError & { code: string }).code = 'E_RANGE';
        throw e;
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as RangeError).message).toBe('out of range');
    expect((error as RangeError).stack).toMatch(/^RangeError: out of range\n\s+at /);
    expect((error as { code?: string }).code).toBe('E_RANGE');
  });

  test("another error class comes back as an Error with the class's name", async () => {
    const executor = pool(1);
    const error = await executor
      .submit(() => {
        class ValueError extends Error {}
        ValueError.prototype.name = 'ValueError';
        throw new ValueError('bad value');
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ValueError); // the reference's class is not the worker's
    expect((error as Error).name).toBe('ValueError');
    expect((error as Error).message).toBe('bad value');
  });

  test('a thrown value that is not an error comes back as it is', async () => {
    const executor = pool(1);
    await expect(
      executor.submit(() => {
        throw { reason: 42 };
      }),
    ).rejects.toEqual({ reason: 42 });
  });

  test('a job that throws fails only its own promise: the worker runs the next job', async () => {
    const executor = pool(1);
    const failing = executor.submit(() => {
      throw new TypeError('nope');
    });
    const next = executor.submit(() => 'still working');
    await expect(failing).rejects.toThrow(TypeError);
    await expect(next).resolves.toBe('still working');
    expect(executor._workers.size).toBe(1);
  });
});

describe('WorkerPoolExecutor: crashes', () => {
  test('a worker that exits fails only its job, and a new worker takes the next one', async () => {
    const executor = pool(1);
    const before = await executor.submit(workerToken);
    const crash = executor.submit(() => process.exit(3));
    const after = executor.submit(workerToken); // queued behind the crash
    const error = await crash.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toBe(
      'the worker thread running <anonymous>() exited with code 3 before the job was done',
    );
    expect(await after).not.toBe(before);
    expect(executor._workers.size).toBe(1);
  });

  test('an error thrown outside the job (a stray callback) fails the running job with it', async () => {
    const executor = pool(1);
    const job = () => {
      setTimeout(() => {
        throw new Error('thrown by a timer in the worker');
      }, 0);
      return new Promise(() => {}); // never settles: the worker dies first
    };
    await expect(executor.submit(job)).rejects.toThrow('thrown by a timer in the worker');
    await expect(executor.submit(() => 'replaced')).resolves.toBe('replaced');
  });

  test('an idle worker that dies is reported and replaced when work comes', async () => {
    const executor = pool(1);
    const report = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await executor.submit(() => {
        setTimeout(() => {
          throw new Error('late');
        }, 20);
        return 'returned before';
      });
      await vi.waitFor(() => expect(executor._workers.size).toBe(0), { timeout: 5000 });
      expect(report).toHaveBeenCalledTimes(1);
      expect(String(report.mock.calls[0]?.[0])).toContain('Exception in a worker thread');
    } finally {
      report.mockRestore();
    }
    await expect(executor.submit(() => 'new worker')).resolves.toBe('new worker');
  });
});

describe('WorkerPoolExecutor: workers', () => {
  test('no worker starts before the first job; sequential jobs reuse one worker', async () => {
    const executor = pool(4);
    expect(executor._workers.size).toBe(0);
    for (let i = 0; i < 3; i++) await executor.submit((x: number) => x, i);
    expect(executor._workers.size).toBe(1);
  });

  test('at most maxWorkers jobs run at a time; the others wait in the queue', async () => {
    const executor = pool(2);
    // Slots: 0 running, 1 most running at once, 2 started.
    const counters = new SharedArrayBuffer(12);
    const total = 6;
    const job = (buffer: SharedArrayBuffer, total: number) => {
      const c = new Int32Array(buffer);
      const started = Atomics.add(c, 2, 1) + 1;
      const running = Atomics.add(c, 0, 1) + 1;
      for (let most = Atomics.load(c, 1); running > most; most = Atomics.load(c, 1)) {
        if (Atomics.compareExchange(c, 1, most, running) === most) {
          Atomics.notify(c, 1);
          break;
        }
      }
      // Until two jobs have overlapped, wait (the last job has no partner left): so the limit
      // is surely reached, whatever the timing. While one job waits, the other worker is free,
      // so the next job starts.
      if (started < total) Atomics.wait(c, 1, 1, 10_000);
      Atomics.sub(c, 0, 1);
      return started;
    };
    const jobs = Array.from({ length: total }, () => executor.submit(job, counters, total));
    expect(executor._workers.size).toBe(2);
    expect(executor._queued).toBe(4);
    expect((await Promise.all(jobs)).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Atomics.load(new Int32Array(counters), 1)).toBe(2);
    expect(executor._workers.size).toBe(2);
  });

  test('queued jobs start in the order they were submitted', async () => {
    const executor = pool(1);
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

  test('maxWorkers must be a positive integer, as CPython checks max_workers', () => {
    expect(() => new WorkerPoolExecutor({ maxWorkers: 0 })).toThrow(
      new ValueError('max_workers must be greater than 0'),
    );
    expect(() => new WorkerPoolExecutor({ maxWorkers: 1.5 })).toThrow(TypeError);
    expect(new WorkerPoolExecutor()._maxWorkers).toBeGreaterThanOrEqual(5);
  });
});

describe('WorkerPoolExecutor: shutdown', () => {
  test('shutdown() waits for the running and queued jobs, then for every worker to exit', async () => {
    const executor = pool(1);
    const { buffer, release } = signal();
    const running = executor.submit(waitForSignal, buffer, 'ran');
    const queued = executor.submit(() => 'queued ran');
    const done = executor.shutdown();
    release();
    await done;
    expect(executor._workers.size).toBe(0);
    await expect(running).resolves.toBe('ran');
    await expect(queued).resolves.toBe('queued ran');
  });

  test('shutdown({ wait: false }) returns at once; the running job still finishes', async () => {
    const executor = pool(1);
    const { buffer, release } = signal();
    const running = executor.submit(waitForSignal, buffer, 'finished anyway');
    let returned = false;
    await executor.shutdown({ wait: false }).then(() => {
      returned = true;
    });
    expect(returned).toBe(true);
    expect(executor._workers.size).toBe(1); // still running its job
    release();
    await expect(running).resolves.toBe('finished anyway');
    await executor.shutdown(); // waits for the worker to exit
    expect(executor._workers.size).toBe(0);
  });

  test('shutdown({ cancelFutures: true }) cancels the queued jobs, not the running one', async () => {
    const executor = pool(1);
    const { buffer, release } = signal();
    const running = executor.submit(waitForSignal, buffer, 'ran');
    const queued = executor.submit(() => 'never');
    const done = executor.shutdown({ cancelFutures: true });
    await expect(queued).rejects.toBeInstanceOf(CancelledError);
    release();
    await done;
    await expect(running).resolves.toBe('ran');
  });

  test("submit() after shutdown rejects with asyncio's RuntimeError", async () => {
    const executor = pool(1);
    await executor.shutdown();
    await expect(executor.submit(() => 1)).rejects.toThrow(
      new RuntimeError('cannot schedule new futures after shutdown'),
    );
    expect(executor._workers.size).toBe(0);
  });

  test('idle workers are terminated at shutdown', async () => {
    const executor = pool(2);
    await Promise.all([executor.submit(() => 1), executor.submit(() => 2)]);
    expect(executor._workers.size).toBe(2);
    await executor.shutdown();
    expect(executor._workers.size).toBe(0);
  });
});

describe('WorkerPoolExecutor: what travels to a worker', () => {
  test('an argument that cannot be cloned fails its job with a DataCloneError; the worker lives on', async () => {
    const executor = pool(1);
    await executor.submit(() => 'warm'); // the worker exists
    const error = await executor
      .submit(
        (f: unknown) => typeof f,
        () => 1,
      )
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('DataCloneError');
    expect((error as Error).message).toMatch(
      /^could not send the arguments of <anonymous>\(\) to a worker thread: .* could not be cloned\./,
    );
    await expect(executor.submit(() => 'same worker')).resolves.toBe('same worker');
    expect(executor._workers.size).toBe(1);
  });

  test('a result that cannot be cloned fails the job with a DataCloneError', async () => {
    const executor = pool(1);
    const error = await executor.submit(() => () => 1).catch((e: unknown) => e);
    expect((error as Error).name).toBe('DataCloneError');
    expect((error as Error).message).toMatch(
      /^could not send the result back from the worker thread/,
    );
    await expect(executor.submit(() => 'still alive')).resolves.toBe('still alive');
  });

  test('a SharedArrayBuffer is shared, not copied', async () => {
    const executor = pool(1);
    const buffer = new SharedArrayBuffer(4);
    await executor.submit((b: SharedArrayBuffer) => {
      new Int32Array(b)[0] = 42;
    }, buffer);
    expect(new Int32Array(buffer)[0]).toBe(42);
  });

  test('a function with a free variable fails with a ReferenceError that says why', async () => {
    const executor = pool(1);
    const outside = 2;
    const error = await executor.submit((x: number) => x * outside, 21).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReferenceError);
    expect((error as Error).message).toMatch(
      /^outside is not defined \(a function sent to a worker/,
    );
  });

  test('a method, an inner named function and an inner class travel with their source', async () => {
    const executor = pool(1);
    const tools = {
      describe(n: number): string {
        function square(x: number) {
          return x * x;
        }
        class Box {
          value = square(n);
        }
        return `${square.name} ${Box.name} ${new Box().value}`;
      },
    };
    await expect(executor.submit(tools.describe, 3)).resolves.toBe('square Box 9');
  });

  test("vitest's transform rewrites import() in function source; the worker provides its helper", async () => {
    const executor = pool(1);
    const job = async (text: string) => {
      const crypto = await import('node:crypto');
      return crypto.createHash('sha256').update(text).digest('hex');
    };
    expect(job.toString()).toContain('__vite_ssr_dynamic_import__(');
    await expect(executor.submit(job, 'abc')).resolves.toBe(
      createHash('sha256').update('abc').digest('hex'),
    );
  });

  test('a native, bound or class function cannot travel: submit rejects with a TypeError', async () => {
    const executor = pool(1);
    await expect(executor.submit(Math.max, 1, 2)).rejects.toThrow(/native or bound function/);
    await expect(executor.submit(((x: number) => x).bind(null), 1)).rejects.toThrow(TypeError);
    await expect(executor.submit(class K {} as never)).rejects.toThrow(/a class is not callable/);
    expect(executor._workers.size).toBe(0);
  });
});

// Loading TypeScript in a worker starts tsx there (a hooks thread, esbuild): a second or more on
// a busy machine, once per worker. These tests share one worker.
describe('WorkerPoolExecutor: { module, export }', { timeout: 30_000 }, () => {
  let shared: WorkerPoolExecutor;
  beforeAll(() => {
    shared = new WorkerPoolExecutor({ maxWorkers: 1 });
  });
  afterAll(() => shared.shutdown());

  test('a function exported by a TypeScript module runs in the worker, with its imports', async () => {
    const executor = shared;
    const sha256 = { module: WORK, export: 'sha256' };
    const expected = createHash('sha256').update('hello').digest('hex');
    await expect(executor.submit<string>(sha256, 'hello')).resolves.toBe(expected);
    await expect(
      executor.submit<string>({ module: WORK, export: 'slowUpper' }, 'async'),
    ).resolves.toBe('ASYNC');
  });

  test('the module may be a URL, a file URL string or an absolute path', async () => {
    const executor = shared;
    const path = new URL(WORK).pathname;
    const forms = [WORK, WORK.href, pathToFileURL(path).href, path];
    const digests = await Promise.all(
      forms.map((module) => executor.submit<string>({ module, export: 'sha256' }, 'x')),
    );
    expect(new Set(digests)).toEqual(new Set([createHash('sha256').update('x').digest('hex')]));
  });

  test('a relative path, a missing export or a non-function export fails with a TypeError', async () => {
    const executor = shared;
    await expect(
      executor.submit({ module: './06-threads-work.ts', export: 'sha256' }),
    ).rejects.toThrow(/module must be a URL, a file URL or an absolute path/);
    await expect(executor.submit({ module: WORK, export: 'missing' })).rejects.toThrow(
      `${WORK.href} has no exported function named 'missing'`,
    );
    await expect(executor.submit({ module: WORK, export: 'notAFunction' })).rejects.toThrow(
      TypeError,
    );
  });
});
