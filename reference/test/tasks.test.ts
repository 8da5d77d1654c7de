import { describe, expect, test } from 'vitest';
import {
  allTasks,
  type Coroutine,
  createTask,
  currentTask,
  type Future,
  getRunningLoop,
  InvalidStateError,
  RuntimeError,
  sleep,
  Task,
} from '../src/index.ts';
import { caught, runOnce, runVirtual, virtualLoop } from './helpers.ts';

describe('starting and stepping', () => {
  test('createTask never runs the body at once; tasks start in creation order', async () => {
    const log: string[] = [];
    function* child(n: number): Coroutine<number> {
      log.push(`child${n} start`);
      yield;
      log.push(`child${n} end`);
      return n;
    }
    function* main(): Coroutine<void> {
      const t1 = createTask(child(1));
      const t2 = createTask(child(2));
      log.push('main before await');
      log.push(`main got ${yield* t1}`);
      log.push(`main got ${yield* t2}`);
    }
    await runVirtual(main());
    expect(log).toEqual([
      'main before await',
      'child1 start',
      'child2 start',
      'child1 end',
      'child2 end',
      'main got 1',
      'main got 2',
    ]);
  });

  test('a task of anything but a coroutine is TypeError("a coroutine was expected, got ...")', () => {
    const loop = virtualLoop();
    expect(() => new Task(42 as never, { loop })).toThrow(
      new TypeError('a coroutine was expected, got 42'),
    );
    expect(() => loop.createTask((() => {}) as never)).toThrow(TypeError);
  });

  test('setResult and setException are refused on a task', async () => {
    function* body(): Coroutine<void> {
      yield;
    }
    const loop = virtualLoop();
    const task = loop.createTask(body());
    expect(() => task.setResult(undefined)).toThrow(
      new RuntimeError('Task does not support set_result operation'),
    );
    expect(() => task.setException(new Error())).toThrow(
      new RuntimeError('Task does not support set_exception operation'),
    );
    await loop.runUntilComplete(task);
  });

  test('a task waiting on a future resumes in the iteration after the future is set', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<string>();
    const log: string[] = [];
    function* body(): Coroutine<void> {
      log.push(`got ${yield* fut}`);
    }
    loop.createTask(body());
    await runOnce(loop); // the task starts and parks on fut
    fut.setResult('x');
    await runOnce(loop); // the wake-up callback runs: the step follows at once
    expect(log).toEqual(['got x']);
  });

  test('a bare yield is exactly one iteration; sleep(0, result) returns its result', async () => {
    const log: string[] = [];
    function* main(): Coroutine<void> {
      const loop = getRunningLoop();
      loop.callSoon(() => log.push('callback'));
      const value = yield* sleep(0, 10);
      log.push(`resumed with ${value}`);
    }
    await runVirtual(main());
    expect(log).toEqual(['callback', 'resumed with 10']);
  });

  test('after accepting a future the task clears its blocking flag and waits on it', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture();
    function* body(): Coroutine<void> {
      yield* fut;
    }
    const task = loop.createTask(body());
    await runOnce(loop);
    expect(fut._asyncioFutureBlocking).toBe(false);
    expect(fut._callbacks).toHaveLength(1);
    expect(task._futWaiter).toBe(fut);
    expect(String(task)).toMatch(
      /^<Task pending name='Task-\d+' wait_for=<Future pending cb=\[Task.task_wakeup\(\)\]>>$/,
    );
    fut.setResult(null);
    await loop.runUntilComplete(task);
  });
});

