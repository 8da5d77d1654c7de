import { afterEach, describe, expect, test, vi } from 'vitest';
import { ValueError } from '#course/errors';
import { Handle } from '#course/loop';
import { collectExceptionContexts, virtualLoop } from '#testing/03-loop';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('03.9 the exception handler', () => {
  test('a callback that throws does not stop the loop: the next callbacks run and runForever returns normally', async () => {
    const loop = virtualLoop();
    collectExceptionContexts(loop);
    const log: string[] = [];
    loop.callSoon(function bad() {
      throw new ValueError('boom');
    });
    loop.callSoon(() => log.push('next'));
    loop.callSoon(() => loop.callSoon(() => loop.stop()));
    await loop.runForever();
    expect(log).toEqual(['next']);
  });

  test("the error reaches the handler as handler(loop, context), with message 'Exception in callback bad()', the exception and the handle", async () => {
    const loop = virtualLoop();
    const calls: unknown[][] = [];
    loop.setExceptionHandler((...args) => {
      calls.push(args);
    });
    const error = new ValueError('boom');
    const handle = loop.callSoon(function bad() {
      throw error;
    });
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    expect(calls).toHaveLength(1);
    const [receivedLoop, context] = calls[0] as [unknown, Record<string, unknown>];
    expect(receivedLoop).toBe(loop);
    expect(context.message).toMatch(/^Exception in callback bad\(\)/);
    expect(context.exception).toBe(error);
    expect(context.handle).toBe(handle);
    expect(context.handle).toBeInstanceOf(Handle);
  });

  test('a done callback that throws does not stop the other done callbacks of the future', async () => {
    const loop = virtualLoop();
    const contexts = collectExceptionContexts(loop);
    const fut = loop.createFuture<number>();
    const log: string[] = [];
    fut.addDoneCallback(() => {
      throw new ValueError('bad callback');
    });
    fut.addDoneCallback(() => log.push('second still runs'));
    loop.callSoon(() => fut.setResult(1));
    await loop.runUntilComplete(fut);
    expect(log).toEqual(['second still runs']);
    expect(contexts).toHaveLength(1);
  });

  test('setExceptionHandler(handler) installs it, getExceptionHandler() returns it, and null restores the default', () => {
    const loop = virtualLoop();
    expect(loop.getExceptionHandler()).toBe(null);
    const handler = () => {};
    loop.setExceptionHandler(handler);
    expect(loop.getExceptionHandler()).toBe(handler);
    loop.setExceptionHandler(null);
    expect(loop.getExceptionHandler()).toBe(null);
  });

  test("setExceptionHandler with something that is not a function throws TypeError('A callable object or None is expected, got ...')", () => {
    const loop = virtualLoop();
    expect(() => loop.setExceptionHandler('spam' as never)).toThrow(TypeError);
    expect(() => loop.setExceptionHandler('spam' as never)).toThrow(
      "A callable object or None is expected, got 'spam'",
    );
  });

  test('without a custom handler, the default one writes the message and the error to console.error', async () => {
    const loop = virtualLoop();
    const written: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      written.push(args.map(String).join(' '));
    });
    loop.callSoon(function bad() {
      throw new ValueError('boom');
    });
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    const output = written.join('\n');
    expect(output).toContain('Exception in callback bad()');
    expect(output).toContain('ValueError');
    expect(output).toContain('boom');
  });

  test('the default handler writes the message, then key: repr(value) for the other keys in sorted order', () => {
    const loop = virtualLoop();
    const written: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      written.push(args.map(String).join(' '));
    });
    loop.defaultExceptionHandler({ zeta: 'last', message: 'something broke', alpha: 1 });
    expect(written.join('\n').split('\n')).toEqual(['something broke', 'alpha: 1', "zeta: 'last'"]);
    written.length = 0;
    loop.callExceptionHandler({ zeta: 1 });
    expect(written.join('\n').split('\n')).toEqual([
      'Unhandled exception in event loop',
      'zeta: 1',
    ]);
  });

  test("a custom handler that throws: the default handler reports 'Unhandled error in exception handler', with the original context under 'context'", async () => {
    const loop = virtualLoop();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const defaultHandler = vi.spyOn(loop, 'defaultExceptionHandler');
    const broken = new ValueError('the handler broke');
    loop.setExceptionHandler(() => {
      throw broken;
    });
    const original = { message: 'original problem' };
    loop.callExceptionHandler(original);
    expect(defaultHandler).toHaveBeenCalledTimes(1);
    const report = defaultHandler.mock.calls[0]?.[0] as Record<string, unknown>;
    expect(report.message).toBe('Unhandled error in exception handler');
    expect(report.exception).toBe(broken);
    expect(report.context).toBe(original);
  });
});
