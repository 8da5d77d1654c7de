import { describe, expect, test } from 'vitest';
import { countdown } from '#course/generators';
import { drain } from '#testing/01-generators';

describe('01.1 Yield pauses, next resumes', () => {
  test('countdown(3) yields 3, 2, 1, then returns "liftoff"', () => {
    expect(drain(countdown(3))).toEqual({ yielded: [3, 2, 1], returned: 'liftoff' });
  });

  test('each next() resumes the body up to the next yield: { value: 3, done: false }, then 2', () => {
    const gen = countdown(3);
    expect(gen.next()).toEqual({ value: 3, done: false });
    expect(gen.next()).toEqual({ value: 2, done: false });
  });

  test('after the last number, next() gives { value: "liftoff", done: true }, then stays done', () => {
    const gen = countdown(1);
    expect(gen.next()).toEqual({ value: 1, done: false });
    expect(gen.next()).toEqual({ value: 'liftoff', done: true });
    expect(gen.next()).toEqual({ value: undefined, done: true });
  });

  test('countdown(0) yields nothing: the first next() gives { value: "liftoff", done: true }', () => {
    expect(countdown(0).next()).toEqual({ value: 'liftoff', done: true });
  });

  test('countdown(-1) throws RangeError at the first next(), not at the call (a generator function runs none of its body when called)', () => {
    const gen = countdown(-1);
    expect(() => gen.next()).toThrow(RangeError);
  });
});