describe('mistakes a coroutine can make', () => {
  test('yielding a plain value throws "Task got bad yield: 42" into the coroutine', async () => {
    function* main(): Coroutine<unknown> {
      try {
        yield 42 as never;
      } catch (e) {
        return e;
      }
    }
    expect(await runVirtual(main())).toEqual(new RuntimeError('Task got bad yield: 42'));
  });

  test("yielding a string shows it as Python's repr", async () => {
    function* main(): Coroutine<unknown> {
      try {
        yield 'x' as never;
      } catch (e) {
        return e;
      }
    }
    expect(await runVirtual(main())).toEqual(new RuntimeError("Task got bad yield: 'x'"));
  });

  test('yield future without * throws "yield was used instead of yield from in task ..."', async () => {
    function* main(): Coroutine<unknown> {
      const fut = getRunningLoop().createFuture();
      try {
        yield fut;
      } catch (e) {
        return (e as Error).message;
      }
    }
    expect(await runVirtual(main())).toMatch(
      /^yield was used instead of yield from in task <Task pending name='Task-\d+' cb=\[_run_until_complete_cb\(\)\]> with <Future pending>$/,
    );
  });

  test('yielding a generator throws "yield was used instead of yield from for generator ..."', async () => {
    function* child(): Coroutine<void> {
      yield;
    }
    function* main(): Coroutine<unknown> {
      try {
        yield child() as never;
      } catch (e) {
        return (e as Error).message;
      }
    }
    expect(await runVirtual(main())).toMatch(
      /^yield was used instead of yield from for generator in task <Task pending name='Task-\d+' cb=\[_run_until_complete_cb\(\)\]> with <generator object>$/,
    );
  });

  test('the error is thrown at the next step, not synchronously', async () => {
    const log: string[] = [];
    function* main(): Coroutine<void> {
      getRunningLoop().callSoon(() => log.push('callback'));
      try {
        yield 1 as never;
      } catch {
        log.push('error delivered');
      }
    }
    await runVirtual(main());
    expect(log).toEqual(['callback', 'error delivered']);
  });

  test("awaiting another loop's future: 'Task ... got Future ... attached to a different loop'", async () => {
    const other = virtualLoop();
    function* main(): Coroutine<unknown> {
      return yield* caught(function* () {
        yield* other.createFuture();
      });
    }
    const error = (await runVirtual(main())) as Error;
    expect(error).toBeInstanceOf(RuntimeError);
    expect(error.message).toMatch(
      /^Task <Task pending name='Task-\d+' cb=\[_run_until_complete_cb\(\)\]> got Future <Future pending> attached to a different loop$/,
    );
  });

  test('a task awaiting itself gets "Task cannot await on itself: ..."', async () => {
    let self: Task<unknown> | null = null;
    function* body(): Coroutine<unknown> {
      return yield* caught(function* () {
        return yield* self as Task<unknown>;
      });
    }
    function* main(): Coroutine<unknown> {
      self = createTask(body());
      return yield* self;
    }
    const error = (await runVirtual(main())) as Error;
    expect(error.message).toMatch(
      /^Task cannot await on itself: <Task pending name='Task-\d+' cb=\[Task.task_wakeup\(\)\]>$/,
    );
  });
});

