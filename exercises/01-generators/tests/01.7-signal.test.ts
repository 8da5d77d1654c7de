import { describe, expect, test } from 'vitest';
import { Signal } from '#course/generators';

function* waitFor<T>(signal: Signal<T>): Generator<Signal<T>, T, unknown> {
  return yield* signal;
}

describe('01.7 Something to wait on: a Signal', () => {
  test('a new signal has not fired: fired() is false, and value() throws an Error', () => {
    const signal = new Signal<number>();
    expect(signal.fired()).toBe(false);
    expect(() => signal.value()).toThrow(Error);
  });

  test('fire(42) marks the signal fired, and value() returns 42', () => {
    const signal = new Signal<number>();
    signal.fire(42);
    expect(signal.fired()).toBe(true);
    expect(signal.value()).toBe(42);
  });

  test('a signal fires once: a second fire() throws an Error and keeps the first value', () => {
    const signal = new Signal<string>();
    signal.fire('first');
    expect(() => signal.fire('second')).toThrow(Error);
    expect(signal.value()).toBe('first');
  });

  test('fire() runs the callbacks given to onFire(), in the order they were added, once each', () => {
    const signal = new Signal<number>();
    const calls: string[] = [];
    signal.onFire(() => calls.push(`first sees ${signal.value()}`));
    signal.onFire(() => calls.push(`second sees ${signal.value()}`));
    expect(calls).toEqual([]);
    signal.fire(7);
    expect(calls).toEqual(['first sees 7', 'second sees 7']);
  });

  test('onFire() on a signal that has already fired runs the callback at once', () => {
    const signal = new Signal<number>();
    signal.fire(7);
    const calls: string[] = [];
    signal.onFire(() => calls.push('called'));
    expect(calls).toEqual(['called']);
  });

  test('yield* on a pending signal yields the signal itself, then returns its value once resumed', () => {
    const signal = new Signal<number>();
    const waiting = waitFor(signal);
    const first = waiting.next();
    expect(first.done).toBe(false);
    expect(first.value).toBe(signal);
    signal.fire(42);
    expect(waiting.next()).toEqual({ value: 42, done: true });
  });

  test('yield* on a signal that has already fired returns its value at once, without yielding', () => {
    const signal = new Signal<string>();
    signal.fire('ready');
    expect(waitFor(signal).next()).toEqual({ value: 'ready', done: true });
  });

  test('resuming a coroutine that waits on a signal before the signal fired throws an Error', () => {
    const waiting = waitFor(new Signal<number>());
    waiting.next();
    expect(() => waiting.next()).toThrow(Error);
  });
});
