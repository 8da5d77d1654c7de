import { afterEach, describe, expect, test, vi } from 'vitest';
import { RuntimeError } from '#course/errors';
import { Future } from '#course/futures';
import { getRunningLoop } from '#course/loop';
import { type Coroutine, createTask, run, sleep } from '#course/tasks';
import { wrapPromise } from '#course/threads';
import {
  deferred,
  readText,
  realDelay,
  resources,
  withLocalServer,
  withTemporaryFile,
} from '#testing/06-threads';

const res = resources();
afterEach(() => res.cleanUp());

describe('06.8 wrapPromise: promises as futures', () => {
  test("wrapPromise(promise, loop) returns a future of the loop that gets the promise's value", async () => {
    const loop = res.virtualLoop();
    const { promise, resolve } = deferred<number>();
    const future = wrapPromise(promise, loop);
    expect(future).toBeInstanceOf(Future);
    expect(future.getLoop()).toBe(loop);
    setTimeout(() => resolve(42), 5);
    expect(await loop.runUntilComplete(future)).toBe(42);
  });

  test('the value is handed to the loop with callSoonThreadsafe, which wakes it', async () => {
    const loop = res.realLoop();
    const threadsafe = vi.spyOn(loop, 'callSoonThreadsafe');
    const { promise, resolve } = deferred<string>();
    const future = wrapPromise(promise, loop);
    setTimeout(() => resolve('settled'), 5); // meanwhile the loop has nothing to do
    expect(await loop.runUntilComplete(future)).toBe('settled');
    expect(threadsafe).toHaveBeenCalledTimes(1);
  });

  test('a rejection becomes the exception of the future: the very same error object', async () => {
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

  test('any thenable will do; a future is returned as it is', async () => {
    const loop = res.virtualLoop();
    const thenable = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable that is not a Promise, on purpose.
      then: (resolve: (value: number) => void) => resolve(7),
    } as PromiseLike<number>;
    expect(await loop.runUntilComplete(wrapPromise(thenable, loop))).toBe(7);
    const future = loop.createFuture<number>();
    expect(wrapPromise(future, loop)).toBe(future);
  });

  test('anything else is a TypeError; without a running loop or a loop given, a RuntimeError', () => {
    const loop = res.virtualLoop();
    expect(() => wrapPromise(42 as never, loop)).toThrow(
      new TypeError('a promise is required, got 42'),
    );
    expect(() => wrapPromise(Promise.resolve(1))).toThrow(
      new RuntimeError('no running event loop'),
    );
  });

  test("Node's own I/O from a task: fs.promises.readFile, which a virtual-clock loop waits for at t=0", async () => {
    const text = await withTemporaryFile('hello from the disk', async (path) => {
      function* main(): Coroutine<string> {
        const content = yield* wrapPromise(readText(path));
        return `${content} at t=${getRunningLoop().time()}`;
      }
      return run(main(), { clock: 'virtual' });
    });
    expect(text).toBe('hello from the disk at t=0');
  });

  test('fetch() from a server on loopback, while a timer task keeps to virtual time', async () => {
    const log = await withLocalServer('pong', 10, async (url) => {
      function* main(): Coroutine<string[]> {
        const loop = getRunningLoop();
        const log: string[] = [];
        createTask(
          (function* () {
            yield* sleep(1);
            log.push(`timer at t=${loop.time()}`);
          })(),
        );
        const body = yield* wrapPromise(fetch(url).then((response) => response.text()));
        log.push(`fetched ${body} at t=${loop.time()}`);
        yield* sleep(2);
        return log;
      }
      return run(main(), { clock: 'virtual' });
    });
    expect(log).toEqual(['fetched pong at t=0', 'timer at t=1']);
  });

  test('cancelling the future does not stop the promise: the loop stops waiting for it, and its settlement is dropped', async () => {
    const { promise, resolve } = deferred<string>();
    const handler = vi.fn();
    let settled = false;
    function* main(): Coroutine<string[]> {
      const loop = getRunningLoop();
      loop.setExceptionHandler(handler);
      const future = wrapPromise(promise);
      const log = [`cancel() -> ${future.cancel()}`];
      yield* sleep(5); // the loop no longer waits for the promise: the virtual clock moves on
      log.push(`t=${loop.time()}, promise settled: ${settled}`);
      resolve('too late');
      yield* wrapPromise(promise.then(() => realDelay(5))); // its settlement has happened
      log.push(`future cancelled: ${future.cancelled()}`);
      return log;
    }
    promise.then(() => {
      settled = true;
    });
    expect(await run(main(), { clock: 'virtual' })).toEqual([
      'cancel() -> true',
      't=5, promise settled: false',
      'future cancelled: true',
    ]);
    expect(handler).not.toHaveBeenCalled();
  });

  test('a promise that settles after the loop was closed is dropped without an error', async () => {
    const loop = res.realLoop();
    const handler = vi.fn();
    loop.setExceptionHandler(handler);
    const { promise, resolve } = deferred<string>();
    const future = wrapPromise(promise, loop);
    loop.close();
    resolve('nobody listens');
    await realDelay(5);
    expect(future.done()).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });
});
