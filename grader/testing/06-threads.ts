/**
 * Test helpers for lesson 06 (threads). The suites use real worker threads, so they run on the
 * real clock where a worker must be waited for; what they assert never depends on how long
 * anything took. A job that must wait for the loop blocks on an `Atomics` signal, which the test
 * (or a task on the loop) releases: so "the loop kept running while the job ran" is a fact of
 * the order of events, not of timing. Every executor a test makes is shut down at its end, so
 * that no worker outlives the test.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { type EventLoop, newEventLoop } from '#course/loop';
import { WorkerPoolExecutor } from '#course/threads';

export { errorText, realDelay, type Settled, settle } from './common.ts';

/** Executors and loops that a test makes, shut down and closed by `cleanUp()`. */
export interface Resources {
  /** A new pool of at most `maxWorkers` workers, shut down at the end of the test. */
  pool(maxWorkers?: number): WorkerPoolExecutor;
  /** A new real-clock loop, closed at the end of the test (which shuts its default executor down). */
  realLoop(): EventLoop;
  /** A new virtual-clock loop, closed at the end of the test. */
  virtualLoop(): EventLoop;
  /**
   * Shuts each loop's default executor down and closes the loop, then shuts every pool down
   * (its queued jobs cancelled), and waits until their workers have exited.
   */
  cleanUp(): Promise<void>;
}

/** Keeps track of a test's executors and loops: call `cleanUp()` in `afterEach`. */
export function resources(): Resources {
  const pools: WorkerPoolExecutor[] = [];
  const loops: EventLoop[] = [];
  return {
    pool(maxWorkers) {
      const executor = new WorkerPoolExecutor({ maxWorkers });
      pools.push(executor);
      return executor;
    },
    realLoop() {
      const loop = newEventLoop();
      loops.push(loop);
      return loop;
    },
    virtualLoop() {
      const loop = newEventLoop({ clock: 'virtual' });
      loops.push(loop);
      return loop;
    },
    async cleanUp() {
      // What the lesson has not written yet throws: clean up what can be.
      for (const loop of loops.splice(0)) {
        if (loop.isClosed() || loop.isRunning()) continue;
        // Waits until the default executor's workers have exited, then closes the loop.
        await attempt(() => loop.runUntilComplete(loop.shutdownDefaultExecutor()));
        await attempt(() => loop.close());
      }
      await Promise.all(
        pools.splice(0).map((pool) => attempt(() => pool.shutdown({ cancelFutures: true }))),
      );
    },
  };
}

/** Runs `step` and waits for it, ignoring what it throws. */
async function attempt(step: () => unknown): Promise<void> {
  try {
    await step();
  } catch {
    // Not written yet, or already done: nothing to clean up.
  }
}

/**
 * A signal in shared memory, which jobs in workers wait for and the test releases. Slot 0 is the
 * release; slot 1 is set by `waitForSignal` when the job ends, slot 2 when it started.
 */
export interface Signal {
  buffer: SharedArrayBuffer;
  /** Releases the jobs that wait for the signal. */
  release(): void;
  /** Whether a job that waited for the signal has ended. */
  ended(): boolean;
  /** Whether a job that waits for the signal has started. */
  started(): boolean;
}

export function signal(): Signal {
  const buffer = new SharedArrayBuffer(12);
  const slots = new Int32Array(buffer);
  return {
    buffer,
    release() {
      Atomics.store(slots, 0, 1);
      Atomics.notify(slots, 0);
    },
    ended: () => Atomics.load(slots, 1) === 1,
    started: () => Atomics.load(slots, 2) === 1,
  };
}

/**
 * A job (self-contained: it travels to the worker): marks that it started, blocks its worker
 * until the signal is released (at most `limit` seconds of real time), marks its end, and
 * returns `value`, or `'timed out'` if nobody released it in time.
 */
export function waitForSignal(buffer: SharedArrayBuffer, value: string, limit = 2): string {
  const slots = new Int32Array(buffer);
  Atomics.store(slots, 2, 1);
  const outcome = Atomics.wait(slots, 0, 0, limit * 1000);
  Atomics.store(slots, 1, 1);
  return outcome === 'timed-out' ? 'timed out' : value;
}

/**
 * A job (self-contained) that identifies the worker thread running it: the worker's
 * `threadId`, which no other thread of the process has.
 */
export async function workerThreadId(): Promise<number> {
  const workerThreads = await import('node:worker_threads');
  return workerThreads.threadId;
}

/** The `threadId` of the thread the test runs in. */
export function testThreadId(): number {
  return threadId;
}

/** The module of `{ module, export }` jobs: `06-threads-work.ts`, beside this file. */
export const WORK_MODULE = new URL('./06-threads-work.ts', import.meta.url);

/** The file path of {@link WORK_MODULE}. */
export const WORK_MODULE_PATH = fileURLToPath(WORK_MODULE);

const TSX = createRequire(import.meta.url).resolve('tsx');
const TSX_FIXTURE = fileURLToPath(new URL('./06-threads-tsx-source.ts', import.meta.url));

/**
 * The source text of a function as tsx's transform leaves it, with calls to its `__name`
 * helper: a child process runs `06-threads-tsx-source.ts` under tsx, which prints it.
 */
export function sourceUnderTsx(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', TSX, TSX_FIXTURE], (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout) as string);
    });
  });
}

/**
 * A function of this thread whose source text is `source` (as `toString()` gives it back). It
 * is meant to travel to a worker, not to be called here: its helpers may be missing here.
 */
// biome-ignore lint/suspicious/noExplicitAny: any function, whatever its parameters.
export function functionWithSource(source: string): (...args: any[]) => unknown {
  return new Function(`return (${source});`)() as (...args: unknown[]) => unknown;
}

/** A promise and the functions that settle it. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Writes `text` to a new file in a new temporary folder, runs `body` with the file's path, then
 * removes the folder.
 */
export async function withTemporaryFile<T>(
  text: string,
  body: (path: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'course-06-'));
  try {
    const path = join(dir, 'hello.txt');
    await writeFile(path, text);
    return await body(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Node's own `fs.promises.readFile(path, 'utf8')`: a promise of the file's text. */
export function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/**
 * Starts an HTTP server on loopback that answers every request with `body` after `delayMs`, runs
 * `test` with its URL, then stops the server.
 */
export async function withLocalServer<T>(
  body: string,
  delayMs: number,
  test: (url: string) => Promise<T>,
): Promise<T> {
  const server = createServer((_request, response) => {
    setTimeout(() => response.end(body), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await test(`http://127.0.0.1:${port}/`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
