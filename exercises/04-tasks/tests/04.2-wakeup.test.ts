import { describe, expect, test } from 'vitest';
import { ValueError } from '#course/errors';
import type { Future } from '#course/futures';
import { type Coroutine, createTask } from '#course/tasks';
import { runOneIteration, runVirtual, settle, startTask, virtualLoop } from '#testing/04-tasks';

describe('04.2 Waiting on a future', () => {
  test('a task that awaits a pending future parks on it: flag cleared, future kept as _futWaiter', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<string>();
    const log: string[] = [];
    function* body(): Coroutine<void> {
      log.push('waits');
      log.push(`got ${yield* fut}`);
    }
    const task = startTask(loop, body());
    await runOneIteration(loop);
    expect(log).toEqual(['waits']);
    expect(task.done()).toBe(false);
    // The iterator set the flag to say "awaited with yield*"; the task clears it once accepted.
    expect(fut._asyncioFutureBlocking).toBe(false);
    expect(task._futWaiter).toBe(fut);
    // Nothing resumes the task while the future is pending.
    await runOneIteration(loop);
    await runOneIteration(loop);
    expect(log).toEqual(['waits']);
    fut.setResult('x');
    await loop.runUntilComplete(task);
    expect(log).toEqual(['waits', 'got x']);
  });

  test('the task resumes in the iteration after the future is set, not one later', async () => {
    // The future's done callback is the task's _wakeup, and _wakeup steps at once.
    const loop = virtualLoop();
    const fut = loop.createFuture<string>();
    const log: string[] = [];
    function* body(): Coroutine<void> {
      log.push(`got ${yield* fut}`);
    }
    startTask(loop, body());
    await runOneIteration(loop);
    fut.setResult('x');
    loop.callSoon(() => log.push('callback queued after setResult'));
    await runOneIteration(loop);
    expect(log).toEqual(['got x', 'callback queued after setResult']);
  });

  test('the task resumes the coroutine with a plain next(): the value of yield* comes from the future itself', async () => {
    // A hand-written awaitable that yields a future as yield* would, and returns what it is sent.
    // asyncio sends None in; the future's own iterator reads result() when it resumes.
    const loop = virtualLoop();
    const fut = loop.createFuture<string>();
    function* byHand(): Generator<unknown, unknown, unknown> {
      fut._asyncioFutureBlocking = true;
      const sent = yield fut;
      return sent;
    }
    const task = startTask(loop, byHand() as Coroutine<unknown>);
    await runOneIteration(loop);
    fut.setResult('the result');
    expect(await loop.runUntilComplete(task)).toBe(undefined);
  });

  test('a future that fails throws its error into the coroutine at its yield*, where try/catch can catch it', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    const error = new ValueError('no value');
    function* body(): Coroutine<unknown> {
      try {
        yield* fut;
        return 'no error';
      } catch (caught) {
        return caught;
      }
    }
    const task = startTask(loop, body());
    await runOneIteration(loop);
    fut.setException(error);
    expect(await loop.runUntilComplete(task)).toBe(error);
  });

  test("the task throws a failed future's error in at the yield itself, even undefined (JavaScript can throw anything)", async () => {
    // A hand-written awaitable that does not read result(): only the task can tell it the error.
    const loop = virtualLoop();
    function* byHand(fut: Future<number>): Generator<unknown, string, unknown> {
      fut._asyncioFutureBlocking = true;
      try {
        yield fut;
        return 'nothing thrown in';
      } catch (error) {
        return `thrown in: ${String(error)}`;
      }
    }
    const results: string[] = [];
    for (const error of [new ValueError('x'), undefined]) {
      const fut = loop.createFuture<number>();
      const task = startTask(loop, byHand(fut) as Coroutine<string>);
      await runOneIteration(loop);
      fut.setException(error);
      results.push(await loop.runUntilComplete(task));
    }
    expect(results).toEqual(['thrown in: ValueError: x', 'thrown in: undefined']);
  });

  test('a task waits on one future after another, each set by a timer', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    function* body(): Coroutine<number> {
      let total = 0;
      for (const delay of [3, 1, 2]) {
        const fut = loop.createFuture<number>();
        loop.callLater(delay, () => fut.setResult(delay));
        total += yield* fut;
        log.push(`t=${loop.time()} total=${total}`);
      }
      return total;
    }
    expect(await loop.runUntilComplete(startTask(loop, body()))).toBe(6);
    expect(log).toEqual(['t=3 total=3', 't=4 total=4', 't=6 total=6']);
  });

  test('awaiting a task gives its result, and its error reaches whoever awaits it', async () => {
    const error = new ValueError('child failed');
    function* ok(): Coroutine<number> {
      yield;
      return 42;
    }
    function* failing(): Coroutine<number> {
      yield;
      throw error;
    }
    function* main(): Coroutine<[number, unknown]> {
      const value = yield* createTask(ok());
      try {
        yield* createTask(failing());
        return [value, 'no error'];
      } catch (caught) {
        return [value, caught];
      }
    }
    const [value, caught] = await runVirtual(main());
    expect(value).toBe(42);
    expect(caught).toBe(error);
  });

  test('an error nobody catches travels up through every task that awaits, to runUntilComplete', async () => {
    const error = new ValueError('deep');
    function* inner(): Coroutine<void> {
      yield;
      throw error;
    }
    function* middle(): Coroutine<void> {
      yield* createTask(inner());
    }
    function* main(): Coroutine<void> {
      yield* createTask(middle());
    }
    expect(await settle(runVirtual(main()))).toEqual({ ok: false, error });
  });

  test("a task's done callbacks run in the order they were added; a task awaiting it resumes in its turn", async () => {
    const log: string[] = [];
    function* child(): Coroutine<number> {
      yield;
      return 1;
    }
    function* main(): Coroutine<void> {
      const c = createTask(child());
      c.addDoneCallback(() => log.push('callback 1'));
      const parent = createTask(
        (function* parent(): Coroutine<void> {
          yield* c;
          log.push('parent resumes');
        })(),
      );
      yield;
      c.addDoneCallback((f: Future<number>) => log.push(`callback 2 sees ${f.result()}`));
      yield* parent;
    }
    await runVirtual(main());
    expect(log).toEqual(['callback 1', 'parent resumes', 'callback 2 sees 1']);
  });
});
