import { describe, expect, test } from 'vitest';
import { RuntimeError } from '#course/errors';
import { Future } from '#course/futures';
import { type EventLoop, getRunningLoop } from '#course/loop';
import { type Settled, settle, virtualLoop } from '#testing/03-loop';

/** Starts `run()` and says how it settled, whether it throws at once or rejects. */
function attempt(run: () => Promise<void>): Promise<Settled<void>> {
  try {
    return settle(run());
  } catch (error) {
    return Promise.resolve({ ok: false, error });
  }
}

describe('03.3 one loop at a time', () => {
  test('isRunning() is false before runForever, true while callbacks run, false after', async () => {
    const loop = virtualLoop();
    const seen: boolean[] = [];
    expect(loop.isRunning()).toBe(false);
    loop.callSoon(() => {
      seen.push(loop.isRunning());
      loop.stop();
    });
    await loop.runForever();
    expect(seen).toEqual([true]);
    expect(loop.isRunning()).toBe(false);
  });

  test('getRunningLoop() inside a callback returns the loop that runs it', async () => {
    const loop = virtualLoop();
    let seen: EventLoop | null = null;
    loop.callSoon(() => {
      seen = getRunningLoop();
      loop.stop();
    });
    await loop.runForever();
    expect(seen).toBe(loop);
  });

  test("getRunningLoop() outside a running loop throws RuntimeError('no running event loop')", async () => {
    expect(() => getRunningLoop()).toThrow(RuntimeError);
    expect(() => getRunningLoop()).toThrow('no running event loop');
    const loop = virtualLoop();
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    // Once runForever has returned, there is no running loop any more.
    expect(() => getRunningLoop()).toThrow('no running event loop');
  });

  test("runForever on a loop that is already running fails with RuntimeError('This event loop is already running'), and the loop goes on", async () => {
    const loop = virtualLoop();
    expect(loop.isRunning()).toBe(false);
    let nested: Promise<Settled<void>> | null = null;
    const after: unknown[] = [];
    loop.callSoon(() => {
      nested = attempt(() => loop.runForever());
      after.push(loop.isRunning(), getRunningLoop());
    });
    loop.callSoon(() => loop.callSoon(() => loop.stop()));
    await loop.runForever();
    const outcome = (await nested) as unknown as Settled<void>;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(RuntimeError);
      expect((outcome.error as Error).message).toBe('This event loop is already running');
    }
    expect(after).toEqual([true, loop]);
  });

  test("starting a second loop while one runs fails with RuntimeError('Cannot run the event loop while another loop is running')", async () => {
    const loop = virtualLoop();
    const other = virtualLoop();
    expect(other.isRunning()).toBe(false);
    let nested: Promise<Settled<void>> | null = null;
    const after: unknown[] = [];
    loop.callSoon(() => {
      nested = attempt(() => other.runForever());
      after.push(getRunningLoop(), other.isRunning());
      loop.stop();
    });
    await loop.runForever();
    const outcome = (await nested) as unknown as Settled<void>;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(RuntimeError);
      expect((outcome.error as Error).message).toBe(
        'Cannot run the event loop while another loop is running',
      );
    }
    expect(after).toEqual([loop, false]);
  });

  test('createFuture() makes a future that belongs to the loop', () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    expect(fut).toBeInstanceOf(Future);
    expect(fut.getLoop()).toBe(loop);
    expect(fut.done()).toBe(false);
  });

  test('a future created without a loop option, inside a callback, belongs to the running loop and runs its callbacks there', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    let fut: Future<number> | null = null;
    loop.callSoon(() => {
      fut = new Future<number>();
      fut.addDoneCallback((f: Future<number>) => {
        log.push(`done with ${f.result()}`);
        loop.stop();
      });
      fut.setResult(7);
    });
    await loop.runForever();
    expect((fut as unknown as Future<number>).getLoop()).toBe(loop);
    expect(log).toEqual(['done with 7']);
  });
});
