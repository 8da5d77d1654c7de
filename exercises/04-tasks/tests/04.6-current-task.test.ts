import { describe, expect, test } from 'vitest';
import { RuntimeError, ValueError } from '#course/errors';
import { getRunningLoop } from '#course/loop';
import { allTasks, type Coroutine, createTask, currentTask, type Task } from '#course/tasks';
import { errorText, runOneIteration, runVirtual, startTask, virtualLoop } from '#testing/04-tasks';

/** The names of a set of tasks, sorted: readable in a diff. */
function names(tasks: Set<Task<unknown>>): string[] {
  return [...tasks].map((task) => task.getName()).sort();
}

describe('04.6 Which task is running', () => {
  test('currentTask() inside a step is the task running it', async () => {
    const loop = virtualLoop();
    const seen: (Task<unknown> | null)[] = [];
    function* body(): Coroutine<void> {
      seen.push(currentTask());
      yield;
      seen.push(currentTask());
    }
    const task = startTask(loop, body());
    await loop.runUntilComplete(task);
    expect(seen.length).toBe(2);
    expect(seen[0]).toBe(task);
    expect(seen[1]).toBe(task);
  });

  test('currentTask() is null in a plain callback, between the steps of tasks', async () => {
    const loop = virtualLoop();
    const seen: string[] = [];
    function* body(): Coroutine<void> {
      getRunningLoop().callSoon(() => seen.push(`callback sees ${currentTask()}`));
      yield;
    }
    await loop.runUntilComplete(startTask(loop, body()));
    expect(seen).toEqual(['callback sees null']);
    expect(currentTask(loop)).toBe(null);
  });

  test('interleaved tasks each see themselves as the current task, at every step', async () => {
    const log: string[] = [];
    function* worker(): Coroutine<void> {
      for (let i = 0; i < 3; i++) {
        log.push(`${currentTask()?.getName()} step ${i}`);
        yield;
      }
    }
    function* main(): Coroutine<void> {
      const a = createTask(worker(), { name: 'a' });
      const b = createTask(worker(), { name: 'b' });
      yield* a;
      log.push(`${currentTask()?.getName()} after a`);
      yield* b;
    }
    await runVirtual(main());
    expect(log).toEqual([
      'a step 0',
      'b step 0',
      'a step 1',
      'b step 1',
      'a step 2',
      'b step 2',
      'main after a',
    ]);
  });

  test('the current task is cleared when its step ends with an error, and the next task can run', async () => {
    const loop = virtualLoop();
    const seen: string[] = [];
    // biome-ignore lint/correctness/useYield: the body fails in its first step.
    function* failing(): Coroutine<void> {
      throw new ValueError('failed');
    }
    function* next(): Coroutine<string> {
      yield;
      return `next ran as ${currentTask()?.getName()}`;
    }
    const bad = startTask(loop, failing(), 'bad');
    loop.callSoon(() => seen.push(`callback sees ${currentTask()}`));
    const good = startTask(loop, next(), 'good');
    expect(await loop.runUntilComplete(good)).toBe('next ran as good');
    expect(bad.exception()).toBeInstanceOf(ValueError);
    expect(seen).toEqual(['callback sees null']);
  });

  test('a step that fails in the task’s own code, not in the coroutine, goes to the exception handler and leaves no task current', async () => {
    // Here the task fails to format its "bad yield" message: the object's toString throws. The
    // error escapes the step, as in asyncio; the task is stuck, but the loop goes on.
    const loop = virtualLoop();
    const reported: string[] = [];
    loop.setExceptionHandler((_loop, context) => {
      reported.push(errorText(context.exception));
    });
    const seen: string[] = [];
    class Unprintable {
      toString(): string {
        throw new ValueError('no repr for me');
      }
    }
    function* broken(): Coroutine<void> {
      yield new Unprintable() as never;
    }
    function* next(): Coroutine<string> {
      yield;
      return `next ran as ${currentTask()?.getName()}`;
    }
    startTask(loop, broken(), 'broken');
    loop.callSoon(() => seen.push(`callback sees ${currentTask()}`));
    const good = startTask(loop, next(), 'good');
    expect(await loop.runUntilComplete(good)).toBe('next ran as good');
    expect(seen).toEqual(['callback sees null']);
    expect(reported).toEqual(['ValueError: no repr for me']);
  });

  test('currentTask() with no running loop and no loop given throws RuntimeError("no running event loop")', () => {
    expect(() => currentTask()).toThrow(new RuntimeError('no running event loop'));
  });

  test('allTasks() is the set of the running loop’s tasks that are not done yet', async () => {
    const log: string[][] = [];
    function* short(): Coroutine<void> {
      yield;
    }
    function* long(): Coroutine<void> {
      yield* getRunningLoop().createFuture();
    }
    function* main(): Coroutine<void> {
      const a = createTask(short(), { name: 'short' });
      const b = createTask(long(), { name: 'long' });
      log.push(names(allTasks()));
      yield* a;
      log.push(names(allTasks()));
      b.cancel();
      yield;
      yield;
      log.push(names(allTasks()));
    }
    await runVirtual(main());
    expect(log).toEqual([['long', 'main', 'short'], ['long', 'main'], ['main']]);
  });

  test('allTasks(loop) and currentTask(loop) answer for the loop given, even when it is not running', async () => {
    const loop = virtualLoop();
    const other = virtualLoop();
    function* body(): Coroutine<void> {
      yield;
    }
    startTask(loop, body(), 'one');
    startTask(loop, body(), 'two');
    startTask(other, body(), 'elsewhere');
    expect(names(allTasks(loop))).toEqual(['one', 'two']);
    expect(names(allTasks(other))).toEqual(['elsewhere']);
    expect(currentTask(loop)).toBe(null);
    await runOneIteration(loop);
    await runOneIteration(loop);
    expect(names(allTasks(loop))).toEqual([]);
    expect(names(allTasks(other))).toEqual(['elsewhere']);
  });
});
