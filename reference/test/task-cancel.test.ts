import { describe, expect, test } from 'vitest';
import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  sleep,
  type Task,
} from '../src/index.ts';
import { caught, runOnce, virtualLoop } from './helpers.ts';

describe('cancellation', () => {
  test('cancel(msg) cancels the awaited future at once; the coroutine sees it next step', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture();
    const log: unknown[] = [];
    function* body(): Coroutine<void> {
      try {
        yield* fut;
      } catch (e) {
        log.push(e);
        throw e;
      }
    }
    const task = loop.createTask(body());
    await runOnce(loop);
    expect(task.cancel('boom')).toBe(true);
    expect(fut.cancelled()).toBe(true);
    expect(task.done()).toBe(false);
    expect(task.cancelling()).toBe(1);
    expect(log).toEqual([]);
    await expect(loop.runUntilComplete(task)).rejects.toThrow(new CancelledError('boom'));
    expect(log).toEqual([new CancelledError('boom')]);
    expect(task.cancelled()).toBe(true);
  });

  test('a task cancelled before its first step never runs its body', async () => {
    const loop = virtualLoop();
    let ran = false;
    function* body(): Coroutine<void> {
      ran = true;
      yield;
    }
    const task = loop.createTask(body());
    task.cancel('early');
    await expect(loop.runUntilComplete(task)).rejects.toThrow('early');
    expect(ran).toBe(false);
    expect(task.cancelled()).toBe(true);
  });

  test('a coroutine that catches the cancellation and returns 42 ends with 42, not cancelled', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<number> {
      try {
        yield* sleep(10);
      } catch {
        return 42;
      }
      return 0;
    }
    const task = loop.createTask(body());
    await runOnce(loop);
    task.cancel();
    expect(await loop.runUntilComplete(task)).toBe(42);
    expect(task.cancelled()).toBe(false);
    expect(task.cancelling()).toBe(1);
  });

  test('a coroutine that ignores the cancellation keeps running normally', async () => {
    const loop = virtualLoop();
    const fut2 = loop.createFuture<string>();
    function* body(): Coroutine<string> {
      try {
        yield* loop.createFuture();
      } catch {
        // ignored
      }
      return yield* fut2;
    }
    const task = loop.createTask(body());
    await runOnce(loop);
    task.cancel();
    await runOnce(loop);
    expect(task.done()).toBe(false);
    expect(task._futWaiter).toBe(fut2);
    fut2.setResult('went on');
    expect(await loop.runUntilComplete(task)).toBe('went on');
  });

  test('a task that cancels itself has its next await cancelled at once', async () => {
    const loop = virtualLoop();
    let mustCancel: boolean | null = null;
    function* body(): Coroutine<void> {
      const self = currentTask() as Task<unknown>;
      self.cancel();
      mustCancel = self._mustCancel;
      yield* sleep(100);
    }
    const task = loop.createTask(body());
    await expect(loop.runUntilComplete(task)).rejects.toThrow(CancelledError);
    expect(mustCancel).toBe(true);
    expect(task._mustCancel).toBe(false);
    expect(task.cancel()).toBe(false);
    expect(loop.time()).toBe(0);
  });

  test('a task that cancels itself and then returns ends cancelled, not with its value', async () => {
    const loop = virtualLoop();
    // biome-ignore lint/correctness/useYield: the point is to return without awaiting.
    function* body(): Coroutine<number> {
      (currentTask() as Task<unknown>).cancel();
      return 12;
    }
    const task = loop.createTask(body());
    await expect(loop.runUntilComplete(task)).rejects.toThrow(CancelledError);
    expect(task.cancelled()).toBe(true);
  });

  test('cancelling an outer task reaches the task it awaits and that task’s future', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture();
    function* inner(): Coroutine<void> {
      yield* fut;
    }
    const innerTask = loop.createTask(inner());
    function* outer(): Coroutine<void> {
      yield* innerTask;
    }
    const outerTask = loop.createTask(outer());
    await runOnce(loop);
    outerTask.cancel();
    await expect(loop.runUntilComplete(outerTask)).rejects.toThrow(CancelledError);
    expect(innerTask.cancelled()).toBe(true);
    expect(fut.cancelled()).toBe(true);
  });

  test('an outer task can catch the cancellation that went through the inner one', async () => {
    const loop = virtualLoop();
    let proof = 1;
    function* inner(): Coroutine<void> {
      try {
        yield* loop.createFuture();
      } catch (e) {
        proof += 100;
        throw e;
      }
    }
    function* outer(): Coroutine<void> {
      try {
        yield* createTask(inner());
      } catch {
        // swallowed
      }
    }
    const task = loop.createTask(outer());
    await runOnce(loop);
    await runOnce(loop);
    task.cancel();
    await loop.runUntilComplete(task);
    expect(proof).toBe(101);
    expect(task.cancelled()).toBe(false);
  });

  test('a cancel after the awaited future completed, before the wake-up, discards the result', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    function* body(): Coroutine<unknown> {
      return yield* caught(() => fut[Symbol.iterator]());
    }
    const task = loop.createTask(body());
    await runOnce(loop);
    fut.setResult(5);
    expect(task.cancel('late')).toBe(true);
    expect(task._mustCancel).toBe(true);
    expect(await loop.runUntilComplete(task)).toEqual(new CancelledError('late'));
  });

  test('each cancel() of a pending task counts; a done task refuses with false', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<void> {
      yield* sleep(1);
    }
    const task = loop.createTask(body());
    expect(task.cancel()).toBe(true);
    expect(task.cancel()).toBe(true);
    expect(task.cancelling()).toBe(2);
    await expect(loop.runUntilComplete(task)).rejects.toThrow(CancelledError);
    expect(task.cancel()).toBe(false);
  });

  test('uncancel() decrements, never below 0, and at 0 withdraws a pending cancel (3.13)', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<number> {
      yield;
      return 42;
    }
    const task = loop.createTask(body());
    task.cancel();
    expect(task.uncancel()).toBe(0);
    expect(task.uncancel()).toBe(0);
    expect(task._mustCancel).toBe(false);
    expect(await loop.runUntilComplete(task)).toBe(42);
  });

  test('uncancel() inside the handler brings the count back so that a later cancel works', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    function* body(): Coroutine<void> {
      try {
        yield* sleep(10);
      } catch {
        log.push(`uncancel -> ${(currentTask() as Task<unknown>).uncancel()}`);
      }
      yield* sleep(10);
    }
    const task = loop.createTask(body());
    await runOnce(loop);
    task.cancel();
    await runOnce(loop);
    expect(task.cancelling()).toBe(0);
    expect(task.cancel()).toBe(true);
    await expect(loop.runUntilComplete(task)).rejects.toThrow(CancelledError);
    expect(log).toEqual(['uncancel -> 0']);
    task.uncancel();
    expect(task.cancelled()).toBe(true);
  });

  test('a coroutine that raises CancelledError by itself ends cancelled', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<void> {
      yield;
      throw new CancelledError('own');
    }
    const task = loop.createTask(body());
    await expect(loop.runUntilComplete(task)).rejects.toThrow('own');
    expect(task.cancelled()).toBe(true);
  });

  test("the coroutine's own CancelledError is raised once, then a new one", async () => {
    const loop = virtualLoop();
    const own = new CancelledError('own');
    function* body(): Coroutine<void> {
      yield;
      throw own;
    }
    const task = loop.createTask(body());
    await runOnce(loop);
    await runOnce(loop);
    expect(task.cancelled()).toBe(true);
    const raised: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      try {
        task.result();
      } catch (e) {
        raised.push(e);
      }
    }
    expect(raised[0]).toBe(own);
    expect(raised[1]).not.toBe(own);
    expect(raised[1]).toEqual(new CancelledError());
  });

  test('a cancelled task shows as cancelling in its repr until it ends', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<void> {
      yield* sleep(1);
    }
    const task = loop.createTask(body(), { name: 'T' });
    await runOnce(loop);
    task.cancel();
    expect(String(task)).toMatch(/^<Task cancelling name='T' wait_for=<Future cancelled>/);
    await loop.runUntilComplete(task).catch(() => {});
    expect(String(task)).toBe("<Task cancelled name='T'>");
  });
});
