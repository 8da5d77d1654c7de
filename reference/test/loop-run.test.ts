import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  type Coroutine,
  Future,
  newEventLoop,
  RuntimeError,
  sleep,
  ValueError,
} from '../src/index.ts';
import { runOnce, virtualLoop } from './helpers.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('runUntilComplete', () => {
  test('a coroutine is wrapped in a task; its result is returned', async () => {
    const loop = virtualLoop();
    function* main(): Coroutine<number> {
      yield* sleep(1);
      return 42;
    }
    expect(await loop.runUntilComplete(main())).toBe(42);
  });

  test("a coroutine's error is thrown by runUntilComplete", async () => {
    const loop = virtualLoop();
    function* main(): Coroutine<number> {
      yield;
      throw new ValueError('bad');
    }
    await expect(loop.runUntilComplete(main())).rejects.toThrow(new ValueError('bad'));
  });

  test('anything but a future or coroutine is a TypeError', async () => {
    const loop = virtualLoop();
    await expect(loop.runUntilComplete('blah' as never)).rejects.toThrow(
      new TypeError('An asyncio.Future, a coroutine or an awaitable is required'),
    );
  });

  test("another loop's future is a ValueError", async () => {
    const loop = virtualLoop();
    const other = virtualLoop();
    await expect(loop.runUntilComplete(other.createFuture())).rejects.toThrow(
      new ValueError(
        'The future belongs to a different loop than the one specified as the loop argument',
      ),
    );
  });

  test('it stops the loop through a done callback, which it removes afterwards', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    loop.callLater(1, () => fut.setResult(1));
    expect(await loop.runUntilComplete(fut)).toBe(1);
    expect(fut._callbacks).toBe(null);
    // A later run is not stopped by a stale callback.
    const log: string[] = [];
    loop.callSoon(() => loop.callSoon(() => log.push('second iteration')));
    loop.callLater(5, () => loop.stop());
    await loop.runForever();
    expect(log).toEqual(['second iteration']);
  });

  test('stopped before the future is done: "Event loop stopped before Future completed."', async () => {
    const loop = virtualLoop();
    let x = 0;
    function* body(): Coroutine<string> {
      yield* sleep(0.1);
      x = 1;
      loop.stop();
      yield* sleep(0.2);
      x = 2;
      return 'done';
    }
    const task = loop.createTask(body());
    await expect(loop.runUntilComplete(task)).rejects.toThrow(
      new RuntimeError('Event loop stopped before Future completed.'),
    );
    expect(task.done()).toBe(false);
    expect(x).toBe(1);
    expect(await loop.runUntilComplete(task)).toBe('done');
    expect(x).toBe(2);
    expect(loop.time()).toBeCloseTo(0.3);
  });

  test('nested runUntilComplete on the running loop: "This event loop is already running"', async () => {
    const loop = virtualLoop();
    const errors: unknown[] = [];
    loop.callSoon(() => {
      loop.runUntilComplete(loop.createFuture()).catch((e) => errors.push(e));
      loop.runForever().catch((e) => errors.push(e));
    });
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    expect(errors).toEqual([
      new RuntimeError('This event loop is already running'),
      new RuntimeError('This event loop is already running'),
    ]);
  });

  test('another loop inside the running one: "Cannot run the event loop while another loop is running"', async () => {
    const loop = virtualLoop();
    const other = virtualLoop();
    let error: unknown;
    loop.callSoon(() => {
      other.runForever().catch((e) => {
        error = e;
      });
      loop.stop();
    });
    await loop.runForever();
    expect(error).toEqual(
      new RuntimeError('Cannot run the event loop while another loop is running'),
    );
  });
});

