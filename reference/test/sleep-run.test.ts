import { describe, expect, test } from 'vitest';
import {
  CancelledError,
  type Coroutine,
  createTask,
  type EventLoop,
  type ExceptionContext,
  ensureFuture,
  getRunningLoop,
  RuntimeError,
  run,
  sleep,
  Task,
  ValueError,
} from '../src/index.ts';
import { runOnce, virtualLoop } from './helpers.ts';

describe('sleep', () => {
  test('sleep(0) and negative delays are a bare yield: no future, no timer', async () => {
    const observed: number[] = [];
    function* main(): Coroutine<string> {
      const loop = getRunningLoop();
      loop.callSoon(() => observed.push(loop._scheduled.size));
      yield* sleep(-5);
      return yield* sleep(0, 'r');
    }
    expect(await run(main(), { clock: 'virtual' })).toBe('r');
    expect(observed).toEqual([0]);
  });

  test('sleep(d) returns null, as asyncio returns None', async () => {
    function* main(): Coroutine<[null, null]> {
      return [yield* sleep(0), yield* sleep(1)];
    }
    expect(await run(main(), { clock: 'virtual' })).toEqual([null, null]);
  });

  test('sleep(d, result) returns result after d seconds of loop time', async () => {
    function* main(): Coroutine<[string, number]> {
      const value = yield* sleep(1.5, 'done');
      return [value, getRunningLoop().time()];
    }
    expect(await run(main(), { clock: 'virtual' })).toEqual(['done', 1.5]);
  });

  test('cancelling a sleeping task cancels its timer', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<void> {
      yield* sleep(10);
    }
    const task = loop.createTask(body());
    await runOnce(loop);
    const [timer] = loop._scheduled._items;
    expect(timer.when()).toBe(10);
    task.cancel();
    await expect(loop.runUntilComplete(task)).rejects.toThrow(CancelledError);
    expect(timer.cancelled()).toBe(true);
    expect(loop.time()).toBe(0);
  });

  test('sleep(NaN) raises ValueError("Invalid delay: NaN (not a number)")', async () => {
    function* main(): Coroutine<void> {
      yield* sleep(Number.NaN);
    }
    await expect(run(main(), { clock: 'virtual' })).rejects.toThrow(
      new ValueError('Invalid delay: NaN (not a number)'),
    );
  });
});

describe('ensureFuture', () => {
  test('a future is returned as it is', () => {
    const loop = virtualLoop();
    const fut = loop.createFuture();
    expect(ensureFuture(fut)).toBe(fut);
    expect(ensureFuture(fut, loop)).toBe(fut);
  });

  test('a future of another loop than the one given is a ValueError', () => {
    const fut = virtualLoop().createFuture();
    expect(() => ensureFuture(fut, virtualLoop())).toThrow(ValueError);
  });

  test('a coroutine becomes a task of the given or the running loop', async () => {
    function* child(): Coroutine<number> {
      yield;
      return 3;
    }
    const loop = virtualLoop();
    const task = ensureFuture(child(), loop);
    expect(task).toBeInstanceOf(Task);
    expect(task.getLoop()).toBe(loop);
    expect(await loop.runUntilComplete(task)).toBe(3);
    function* main(): Coroutine<boolean> {
      const inner = ensureFuture(child());
      yield* inner;
      return inner.getLoop() === getRunningLoop();
    }
    expect(await run(main(), { clock: 'virtual' })).toBe(true);
  });

  test('anything else is a TypeError', () => {
    expect(() => ensureFuture(42 as never)).toThrow(
      new TypeError('An asyncio.Future, a coroutine or an awaitable is required'),
    );
    expect(() => ensureFuture(Promise.resolve(1) as never)).toThrow(TypeError);
  });
});

describe('run', () => {
  test('run(main) returns what main returns, and rejects with what it throws', async () => {
    function* ok(): Coroutine<number> {
      yield;
      return 7;
    }
    function* failing(): Coroutine<number> {
      yield;
      throw new RuntimeError('no');
    }
    expect(await run(ok())).toBe(7);
    await expect(run(failing(), { clock: 'virtual' })).rejects.toThrow(new RuntimeError('no'));
  });

  test('each run uses a new loop on the clock asked for, and closes it', async () => {
    const loops: EventLoop[] = [];
    function* main(): Coroutine<number> {
      loops.push(getRunningLoop());
      yield;
      return getRunningLoop().time();
    }
    expect(await run(main(), { clock: 'virtual' })).toBe(0);
    await run(main(), { clock: 'virtual' });
    expect(loops[0]).not.toBe(loops[1]);
    expect(loops.every((loop) => loop.isClosed())).toBe(true);
  });

  test('run() inside a running loop is refused', async () => {
    let error: unknown;
    function* main(): Coroutine<void> {
      function* inner(): Coroutine<void> {}
      const nested = run(inner());
      yield;
      error = yield* awaitPromise(nested);
    }
    await run(main(), { clock: 'virtual' });
    expect(error).toEqual(
      new RuntimeError('asyncio.run() cannot be called from a running event loop'),
    );
  });

  test('run() of something that is not a coroutine is a ValueError', async () => {
    await expect(run(42 as never)).rejects.toThrow(
      new ValueError('a coroutine was expected, got 42'),
    );
  });

  test('tasks left over are cancelled and their finally blocks run before run() returns', async () => {
    const log: string[] = [];
    function* leftover(): Coroutine<void> {
      try {
        yield* sleep(3600);
      } catch (e) {
        log.push(`leftover got ${(e as Error).name}`);
        throw e;
      } finally {
        log.push('leftover finally');
      }
    }
    function* main(): Coroutine<string> {
      createTask(leftover());
      yield;
      return 'main done';
    }
    expect(await run(main(), { clock: 'virtual' })).toBe('main done');
    expect(log).toEqual(['leftover got CancelledError', 'leftover finally']);
  });

  test('an error other than cancellation in a leftover task is reported to the handler', async () => {
    const contexts: ExceptionContext[] = [];
    const error = new RuntimeError('cleanup failed');
    let leftoverTask: Task<void> | null = null;
    function* leftover(): Coroutine<void> {
      try {
        yield* sleep(3600);
      } catch {
        throw error;
      }
    }
    function* main(): Coroutine<void> {
      getRunningLoop().setExceptionHandler((_loop, context) => contexts.push(context));
      leftoverTask = createTask(leftover());
      yield;
    }
    await run(main(), { clock: 'virtual' });
    // Compared key by key: toEqual would iterate the task, which is a Future.
    expect(contexts).toHaveLength(1);
    expect(Object.keys(contexts[0])).toEqual(['message', 'exception', 'task']);
    expect(contexts[0].message).toBe('unhandled exception during asyncio.run() shutdown');
    expect(contexts[0].exception).toBe(error);
    expect(contexts[0].task).toBe(leftoverTask);
  });
});

/** Waits, inside a task, for a JavaScript promise to settle (a test-only stand-in). */
function* awaitPromise(promise: Promise<unknown>): Coroutine<unknown> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<unknown>();
  const release = loop._holdExternalWork('a promise');
  promise
    .then(
      (value) => loop.callSoonThreadsafe(() => fut.setResult(value)),
      (error) => loop.callSoonThreadsafe(() => fut.setResult(error)),
    )
    .finally(release);
  return yield* fut;
}
