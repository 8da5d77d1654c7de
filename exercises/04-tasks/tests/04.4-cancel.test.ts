import { describe, expect, test } from 'vitest';
import { CancelledError } from '#course/errors';
import { type Coroutine, createTask } from '#course/tasks';
import { errorText, runOneIteration, settle, startTask, virtualLoop } from '#testing/04-tasks';

describe('04.4 Cancelling a task', () => {
  test('cancel(msg) cancels the future the task waits for at once, and returns true', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture();
    function* body(): Coroutine<void> {
      yield* fut;
    }
    const task = startTask(loop, body());
    await runOneIteration(loop);
    expect(task.cancel('boom')).toBe(true);
    expect(fut.cancelled()).toBe(true);
    // The task is not cancelled yet: its coroutine has not even heard of it.
    expect(task.done()).toBe(false);
    expect(task.cancelled()).toBe(false);
  });

  test('the coroutine gets CancelledError(msg) at its yield*, in a later step, and the task ends cancelled', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture();
    const log: string[] = [];
    function* body(): Coroutine<void> {
      try {
        yield* fut;
      } catch (error) {
        log.push(`coroutine got ${errorText(error)}`);
        throw error;
      } finally {
        log.push('finally runs');
      }
    }
    const task = startTask(loop, body());
    await runOneIteration(loop);
    task.cancel('boom');
    expect(log).toEqual([]); // nothing is thrown in synchronously
    const outcome = await settle(loop.runUntilComplete(task));
    expect(log).toEqual(['coroutine got CancelledError: boom', 'finally runs']);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(errorText(outcome.error)).toBe('CancelledError: boom');
    expect(task.cancelled()).toBe(true);
  });

  test('a task cancelled before its first step never runs its body, and ends cancelled', async () => {
    const loop = virtualLoop();
    let ran = false;
    function* body(): Coroutine<void> {
      ran = true;
      yield;
    }
    const task = startTask(loop, body());
    expect(task.cancel('too early')).toBe(true);
    const outcome = await settle(loop.runUntilComplete(task));
    expect(ran).toBe(false);
    expect(task.cancelled()).toBe(true);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(errorText(outcome.error)).toBe('CancelledError: too early');
  });

  test('a task cancelled while it yields with a bare yield gets CancelledError at that yield', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    function* body(): Coroutine<void> {
      log.push('step 1');
      try {
        yield;
      } catch (error) {
        log.push(`step 2 got ${errorText(error)}`);
        throw error;
      }
    }
    const task = startTask(loop, body());
    await runOneIteration(loop);
    task.cancel('now');
    await settle(loop.runUntilComplete(task));
    expect(log).toEqual(['step 1', 'step 2 got CancelledError: now']);
    expect(task.cancelled()).toBe(true);
  });

  test('cancel() of a task that is done returns false and changes nothing', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<number> {
      yield;
      return 7;
    }
    const task = startTask(loop, body());
    await loop.runUntilComplete(task);
    expect(task.cancel()).toBe(false);
    expect(task.cancelled()).toBe(false);
    expect(task.result()).toBe(7);
  });

  test('a coroutine that throws CancelledError by itself ends its task cancelled', async () => {
    const loop = virtualLoop();
    const own = new CancelledError('my own');
    function* body(): Coroutine<void> {
      yield;
      throw own;
    }
    const task = startTask(loop, body());
    const outcome = await settle(loop.runUntilComplete(task));
    expect(task.cancelled()).toBe(true);
    // result() throws the coroutine's own error, stack trace and all.
    expect(outcome).toEqual({ ok: false, error: own });
  });

  test('cancelling a task that awaits another task cancels that one too, down to the future it waits for', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture();
    const log: string[] = [];
    function* inner(): Coroutine<void> {
      try {
        yield* fut;
      } finally {
        log.push('inner cleans up');
      }
    }
    const innerTask = startTask(loop, inner(), 'inner');
    function* outer(): Coroutine<void> {
      try {
        yield* innerTask;
      } finally {
        log.push('outer cleans up');
      }
    }
    const outerTask = startTask(loop, outer(), 'outer');
    await runOneIteration(loop);
    expect(outerTask.cancel()).toBe(true);
    expect(innerTask.cancelled()).toBe(false); // asked, not yet done
    await settle(loop.runUntilComplete(outerTask));
    expect(fut.cancelled()).toBe(true);
    expect(innerTask.cancelled()).toBe(true);
    expect(outerTask.cancelled()).toBe(true);
    expect(log).toEqual(['inner cleans up', 'outer cleans up']);
  });

  test('a task awaiting a cancelled task may catch the CancelledError and go on', async () => {
    const loop = virtualLoop();
    let proof = 1;
    function* inner(): Coroutine<void> {
      try {
        yield* loop.createFuture();
      } catch (error) {
        proof += 100;
        throw error;
      }
    }
    function* outer(): Coroutine<string> {
      try {
        yield* createTask(inner());
      } catch (error) {
        return `outer caught ${errorText(error)}`;
      }
      return 'no error';
    }
    const task = startTask(loop, outer());
    await runOneIteration(loop);
    await runOneIteration(loop);
    task.cancel('stop');
    expect(await loop.runUntilComplete(task)).toBe('outer caught CancelledError: stop');
    expect(proof).toBe(101);
    expect(task.cancelled()).toBe(false);
  });

  test('a cancel that comes after the awaited future is set but before the task wakes up wins over the result', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    function* body(): Coroutine<string> {
      try {
        const value = yield* fut;
        return `got ${value}`;
      } catch (error) {
        return `got ${errorText(error)}`;
      }
    }
    const task = startTask(loop, body());
    await runOneIteration(loop);
    fut.setResult(5);
    // The future is done, so it cannot be cancelled: the task must deliver the cancel itself.
    expect(task.cancel('late')).toBe(true);
    expect(await loop.runUntilComplete(task)).toBe('got CancelledError: late');
  });

  test('cancel() without a message gives a CancelledError with an empty message', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<void> {
      yield* loop.createFuture();
    }
    const task = startTask(loop, body());
    await runOneIteration(loop);
    task.cancel();
    const outcome = await settle(loop.runUntilComplete(task));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(CancelledError);
      expect((outcome.error as Error).message).toBe('');
    }
  });
});