describe('bookkeeping', () => {
  test('currentTask() is the running task inside a step and null in a plain callback', async () => {
    const seen: unknown[] = [];
    function* main(): Coroutine<void> {
      const loop = getRunningLoop();
      seen.push(currentTask());
      loop.callSoon(() => seen.push(currentTask()));
      yield;
    }
    const loop = virtualLoop();
    const task = loop.createTask(main());
    await loop.runUntilComplete(task);
    expect(seen).toEqual([task, null]);
    expect(currentTask(loop)).toBe(null);
  });

  test('currentTask() outside a loop raises "no running event loop"', () => {
    expect(() => currentTask()).toThrow(new RuntimeError('no running event loop'));
  });

  test('interleaved tasks each see themselves as current', async () => {
    const pairs: [Task<unknown>, unknown][] = [];
    function* child(): Coroutine<void> {
      for (let i = 0; i < 3; i++) {
        pairs.push([currentTask() as Task<unknown>, currentTask()]);
        yield;
      }
    }
    function* main(): Coroutine<void> {
      const a = createTask(child());
      const b = createTask(child());
      yield* a;
      yield* b;
      expect(pairs.filter(([t]) => t === a)).toHaveLength(3);
      expect(pairs.filter(([t]) => t === b)).toHaveLength(3);
    }
    await runVirtual(main());
    expect(pairs.every(([t, c]) => t === c)).toBe(true);
  });

  test('allTasks() is the set of tasks of the loop that are not done', async () => {
    function* short(): Coroutine<void> {
      yield;
    }
    function* long(): Coroutine<void> {
      yield* sleep(10);
    }
    function* main(): Coroutine<void> {
      const a = createTask(short());
      const b = createTask(long());
      expect(allTasks()).toEqual(new Set([currentTask(), a, b]));
      yield* a;
      expect(allTasks()).toEqual(new Set([currentTask(), b]));
      b.cancel();
    }
    await runVirtual(main());
  });

  test('names default to Task-<n> from a global counter; a name given is kept; setName stringifies', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<void> {
      yield;
    }
    const a = loop.createTask(body());
    const b = loop.createTask(body());
    const n = Number(a.getName().slice('Task-'.length));
    expect(a.getName()).toMatch(/^Task-\d+$/);
    expect(b.getName()).toBe(`Task-${n + 1}`);
    const c = loop.createTask(body(), { name: 'custom' });
    expect(c.getName()).toBe('custom');
    c.setName(5);
    expect(c.getName()).toBe('5');
    expect(loop.createTask(body()).getName()).toBe(`Task-${n + 2}`);
    expect(String(a)).toBe(`<Task pending name='Task-${n}'>`);
    await loop.runUntilComplete(c);
  });

  test('getCoro() returns the coroutine, then null once the task is done; getLoop() the loop', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<void> {
      yield;
    }
    const coro = body();
    const task = loop.createTask(coro);
    expect(task.getCoro()).toBe(coro);
    expect(task.getLoop()).toBe(loop);
    await loop.runUntilComplete(task);
    expect(task.getCoro()).toBe(null);
  });

  test("a task's done callbacks run in registration order; its awaiter resumes in its turn", async () => {
    const log: string[] = [];
    function* child(): Coroutine<number> {
      yield;
      return 1;
    }
    function* main(): Coroutine<void> {
      const c = createTask(child());
      c.addDoneCallback(() => log.push('cb1'));
      const p = createTask(
        (function* parent(): Coroutine<void> {
          yield* c;
          log.push('parent');
        })(),
      );
      yield;
      c.addDoneCallback(() => log.push('cb2'));
      yield* p;
    }
    await runVirtual(main());
    expect(log).toEqual(['cb1', 'parent', 'cb2']);
  });

  test("a coroutine's error finishes the task with that error", async () => {
    const loop = virtualLoop();
    const error = new Error('broken');
    function* body(): Coroutine<void> {
      yield;
      throw error;
    }
    const task = loop.createTask(body());
    await expect(loop.runUntilComplete(task)).rejects.toBe(error);
    expect(task.exception()).toBe(error);
    expect(task.cancelled()).toBe(false);
    expect(String(task)).toMatch(/^<Task finished name='Task-\d+' exception=Error\('broken'\)>$/);
  });

  test('a finished task shows its result in its repr', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<string> {
      yield;
      return 'r';
    }
    const task = loop.createTask(body(), { name: 'custom' });
    await loop.runUntilComplete(task);
    expect(String(task)).toBe("<Task finished name='custom' result='r'>");
  });

  test('a step of a task that is done is an InvalidStateError', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<void> {}
    const task = loop.createTask(body());
    await loop.runUntilComplete(task);
    expect(() => task._step(undefined)).toThrow(InvalidStateError);
  });

  test('a future that fails with undefined throws undefined into the awaiting coroutine', async () => {
    const loop = virtualLoop();
    const fut: Future<number> = loop.createFuture();
    function* body(): Coroutine<string> {
      try {
        yield* fut;
        return 'no error';
      } catch (e) {
        return `caught ${e}`;
      }
    }
    const task = loop.createTask(body());
    await runOnce(loop);
    fut.setException(undefined);
    expect(await loop.runUntilComplete(task)).toBe('caught undefined');
  });
});
