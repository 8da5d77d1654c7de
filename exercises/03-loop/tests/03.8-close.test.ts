import { describe, expect, test } from 'vitest';
import { RuntimeError } from '#course/errors';
import { settle, virtualLoop } from '#testing/03-loop';

/** Checks that `fn` throws RuntimeError('Event loop is closed'). */
function expectClosed(fn: () => unknown): void {
  expect(fn).toThrow(RuntimeError);
  expect(fn).toThrow('Event loop is closed');
}

describe('03.8 closing the loop', () => {
  test('isClosed() is false until close(); closing twice is harmless', () => {
    const loop = virtualLoop();
    expect(loop.isClosed()).toBe(false);
    loop.close();
    expect(loop.isClosed()).toBe(true);
    loop.close();
    expect(loop.isClosed()).toBe(true);
  });

  test("close() on a running loop throws RuntimeError('Cannot close a running event loop'), and the loop goes on", async () => {
    const loop = virtualLoop();
    const errors: unknown[] = [];
    loop.callSoon(() => {
      try {
        loop.close();
      } catch (error) {
        errors.push(error);
      }
      loop.stop();
    });
    await loop.runForever();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(RuntimeError);
    expect((errors[0] as Error).message).toBe('Cannot close a running event loop');
    expect(loop.isClosed()).toBe(false);
  });

  test('close() drops the callbacks that were still waiting', () => {
    const loop = virtualLoop();
    loop.callSoon(() => {});
    loop.callSoon(() => {});
    loop.close();
    expect(loop._ready.length).toBe(0);
  });

  test("a closed loop refuses new callbacks and timers: RuntimeError('Event loop is closed')", () => {
    const loop = virtualLoop();
    loop.close();
    expectClosed(() => loop.callSoon(() => {}));
    expectClosed(() => loop.callSoonThreadsafe(() => {}));
    expectClosed(() => loop.callLater(1, () => {}));
    expectClosed(() => loop.callAt(1, () => {}));
  });

  test("a closed loop refuses to run: runForever and runUntilComplete fail with RuntimeError('Event loop is closed')", async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    loop.close();
    for (const outcome of [
      await settle(loop.runForever()),
      await settle(loop.runUntilComplete(fut)),
    ]) {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error).toBeInstanceOf(RuntimeError);
        expect((outcome.error as Error).message).toBe('Event loop is closed');
      }
    }
  });

  test("a closed loop refuses to create tasks: createTask throws RuntimeError('Event loop is closed')", () => {
    const loop = virtualLoop();
    loop.close();
    function* coro(): Generator<undefined, number, unknown> {
      yield;
      return 1;
    }
    expectClosed(() => loop.createTask(coro()));
  });
});
