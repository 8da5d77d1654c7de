import { describe, expect, test } from 'vitest';
import { CancelledError, RuntimeError, ValueError } from '#course/errors';
import { Future } from '#course/futures';
import { getRunningLoop } from '#course/loop';
import { type Settled, settle, virtualLoop } from '#testing/03-loop';

describe('03.7 runUntilComplete', () => {
  test('runUntilComplete returns the result of a future that a timer completes later', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<string>();
    loop.callLater(5, () => fut.setResult(`done at ${loop.time()}`));
    expect(await loop.runUntilComplete(fut)).toBe('done at 5');
    expect(loop.isRunning()).toBe(false);
  });

  test('runUntilComplete throws the error of a future that fails', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    const error = new ValueError('bad');
    loop.callSoon(() => fut.setException(error));
    const outcome = await settle(loop.runUntilComplete(fut));
    expect(outcome).toEqual({ ok: false, error });
  });

  test('runUntilComplete throws CancelledError for a future that is cancelled', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    loop.callSoon(() => fut.cancel('not needed'));
    const outcome = await settle(loop.runUntilComplete(fut));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(CancelledError);
      expect((outcome.error as Error).message).toBe('not needed');
    }
  });

  test('the loop stops through a done callback, in the iteration after the future completes', async () => {
    // asyncio logs set, b, c: the stop callback runs in the next iteration, together with c.
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    const log: string[] = [];
    loop.callSoon(() => {
      log.push('set');
      fut.setResult(1);
    });
    loop.callSoon(() => {
      log.push('b');
      loop.callSoon(() => {
        log.push('c');
        loop.callSoon(() => log.push('d'));
      });
    });
    expect(await loop.runUntilComplete(fut)).toBe(1);
    expect(log).toEqual(['set', 'b', 'c']);
  });

  test('a future that is already done: runUntilComplete returns its result', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    fut.setResult(42);
    expect(await loop.runUntilComplete(fut)).toBe(42);
  });

  test("if the loop is stopped first, runUntilComplete throws RuntimeError('Event loop stopped before Future completed.') and the future stays pending", async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    loop.callSoon(() => loop.stop());
    const outcome = await settle(loop.runUntilComplete(fut));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(RuntimeError);
      expect((outcome.error as Error).message).toBe('Event loop stopped before Future completed.');
    }
    expect(fut.done()).toBe(false);
    // The future can still complete, and a later run can wait for it.
    loop.callLater(1, () => fut.setResult(3));
    expect(await loop.runUntilComplete(fut)).toBe(3);
  });

  test('runUntilComplete removes its done callback: a later run is not stopped when that future completes', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    loop.callSoon(() => loop.stop());
    await settle(loop.runUntilComplete(fut));
    expect(String(fut)).toBe('<Future pending>');
    const log: string[] = [];
    loop.callSoon(() => fut.setResult(1));
    loop.callLater(1, () => {
      log.push('later');
      loop.stop();
    });
    await loop.runForever();
    expect(log).toEqual(['later']);
  });

  test('while runUntilComplete runs, the loop is the running loop', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<boolean>();
    loop.callSoon(() => fut.setResult(getRunningLoop() === loop));
    expect(await loop.runUntilComplete(fut)).toBe(true);
  });

  test("a future nobody will complete, on the virtual clock: runUntilComplete fails with a RuntimeError that begins 'deadlock:'", async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    const outcome = await settle(loop.runUntilComplete(fut));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(RuntimeError);
      expect((outcome.error as Error).message).toMatch(/^deadlock:/);
    }
    expect(String(fut)).toBe('<Future pending>');
  });

  test("runUntilComplete of something that is neither a future nor a coroutine throws TypeError('An asyncio.Future, a coroutine or an awaitable is required')", async () => {
    const loop = virtualLoop();
    const outcome = await settle(loop.runUntilComplete('blah' as never));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(TypeError);
      expect((outcome.error as Error).message).toBe(
        'An asyncio.Future, a coroutine or an awaitable is required',
      );
    }
  });

  test("runUntilComplete of a future that belongs to another loop throws ValueError('The future belongs to a different loop than the one specified as the loop argument')", async () => {
    const loop = virtualLoop();
    const fut = new Future<number>({ loop: virtualLoop() });
    const outcome = await settle(loop.runUntilComplete(fut));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(ValueError);
      expect((outcome.error as Error).message).toBe(
        'The future belongs to a different loop than the one specified as the loop argument',
      );
    }
  });

  test("runUntilComplete on a loop that is already running fails with RuntimeError('This event loop is already running')", async () => {
    const loop = virtualLoop();
    const inner = loop.createFuture<number>();
    let nested: Promise<Settled<number>> | null = null;
    loop.callSoon(() => {
      nested = settle(loop.runUntilComplete(inner));
      loop.stop();
    });
    await loop.runForever();
    const outcome = (await nested) as unknown as Settled<number>;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(RuntimeError);
      expect((outcome.error as Error).message).toBe('This event loop is already running');
    }
  });
});
