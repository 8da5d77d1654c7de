import { describe, expect, test } from 'vitest';
import { ticker } from '#course/generators';

describe('01.3 Throw, return and finally', () => {
  test('ticker yields 0, 1, 2 and logs "start" once, when the first next() runs its body', () => {
    const log: string[] = [];
    const tick = ticker(log);
    expect(log).toEqual([]);
    expect([tick.next().value, tick.next().value, tick.next().value]).toEqual([0, 1, 2]);
    expect(log).toEqual(['start']);
  });

  test('return("bye") at a paused yield finishes the ticker with { value: "bye", done: true }', () => {
    const tick = ticker([]);
    tick.next();
    expect(tick.return('bye')).toEqual({ value: 'bye', done: true });
  });

  test('return() runs the finally block but no catch block: the log is ["start", "cleanup"]', () => {
    const log: string[] = [];
    const tick = ticker(log);
    tick.next();
    tick.next();
    tick.return('bye');
    expect(log).toEqual(['start', 'cleanup']);
  });

  test('throw(error) raises the error at the paused yield: the log is ["start", "error boom", "cleanup"]', () => {
    const log: string[] = [];
    const tick = ticker(log);
    tick.next();
    try {
      tick.throw(new Error('boom'));
    } catch {
      // the next test is about what comes out
    }
    expect(log).toEqual(['start', 'error boom', 'cleanup']);
  });

  test('the ticker does not swallow the error: throw(error) throws that same error back out', () => {
    const tick = ticker([]);
    tick.next();
    const boom = new Error('boom');
    let thrown: unknown;
    try {
      tick.throw(boom);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(boom);
  });

  test('once ended by return() or throw(), the ticker is done: next() gives { value: undefined, done: true }', () => {
    const returned = ticker([]);
    returned.next();
    returned.return('bye');
    expect(returned.next()).toEqual({ value: undefined, done: true });
    const thrown = ticker([]);
    thrown.next();
    expect(() => thrown.throw(new Error('boom'))).toThrow('boom');
    expect(thrown.next()).toEqual({ value: undefined, done: true });
  });

  test('return() on a ticker that never started runs none of its body: the log stays empty', () => {
    const log: string[] = [];
    const tick = ticker(log);
    expect(tick.return('never')).toEqual({ value: 'never', done: true });
    expect(log).toEqual([]);
  });
});
