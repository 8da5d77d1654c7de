import { describe, expect, test } from 'vitest';
import { RuntimeError, ValueError } from '#course/errors';
import { type Coroutine, createTask, type Task } from '#course/tasks';
import { runOneIteration, settle, startTask, virtualLoop } from '#testing/04-tasks';

describe('04.1 A task drives its coroutine', () => {
  test('creating a task runs none of its body: its first step runs in the next iteration of the loop', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    // biome-ignore lint/correctness/useYield: a coroutine that never awaits is a coroutine too.
    function* body(): Coroutine<void> {
      log.push('body starts');
    }
    loop.callSoon(() => log.push('callback queued before the task'));
    startTask(loop, body());
    loop.callSoon(() => log.push('callback queued after the task'));
    expect(log).toEqual([]);
    await runOneIteration(loop);
    expect(log).toEqual([
      'callback queued before the task',
      'body starts',
      'callback queued after the task',
    ]);
  });

  test('tasks start in the order they were created, and only once their creator yields', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    function* child(n: number): Coroutine<number> {
      log.push(`child${n} start`);
      yield;
      log.push(`child${n} end`);
      return n;
    }
    const tasks: Task<number>[] = [];
    // biome-ignore lint/correctness/useYield: main only creates the tasks.
    function* main(): Coroutine<void> {
      tasks.push(createTask(child(1)), createTask(child(2)));
      log.push('main created two tasks');
    }
    await loop.runUntilComplete(startTask(loop, main()));
    await loop.runUntilComplete(tasks[1]);
    expect(log).toEqual([
      'main created two tasks',
      'child1 start',
      'child2 start',
      'child1 end',
      'child2 end',
    ]);
    expect(tasks.map((task) => task.result())).toEqual([1, 2]);
  });

  test('a bare yield gives up exactly one iteration of the loop', async () => {
    // A ticker logs once per iteration (for 10 iterations); the task resumes once per iteration,
    // no more, no less.
    const loop = virtualLoop();
    const log: string[] = [];
    let tick = 0;
    const ticker = () => {
      tick++;
      log.push(`tick ${tick}`);
      if (tick < 10) loop.callSoon(ticker);
    };
    loop.callSoon(ticker);
    function* body(): Coroutine<void> {
      log.push('step 1');
      yield;
      log.push('step 2');
      yield;
      log.push('step 3');
    }
    const task = startTask(loop, body());
    await loop.runUntilComplete(task);
    expect(log.slice(0, 6)).toEqual(['tick 1', 'step 1', 'tick 2', 'step 2', 'tick 3', 'step 3']);
  });

  test('two tasks that yield take turns, one step each per iteration', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    function* worker(name: string, turns: number): Coroutine<string> {
      for (let turn = 0; turn < turns; turn++) {
        log.push(`${name}${turn}`);
        yield;
      }
      return name.toUpperCase();
    }
    const a = startTask(loop, worker('a', 2));
    const b = startTask(loop, worker('b', 3));
    expect(await loop.runUntilComplete(b)).toBe('B');
    expect(a.result()).toBe('A');
    expect(log).toEqual(['a0', 'b0', 'a1', 'b1', 'b2']);
  });

  test('the task finishes with what its coroutine returns', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<string> {
      yield;
      return 'the result';
    }
    const task = startTask(loop, body());
    expect(task.done()).toBe(false);
    expect(await loop.runUntilComplete(task)).toBe('the result');
    expect(task.done()).toBe(true);
    expect(task.result()).toBe('the result');
    expect(task.exception()).toBe(null);
  });

  test('an error thrown by the coroutine finishes the task with that very error', async () => {
    const loop = virtualLoop();
    const error = new ValueError('broken');
    function* body(): Coroutine<void> {
      yield;
      throw error;
    }
    const task = startTask(loop, body());
    const outcome = await settle(loop.runUntilComplete(task));
    expect(outcome).toEqual({ ok: false, error });
    expect(task.done()).toBe(true);
    expect(task.cancelled()).toBe(false);
    expect(task.exception()).toBe(error);
  });

  test('an error thrown before the first yield finishes the task too, in its first step', async () => {
    const loop = virtualLoop();
    const error = new RuntimeError('at once');
    // biome-ignore lint/correctness/useYield: the body fails before it could yield.
    function* body(): Coroutine<void> {
      throw error;
    }
    const task = startTask(loop, body());
    expect(task.done()).toBe(false);
    await runOneIteration(loop);
    expect(task.done()).toBe(true);
    expect(task.exception()).toBe(error);
  });

  test('a task of anything but a generator object is a TypeError: "a coroutine was expected, got 42"', () => {
    const loop = virtualLoop();
    expect(() => loop.createTask(42 as never)).toThrow(
      new TypeError('a coroutine was expected, got 42'),
    );
    // A generator function is not a coroutine: calling it makes one.
    function* body(): Coroutine<void> {}
    expect(() => loop.createTask(body as never)).toThrow(TypeError);
  });

  test("setResult and setException are refused: a task's result comes from its coroutine", async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<number> {
      yield;
      return 1;
    }
    const task = startTask(loop, body());
    expect(() => task.setResult(2)).toThrow(
      new RuntimeError('Task does not support set_result operation'),
    );
    expect(() => task.setException(new ValueError('no'))).toThrow(
      new RuntimeError('Task does not support set_exception operation'),
    );
    expect(await loop.runUntilComplete(task)).toBe(1);
  });

  test('a task is named Task-<n> from a counter, or by the name given; setName turns any value into a string', () => {
    const loop = virtualLoop();
    function* body(): Coroutine<void> {}
    const a = startTask(loop, body());
    const b = startTask(loop, body());
    expect(a.getName()).toMatch(/^Task-\d+$/);
    const n = Number(a.getName().slice('Task-'.length));
    expect(b.getName()).toBe(`Task-${n + 1}`);
    const custom = startTask(loop, body(), 'custom');
    expect(custom.getName()).toBe('custom');
    custom.setName(5);
    expect(custom.getName()).toBe('5');
    // A task given a name does not use up a number of the counter.
    expect(startTask(loop, body()).getName()).toBe(`Task-${n + 2}`);
  });

  test('getCoro() returns the coroutine the task drives, getLoop() the loop it runs on', () => {
    const loop = virtualLoop();
    function* body(): Coroutine<void> {}
    const coro = body();
    const task = startTask(loop, coro);
    expect(task.getCoro()).toBe(coro);
    expect(task.getLoop()).toBe(loop);
  });

  test('a task prints as asyncio shows it', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<string> {
      yield;
      return 'r';
    }
    const task = startTask(loop, body(), 'custom');
    expect(String(task)).toBe("<Task pending name='custom'>");
    await loop.runUntilComplete(task);
    expect(String(task)).toBe("<Task finished name='custom' result='r'>");
  });

  test('createTask() wraps a coroutine in a task of the running loop', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    // biome-ignore lint/correctness/useYield: a coroutine that never awaits is a coroutine too.
    function* child(): Coroutine<void> {
      log.push('child runs');
    }
    // biome-ignore lint/correctness/useYield: main only creates the task.
    function* main(): Coroutine<Task<void>> {
      const task = createTask(child(), { name: 'child' });
      log.push(`main created ${task.getName()} on the running loop: ${task.getLoop() === loop}`);
      return task;
    }
    const child1 = await loop.runUntilComplete(startTask(loop, main()));
    await loop.runUntilComplete(child1);
    expect(log).toEqual(['main created child on the running loop: true', 'child runs']);
  });

  test('createTask() outside a running loop throws RuntimeError("no running event loop")', () => {
    function* body(): Coroutine<void> {}
    expect(() => createTask(body())).toThrow(new RuntimeError('no running event loop'));
  });
});
