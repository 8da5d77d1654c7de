/**
 * wrapPromise (asyncio's wrap_future, for a JavaScript promise) and callSoonThreadsafe from
 * outside the loop (catalogue section 6, items 8 and 10-11): settlements reach the loop through
 * callSoonThreadsafe, which wakes it, and work outside the loop holds a virtual-clock loop.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, test, vi } from 'vitest';
import {
  type Coroutine,
  createTask,
  Future,
  getRunningLoop,
  RuntimeError,
  run,
  sleep,
  wrapPromise,
} from '../src/index.ts';
import { virtualLoop } from './helpers.ts';

/** A promise and the functions that settle it. */
function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('wrapPromise', () => {
  test('a future of the loop with the promise’s result, delivered through callSoonThreadsafe', async () => {
    const loop = virtualLoop();
    const { promise, resolve } = deferred<number>();
    const threadsafe = vi.spyOn(loop, 'callSoonThreadsafe');
    const future = wrapPromise(promise, loop);
    expect(future).toBeInstanceOf(Future);
    expect(future.getLoop()).toBe(loop);
    setTimeout(() => resolve(42), 5);
    expect(await loop.runUntilComplete(future)).toBe(42);
    expect(threadsafe).toHaveBeenCalledTimes(1);
    loop.close();
  });

  test('a rejection is the future’s exception: the very same error object', async () => {
    const error = new TypeError('rejected');
    function* main(): Coroutine<unknown> {
      try {
        return yield* wrapPromise(Promise.reject(error));
      } catch (e) {
        return e;
      }
    }
    expect(await run(main(), { clock: 'virtual' })).toBe(error);
  });

  test('a future is returned as it is', async () => {
    const loop = virtualLoop();
    const future = loop.createFuture<number>();
    expect(wrapPromise(future, loop)).toBe(future);
    loop.close();
  });

  test('anything else is a TypeError; no running loop and no loop is a RuntimeError', () => {
    const loop = virtualLoop();
    expect(() => wrapPromise(42 as never, loop)).toThrow(
      new TypeError('a promise is required, got 42'),
    );
    expect(() => wrapPromise(Promise.resolve(1))).toThrow(
      new RuntimeError('no running event loop'),
    );
    loop.close();
  });

  test('a virtual-clock loop waits for it: fs.promises.readFile, at t=0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threads-test-'));
    try {
      const path = join(dir, 'hello.txt');
      await writeFile(path, 'hello from the disk');
      function* main(): Coroutine<string> {
        const text = yield* wrapPromise(readFile(path, 'utf8'));
        return `${text} at t=${getRunningLoop().time()}`;
      }
      expect(await run(main(), { clock: 'virtual' })).toBe('hello from the disk at t=0');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('fetch from a local HTTP server, while a timer task keeps to virtual time', async () => {
    const server = createServer((_req, res) => {
      setTimeout(() => res.end('pong'), 10);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      function* main(): Coroutine<string[]> {
        const loop = getRunningLoop();
        const log: string[] = [];
        createTask(
          (function* () {
            yield* sleep(1);
            log.push(`timer at t=${loop.time()}`);
          })(),
        );
        const body = yield* wrapPromise(
          fetch(`http://127.0.0.1:${port}/`).then((response) => response.text()),
        );
        log.push(`fetched ${body} at t=${loop.time()}`);
        yield* sleep(2);
        return log;
      }
      expect(await run(main(), { clock: 'virtual' })).toEqual([
        'fetched pong at t=0',
        'timer at t=1',
      ]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('cancelling the future does not stop the promise; its later settlement is ignored', async () => {
    const { promise, resolve } = deferred<string>();
    const handler = vi.fn();
    function* main(): Coroutine<string[]> {
      const loop = getRunningLoop();
      loop.setExceptionHandler(handler);
      const log: string[] = [];
      const future = wrapPromise(promise);
      log.push(`cancel() -> ${future.cancel()}`);
      // The loop no longer waits for the promise: the virtual clock moves on.
      yield* sleep(5);
      log.push(`t=${loop.time()}, holds: ${loop._selector._holds.size}`);
      resolve('too late');
      yield* wrapPromise(promise); // the settlement has happened
      yield* sleep(0);
      log.push(`future cancelled: ${future.cancelled()}`);
      return log;
    }
    expect(await run(main(), { clock: 'virtual' })).toEqual([
      'cancel() -> true',
      't=5, holds: 0',
      'future cancelled: true',
    ]);
    expect(handler).not.toHaveBeenCalled();
  });

  test('a pending promise holds the loop, under a name a deadlock report would show', async () => {
    const loop = virtualLoop();
    const { promise, resolve } = deferred<string>();
    const future = wrapPromise(promise, loop);
    expect([...loop._selector._holds.values()]).toEqual(['a promise (wrapPromise)']);
    setTimeout(() => resolve('settled'), 5);
    expect(await loop.runUntilComplete(future)).toBe('settled');
    expect(loop._selector._holds.size).toBe(0);
    loop.close();
  });
});

describe('callSoonThreadsafe from another thread', () => {
  test('a message from a worker wakes a loop that has nothing to do', async () => {
    // The worker cannot touch the loop: it posts a message, and the main thread's handler hands
    // it to the loop with callSoonThreadsafe, which ends the loop's wait.
    const worker = new Worker(
      "const { parentPort } = require('node:worker_threads'); setTimeout(() => parentPort.postMessage('hello from the worker'), 20);",
      { eval: true },
    );
    try {
      function* main(): Coroutine<string> {
        const loop = getRunningLoop();
        const future = loop.createFuture<string>();
        worker.once('message', (text: string) => {
          loop.callSoonThreadsafe((f: Future<string>) => f.setResult(text), future);
        });
        // No timer, nothing ready: the loop waits in its selector until the wake-up.
        return yield* future;
      }
      expect(await run(main())).toBe('hello from the worker');
    } finally {
      await worker.terminate();
    }
  });

  test('from the loop itself it simply queues, in order with callSoon', async () => {
    const loop = virtualLoop();
    const order: string[] = [];
    loop.callSoon(() => order.push('a'));
    loop.callSoonThreadsafe(() => order.push('b'));
    loop.callSoon(() => order.push('c'));
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    expect(order).toEqual(['a', 'b', 'c']);
    loop.close();
  });
});
