import { describe, expect, test } from 'vitest';
import { runningTotal } from '#course/generators';

describe('01.2 Send values in with next(value)', () => {
  test('the first next() starts runningTotal, which yields a total of 0', () => {
    const total = runningTotal();
    expect(total.next()).toEqual({ value: 0, done: false });
  });

  test('next(5) then next(10) resume the paused yield with 5, then 10: it yields 5, then 15', () => {
    const total = runningTotal();
    total.next();
    expect(total.next(5)).toEqual({ value: 5, done: false });
    expect(total.next(10)).toEqual({ value: 15, done: false });
  });

  test('a bare next() finishes it: { value: <the total>, done: true }', () => {
    const total = runningTotal();
    total.next();
    total.next(2);
    total.next(3);
    expect(total.next()).toEqual({ value: 5, done: true });
  });

  test('next(0) adds nothing but does not finish it (only undefined finishes it, 0 is a number)', () => {
    const total = runningTotal();
    total.next();
    total.next(4);
    expect(total.next(0)).toEqual({ value: 4, done: false });
  });

  test('the value given to the very first next() is lost: no yield is paused yet to receive it', () => {
    const total = runningTotal();
    expect(total.next(100)).toEqual({ value: 0, done: false });
    expect(total.next(1)).toEqual({ value: 1, done: false });
  });
});
