import { describe, expect, test } from 'vitest';
import { RuntimeError } from '#course/errors';
import { getRunningLoop } from '#course/loop';
import { type Coroutine, createTask, type Task } from '#course/tasks';
import { caught, errorText, runVirtual, virtualLoop } from '#testing/04-tasks';

// `yield 42` does not type-check in a function typed `Coroutine`: TypeScript catches the mistake
// before the task would. These coroutines are typed loosely, or cast, to make the mistake anyway.

describe('04.3 Task got bad yield', () => {
  test('yielding a plain value throws RuntimeError("Task got bad yield: <repr>") into the coroutine', async () => {
    function* bad(): Generator<unknown, string[], unknown> {
      const messages: string[] = [];
      for (const value of [42, 'x', true, [1, 'two']]) {
        try {
          yield value;
          messages.push(`yield ${String(value)} was accepted`);
        } catch (error) {
          messages.push(errorText(error));
        }
      }
      return messages;
    }
    expect(await runVirtual(bad() as Coroutine<string[]>)).toEqual([
      'RuntimeError: Task got bad yield: 42',
      "RuntimeError: Task got bad yield: 'x'",
      'RuntimeError: Task got bad yield: True',
      "RuntimeError: Task got bad yield: [1, 'two']",
    ]);
  });

  test('the error is thrown in at the next step, not at once: a callback queued before the yield runs first', async () => {
    const log: string[] = [];
    function* main(): Coroutine<void> {
      getRunningLoop().callSoon(() => log.push('callback'));
      try {
        yield 0 as never;
      } catch (error) {
        log.push(errorText(error));
      }
    }
    await runVirtual(main());
    expect(log).toEqual(['callback', 'RuntimeError: Task got bad yield: 0']);
  });

  test('a coroutine that catches the error goes on, and its task ends normally', async () => {
    function* main(): Coroutine<string> {
      try {
        yield 'oops' as never;
      } catch {
        // carry on
      }
      yield;
      return 'survived';
    }
    expect(await runVirtual(main())).toBe('survived');
  });

  test('a coroutine that does not catch the error ends its task with it', async () => {
    function* main(): Coroutine<void> {
      yield 42 as never;
    }
    await expect(runVirtual(main())).rejects.toThrow(new RuntimeError('Task got bad yield: 42'));
  });

  test('yield future without * is refused: "yield was used instead of yield from in task ... with <Future pending>"', async () => {
    function* main(): Coroutine<unknown> {
      const fut = getRunningLoop().createFuture();
      try {
        yield fut; // the * is missing
        return 'accepted';
      } catch (error) {
        return error;
      }
    }
    const error = await runVirtual(main());
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toMatch(
      /^yield was used instead of yield from in task <Task pending name='main'.*> with <Future pending>$/,
    );
  });

  test('yielding a generator instead of delegating to it is refused: "yield was used instead of yield from for generator in task ..."', async () => {
    const log: string[] = [];
    function* child(): Coroutine<void> {
      log.push('child runs');
      yield;
    }
    function* main(): Coroutine<unknown> {
      try {
        yield child() as never; // yield* child() was meant
        return 'accepted';
      } catch (error) {
        return error;
      }
    }
    const error = await runVirtual(main());
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toMatch(
      /^yield was used instead of yield from for generator in task <Task pending name='main'.*> with <.*>$/,
    );
    expect(log).toEqual([]);
  });

  test('a task that awaits itself gets "Task cannot await on itself: ..."', async () => {
    let me: Task<unknown> | null = null;
    function* body(): Coroutine<unknown> {
      yield;
      return yield* caught(() => (me as Task<unknown>)[Symbol.iterator]());
    }
    function* main(): Coroutine<unknown> {
      me = createTask(body(), { name: 'me' });
      return yield* me;
    }
    const error = await runVirtual(main());
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toMatch(
      /^Task cannot await on itself: <Task pending name='me'.*>$/,
    );
  });

  test('a future of another loop is refused: "Task ... got Future ... attached to a different loop"', async () => {
    const other = virtualLoop();
    function* main(): Coroutine<unknown> {
      return yield* caught(() => other.createFuture()[Symbol.iterator]());
    }
    const error = await runVirtual(main());
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toMatch(
      /^Task <Task pending name='main'.*> got Future <Future pending> attached to a different loop$/,
    );
  });

  test('a refused future is not awaited: the task does not wait for it', async () => {
    const log: string[] = [];
    function* main(): Coroutine<void> {
      const loop = getRunningLoop();
      const fut = loop.createFuture<string>();
      loop.callLater(10, () => fut.setResult('late'));
      try {
        yield fut; // the * is missing
      } catch {
        log.push(`refused at t=${loop.time()}`);
      }
    }
    await runVirtual(main());
    expect(log).toEqual(['refused at t=0']);
  });
});
