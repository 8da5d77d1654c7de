import { describe, expect, test } from 'vitest';
import type { Coroutine, Task } from '#course/tasks';
import { errorText, runOneIteration, settle, startTask, virtualLoop } from '#testing/04-tasks';

describe('04.5 Counting cancellations, and refusing them', () => {
  test('each cancel() of a pending task counts in cancelling() and returns true; a done task says false', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<void> {
      yield* loop.createFuture();
    }
    const task = startTask(loop, body());
    expect(task.cancelling()).toBe(0);
    expect(task.cancel()).toBe(true);
    expect(task.cancel()).toBe(true);
    expect(task.cancelling()).toBe(2);
    await settle(loop.runUntilComplete(task));
    expect(task.cancelled()).toBe(true);
    expect(task.cancel()).toBe(false);
    expect(task.cancelling()).toBe(2);
  });

  test('a cancelled task shows as cancelling in its repr until it ends', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<void> {
      yield* loop.createFuture();
    }
    const task = startTask(loop, body(), 'T');
    await runOneIteration(loop);
    task.cancel();
    expect(String(task)).toMatch(/^<Task cancelling name='T' wait_for=<Future cancelled>/);
    await settle(loop.runUntilComplete(task));
    expect(String(task)).toBe("<Task cancelled name='T'>");
  });

  test('a coroutine that catches the cancellation and returns 42 ends with 42, not cancelled; cancelling() stays 1', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<number> {
      try {
        yield* loop.createFuture();
      } catch {
        return 42;
      }
      return 0;
    }
    const task = startTask(loop, body());
    await runOneIteration(loop);
    task.cancel();
    expect(await loop.runUntilComplete(task)).toBe(42);
    expect(task.cancelled()).toBe(false);
    expect(task.cancelling()).toBe(1);
  });

  test('a coroutine that catches the cancellation can await again and go on as usual', async () => {
    const loop = virtualLoop();
    const second = loop.createFuture<string>();
    function* body(): Coroutine<string> {
      try {
        yield* loop.createFuture();
      } catch {
        // ignored
      }
      return yield* second;
    }
    const task = startTask(loop, body());
    await runOneIteration(loop);
    task.cancel();
    await runOneIteration(loop);
    expect(task.done()).toBe(false);
    expect(second.cancelled()).toBe(false);
    loop.callLater(5, () => second.setResult('went on'));
    expect(await loop.runUntilComplete(task)).toBe('went on');
    expect(loop.time()).toBe(5);
  });

  test('uncancel() takes one request back, never goes below 0, and returns what is left', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<void> {
      yield* loop.createFuture();
    }
    const task = startTask(loop, body());
    await runOneIteration(loop);
    task.cancel();
    task.cancel();
    expect(task.uncancel()).toBe(1);
    expect(task.uncancel()).toBe(0);
    expect(task.uncancel()).toBe(0);
    expect(task.cancelling()).toBe(0);
  });

  test('uncancel() down to 0 withdraws a cancellation not yet delivered: the task returns normally (Python 3.13)', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<number> {
      yield;
      return 42;
    }
    const task = startTask(loop, body());
    task.cancel(); // no future to cancel yet: it waits for the next step
    expect(task.uncancel()).toBe(0);
    expect(await loop.runUntilComplete(task)).toBe(42);
    expect(task.cancelled()).toBe(false);
  });

  test('after uncancel() in the handler, a later cancel() cancels the task for good', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    let me: Task<void> | null = null;
    function* body(): Coroutine<void> {
      try {
        yield* loop.createFuture();
      } catch (error) {
        log.push(`caught ${errorText(error)}, uncancel() -> ${(me as Task<void>).uncancel()}`);
      }
      yield* loop.createFuture();
    }
    me = startTask(loop, body());
    await runOneIteration(loop);
    me.cancel('first');
    await runOneIteration(loop);
    expect(me.cancelling()).toBe(0);
    expect(me.cancel('second')).toBe(true);
    const outcome = await settle(loop.runUntilComplete(me));
    expect(log).toEqual(['caught CancelledError: first, uncancel() -> 0']);
    expect(me.cancelled()).toBe(true);
    if (!outcome.ok) expect(errorText(outcome.error)).toBe('CancelledError: second');
  });

  test('a task that cancels itself has the next future it awaits cancelled at once', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<string>();
    loop.callLater(100, () => fut.setResult('too late'));
    let me: Task<string> | null = null;
    function* body(): Coroutine<string> {
      (me as Task<string>).cancel('by myself');
      return yield* fut;
    }
    me = startTask(loop, body());
    const outcome = await settle(loop.runUntilComplete(me));
    expect(fut.cancelled()).toBe(true);
    expect(me.cancelled()).toBe(true);
    expect(loop.time()).toBe(0); // it did not wait for the timer
    if (!outcome.ok) expect(errorText(outcome.error)).toBe('CancelledError: by myself');
    expect(me.cancel()).toBe(false);
  });

  test('a task that cancels itself and then returns without awaiting ends cancelled, not with its value', async () => {
    const loop = virtualLoop();
    let me: Task<number> | null = null;
    // biome-ignore lint/correctness/useYield: the point is to return without awaiting.
    function* body(): Coroutine<number> {
      (me as Task<number>).cancel();
      return 12;
    }
    me = startTask(loop, body());
    const outcome = await settle(loop.runUntilComplete(me));
    expect(me.cancelled()).toBe(true);
    expect(outcome.ok).toBe(false);
  });
});