describe('close', () => {
  test('closing a running loop is "Cannot close a running event loop"', async () => {
    const loop = virtualLoop();
    let error: unknown;
    loop.callSoon(() => {
      try {
        loop.close();
      } catch (e) {
        error = e;
      }
      loop.stop();
    });
    await loop.runForever();
    expect(error).toEqual(new RuntimeError('Cannot close a running event loop'));
  });

  test('close() is idempotent and drops queued callbacks and timers', () => {
    const loop = virtualLoop();
    loop.callSoon(() => {});
    loop.callLater(1, () => {});
    loop.close();
    loop.close();
    expect(loop.isClosed()).toBe(true);
    expect(loop._ready.length).toBe(0);
    expect(loop._scheduled.size).toBe(0);
  });

  test('a closed loop refuses to run or schedule: "Event loop is closed"', async () => {
    const loop = virtualLoop();
    loop.close();
    const closed = new RuntimeError('Event loop is closed');
    await expect(loop.runForever()).rejects.toThrow(closed);
    await expect(loop.runUntilComplete(new Future({ loop }))).rejects.toThrow(closed);
    expect(() => loop.callSoon(() => {})).toThrow(closed);
    expect(() => loop.callLater(1, () => {})).toThrow(closed);
    expect(() => loop.callAt(1, () => {})).toThrow(closed);
    expect(() => loop.callSoonThreadsafe(() => {})).toThrow(closed);
  });

  test('createTask on a closed loop raises, and ensureFuture closes the coroutine', async () => {
    const loop = virtualLoop();
    loop.close();
    let started = false;
    function* body(): Coroutine<void> {
      started = true;
      yield;
    }
    const coro = body();
    expect(() => loop.createTask(coro)).toThrow('Event loop is closed');
    const { ensureFuture } = await import('../src/index.ts');
    expect(() => ensureFuture(coro, loop)).toThrow('Event loop is closed');
    expect(coro.next()).toEqual({ done: true, value: undefined });
    expect(started).toBe(false);
  });
});

describe('the exception handler', () => {
  test('setExceptionHandler refuses a non-function', () => {
    const loop = virtualLoop();
    expect(() => loop.setExceptionHandler('spam' as never)).toThrow(
      new TypeError("A callable object or None is expected, got 'spam'"),
    );
  });

  test('a handler is called as handler(loop, context); null restores the default', () => {
    const loop = virtualLoop();
    const calls: unknown[] = [];
    const handler = (l: unknown, c: unknown) => calls.push([l, c]);
    loop.setExceptionHandler(handler);
    expect(loop.getExceptionHandler()).toBe(handler);
    loop.callExceptionHandler({ message: 'hi' });
    expect(calls).toEqual([[loop, { message: 'hi' }]]);
    loop.setExceptionHandler(null);
    expect(loop.getExceptionHandler()).toBe(null);
  });

  test('a handler that throws is reported by the default handler with the original context', () => {
    const loop = virtualLoop();
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    loop.setExceptionHandler(() => {
      throw new ValueError('handler broke');
    });
    loop.callExceptionHandler({ message: 'orig' });
    const text = String(printed.mock.calls[0][0]);
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Unhandled error in exception handler',
      "context: {'message': 'orig'}",
      'ValueError: handler broke',
    ]);
  });

  test('the default handler prints the message, then sorted keys with Python reprs, then the stack', () => {
    const loop = virtualLoop();
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    loop.defaultExceptionHandler({ message: 'm', b: 1, a: 'x', exception: new ValueError('e') });
    const lines = String(printed.mock.calls[0][0]).split('\n');
    expect(lines.slice(0, 4)).toEqual(['m', "a: 'x'", 'b: 1', 'ValueError: e']);
    expect(lines[4]).toMatch(/^\s+at /);
  });

  test('the default handler without a message says "Unhandled exception in event loop"', () => {
    const loop = virtualLoop();
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    loop.callExceptionHandler({});
    expect(printed.mock.calls[0][0]).toBe('Unhandled exception in event loop');
  });

  test('a failing callback is reported by the default handler with its handle', async () => {
    const loop = virtualLoop();
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    loop.callSoon(function bad() {
      throw new ValueError('boom');
    });
    await runOnce(loop);
    const lines = String(printed.mock.calls[0][0]).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Exception in callback bad()',
      'handle: <Handle bad()>',
      'ValueError: boom',
    ]);
  });
});

describe('clock and running loop', () => {
  test('time() is a number of seconds; the real clock is monotonic', () => {
    const loop = newEventLoop();
    const a = loop.time();
    const b = loop.time();
    expect(typeof a).toBe('number');
    expect(b).toBeGreaterThanOrEqual(a);
  });

  test('the virtual clock starts at 0', () => {
    expect(virtualLoop().time()).toBe(0);
  });

  test('an unknown clock is a TypeError', () => {
    expect(() => newEventLoop({ clock: 'fast' as never })).toThrow(TypeError);
  });

  test('isRunning() is true inside runForever only; toString() says so', async () => {
    const loop = virtualLoop();
    const seen: boolean[] = [];
    loop.callSoon(() => seen.push(loop.isRunning()));
    expect(loop.isRunning()).toBe(false);
    expect(String(loop)).toBe('<EventLoop running=False closed=False debug=False>');
    await runOnce(loop);
    expect(seen).toEqual([true]);
  });
});
