import { describe, expect, test } from 'vitest';
import { RuntimeError, ValueError } from '#course/errors';
import { type EventLoop, type ExceptionContext, getRunningLoop } from '#course/loop';
import { type Coroutine, createTask, run, sleep, type Task } from '#course/tasks';
import { errorText, settle } from '#testing/04-tasks';

describe('04.9 run: the entry point', () => {
  test('run(main) returns what main returns', async () => {
    function* main(): Coroutine<number> {
      yield* sleep(1);
      return 7;
    }
    expect(await run(main(), { clock: 'virtual' })).toBe(7);
  });

  test('run(main) rejects with the error main throws', async () => {
    const error = new ValueError('main failed');
    function* main(): Coroutine<number> {
      yield;
      throw error;
    }
    expect(await settle(run(main(), { clock: 'virtual' }))).toEqual({ ok: false, error });
  });

  test('run() uses the real clock unless told otherwise', async () => {
    function* main(): Coroutine<string> {
      yield;
      return 'on the real clock';
    }
    expect(await run(main())).toBe('on the real clock');
  });

  test('each run() makes a new loop, on the clock asked for, and closes it at the end', async () => {
    const loops: EventLoop[] = [];
    function* main(): Coroutine<number> {
      loops.push(getRunningLoop());
      yield* sleep(2);
      return getRunningLoop().time();
    }
    expect(await run(main(), { clock: 'virtual' })).toBe(2);
    expect(await run(main(), { clock: 'virtual' })).toBe(2);
    expect(loops.length).toBe(2);
    expect(loops[0] === loops[1]).toBe(false);
    expect(loops.map((loop) => [loop.isRunning(), loop.isClosed()])).toEqual([
      [false, true],
      [false, true],
    ]);
  });

  test('tasks left over when main returns are cancelled, and their finally blocks run before run() returns', async () => {
    const log: string[] = [];
    function* leftover(name: string): Coroutine<void> {
      try {
        yield* sleep(3600);
      } catch (error) {
        log.push(`${name} got ${errorText(error)}`);
        throw error;
      } finally {
        log.push(`${name} finally`);
      }
    }
    function* main(): Coroutine<string> {
      createTask(leftover('first'));
      createTask(leftover('second'));
      yield;
      log.push('main returns');
      return 'main done';
    }
    expect(await run(main(), { clock: 'virtual' })).toBe('main done');
    // Both are cancelled after main returns; asyncio does not say in which order.
    expect(log[0]).toBe('main returns');
    expect(log.filter((line) => line.startsWith('first'))).toEqual([
      'first got CancelledError',
      'first finally',
    ]);
    expect(log.filter((line) => line.startsWith('second'))).toEqual([
      'second got CancelledError',
      'second finally',
    ]);
  });

  test('tasks left over after main fails are cancelled too', async () => {
    const log: string[] = [];
    function* leftover(): Coroutine<void> {
      try {
        yield* sleep(3600);
      } finally {
        log.push('leftover finally');
      }
    }
    function* main(): Coroutine<void> {
      createTask(leftover());
      yield;
      throw new ValueError('main failed');
    }
    const outcome = await settle(run(main(), { clock: 'virtual' }));
    expect(outcome.ok).toBe(false);
    expect(log).toEqual(['leftover finally']);
  });

  test("an error other than cancellation in a leftover task goes to the loop's exception handler", async () => {
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
      getRunningLoop().setExceptionHandler((_loop, context) => {
        contexts.push(context);
      });
      leftoverTask = createTask(leftover());
      yield;
    }
    await run(main(), { clock: 'virtual' });
    // Compared key by key: toEqual would iterate the task, which is a Future (and iterable).
    expect(contexts.length).toBe(1);
    expect(contexts[0].message).toBe('unhandled exception during asyncio.run() shutdown');
    expect(contexts[0].exception).toBe(error);
    expect(contexts[0].task === leftoverTask).toBe(true);
  });

  test("after cancelling the leftover tasks, run() awaits the loop's shutdownDefaultExecutor() (lesson 06 gives loops one), then closes the loop", async () => {
    const log: string[] = [];
    function* leftover(): Coroutine<void> {
      try {
        yield* sleep(10);
      } finally {
        log.push('leftover cancelled');
      }
    }
    function* main(): Coroutine<void> {
      const loop = getRunningLoop();
      createTask(leftover());
      yield;
      // Stands in for lesson 06's executors: a loop that has the method must have it called.
      Object.assign(loop, {
        *shutdownDefaultExecutor(): Coroutine<void> {
          log.push(`shutdown starts, loop closed: ${loop.isClosed()}`);
          yield;
          log.push('shutdown ends');
        },
      });
    }
    await run(main(), { clock: 'virtual' });
    expect(log).toEqual([
      'leftover cancelled',
      'shutdown starts, loop closed: false',
      'shutdown ends',
    ]);
  });

  test('run() of something that is not a coroutine is ValueError("a coroutine was expected, got 42")', async () => {
    const outcome = await settle(run(42 as never));
    expect(outcome).toEqual({
      ok: false,
      error: new ValueError('a coroutine was expected, got 42'),
    });
  });

  test('run() inside a running loop is refused: "asyncio.run() cannot be called from a running event loop"', async () => {
    let nested: Promise<unknown> | null = null;
    function* inner(): Coroutine<void> {}
    function* main(): Coroutine<void> {
      nested = settle(run(inner(), { clock: 'virtual' }));
      yield;
    }
    await run(main(), { clock: 'virtual' });
    expect(await nested).toEqual({
      ok: false,
      error: new RuntimeError('asyncio.run() cannot be called from a running event loop'),
    });
  });
});
