import { describe, expect, test } from 'vitest';
import { RuntimeError, ValueError } from '#course/errors';
import { getRunningLoop } from '#course/loop';
import { type Coroutine, ensureFuture, Task } from '#course/tasks';
import { runVirtual, settle, virtualLoop } from '#testing/04-tasks';

function* child(): Coroutine<number> {
  yield;
  return 3;
}

describe('04.8 Anything awaitable becomes a future', () => {
  test('a future is returned as it is', () => {
    const loop = virtualLoop();
    const fut = loop.createFuture();
    expect(ensureFuture(fut)).toBe(fut);
    expect(ensureFuture(fut, loop)).toBe(fut);
  });

  test('a task is a future: it is returned as it is', () => {
    const loop = virtualLoop();
    const task = loop.createTask(child());
    expect(ensureFuture(task)).toBe(task);
  });

  test('a coroutine becomes a task of the running loop', async () => {
    function* main(): Coroutine<[boolean, boolean, number]> {
      const fut = ensureFuture(child());
      const isTask = fut instanceof Task;
      const sameLoop = fut.getLoop() === getRunningLoop();
      return [isTask, sameLoop, yield* fut];
    }
    expect(await runVirtual(main())).toEqual([true, true, 3]);
  });

  test('a coroutine becomes a task of the loop given, even when no loop is running', async () => {
    const loop = virtualLoop();
    const fut = ensureFuture(child(), loop);
    expect(fut instanceof Task).toBe(true);
    expect(fut.getLoop()).toBe(loop);
    expect(await loop.runUntilComplete(fut)).toBe(3);
  });

  test('a future of another loop than the one given is a ValueError', () => {
    const fut = virtualLoop().createFuture();
    expect(() => ensureFuture(fut, virtualLoop())).toThrow(
      new ValueError(
        'The future belongs to a different loop than the one specified as the loop argument',
      ),
    );
  });

  test('anything else is a TypeError: "An asyncio.Future, a coroutine or an awaitable is required"', () => {
    const message = 'An asyncio.Future, a coroutine or an awaitable is required';
    expect(() => ensureFuture(42 as never)).toThrow(new TypeError(message));
    expect(() => ensureFuture(Promise.resolve(1) as never)).toThrow(new TypeError(message));
    expect(() => ensureFuture(child as never)).toThrow(new TypeError(message));
  });

  test('a coroutine with no loop given and none running is RuntimeError("no running event loop")', () => {
    expect(() => ensureFuture(child())).toThrow(new RuntimeError('no running event loop'));
  });

  test('loop.runUntilComplete(coroutine) wraps the coroutine in a task, as ensureFuture does', async () => {
    const loop = virtualLoop();
    expect(await loop.runUntilComplete(child())).toBe(3);
    const outcome = await settle(loop.runUntilComplete(42 as never));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toBeInstanceOf(TypeError);
  });
});
