import { describe, expect, test } from 'vitest';
import { ValueError } from '#course/errors';
import { getRunningLoop } from '#course/loop';
import { type Coroutine, createTask, sleep } from '#course/tasks';
import { runOneIteration, runVirtual, settle, startTask, virtualLoop } from '#testing/04-tasks';

describe('04.7 sleep', () => {
  test('sleep(delay, result) returns result after delay seconds of loop time', async () => {
    function* main(): Coroutine<string> {
      const value = yield* sleep(1.5, 'done');
      return `${value} at t=${getRunningLoop().time()}`;
    }
    expect(await runVirtual(main())).toBe('done at t=1.5');
  });

  test('sleep(delay) returns null, as asyncio returns None', async () => {
    function* main(): Coroutine<[null, null]> {
      return [yield* sleep(2), yield* sleep(0)];
    }
    expect(await runVirtual(main())).toEqual([null, null]);
  });

  test('calling sleep() starts nothing: a coroutine runs only when awaited', async () => {
    function* main(): Coroutine<number> {
      const loop = getRunningLoop();
      const sleeper = sleep(5);
      yield;
      yield* sleep(1);
      yield* sleeper;
      return loop.time();
    }
    expect(await runVirtual(main())).toBe(6);
  });

  test('sleepers wake up in the order of their deadlines, at the loop time they asked for', async () => {
    const log: string[] = [];
    function* sleeper(name: string, delay: number): Coroutine<void> {
      yield* sleep(delay);
      log.push(`${name} wakes at t=${getRunningLoop().time()}`);
    }
    function* main(): Coroutine<void> {
      const tasks = [
        createTask(sleeper('c', 3)),
        createTask(sleeper('a', 1)),
        createTask(sleeper('b', 2)),
      ];
      for (const task of tasks) yield* task;
    }
    await runVirtual(main());
    expect(log).toEqual(['a wakes at t=1', 'b wakes at t=2', 'c wakes at t=3']);
  });

  test('sleep(0) is a bare yield: exactly one iteration, with no timer', async () => {
    // A ticker logs once per iteration (for 10 iterations). A timer, even of 0 seconds, would
    // cost one more.
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
      log.push('before');
      const value = yield* sleep(0, 10);
      log.push(`after, with ${value}`);
    }
    await loop.runUntilComplete(startTask(loop, body()));
    expect(log.slice(0, 4)).toEqual(['tick 1', 'before', 'tick 2', 'after, with 10']);
  });

  test('a negative delay is a bare yield too', async () => {
    function* main(): Coroutine<[string, number]> {
      const value = yield* sleep(-5, 'at once');
      return [value, getRunningLoop().time()];
    }
    expect(await runVirtual(main())).toEqual(['at once', 0]);
  });

  test('sleep(NaN) throws ValueError("Invalid delay: NaN (not a number)")', async () => {
    function* main(): Coroutine<void> {
      yield* sleep(Number.NaN);
    }
    await expect(runVirtual(main())).rejects.toThrow(
      new ValueError('Invalid delay: NaN (not a number)'),
    );
  });

  test('a sleeping task that is cancelled stops sleeping at once', async () => {
    const loop = virtualLoop();
    function* body(): Coroutine<string> {
      try {
        yield* sleep(3600);
        return 'slept';
      } catch (error) {
        return `woken by ${(error as Error).name} at t=${loop.time()}`;
      }
    }
    const task = startTask(loop, body());
    await runOneIteration(loop);
    task.cancel();
    expect(await loop.runUntilComplete(task)).toBe('woken by CancelledError at t=0');
  });

  test('cancelling a sleeping task cancels its timer: the loop has nothing left to wait for', async () => {
    // On the virtual clock, a loop with nothing to do reports a deadlock at once. A timer left
    // behind would make it jump to t=10 first.
    const loop = virtualLoop();
    function* body(): Coroutine<void> {
      yield* sleep(10);
    }
    const task = startTask(loop, body());
    await runOneIteration(loop);
    task.cancel();
    await settle(loop.runUntilComplete(task));
    expect(task.cancelled()).toBe(true);
    const outcome = await settle(loop.runUntilComplete(loop.createFuture()));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(String(outcome.error)).toMatch(/deadlock/);
    expect(loop.time()).toBe(0);
  });
});
