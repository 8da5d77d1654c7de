import { describe, expect, test } from 'vitest';
import { addUp, askNumber } from '#course/generators';

describe('01.4 Delegate with yield*', () => {
  test('askNumber(question) yields the question, then returns the number sent back with next("42")', () => {
    const ask = askNumber('How many apples?');
    expect(ask.next()).toEqual({ value: 'How many apples?', done: false });
    expect(ask.next('42')).toEqual({ value: 42, done: true });
  });

  test('askNumber asks again, adding " (a number, please)", while the answer is not a number', () => {
    const ask = askNumber('How many apples?');
    ask.next();
    expect(ask.next('many')).toEqual({ value: 'How many apples? (a number, please)', done: false });
    expect(ask.next('')).toEqual({ value: 'How many apples? (a number, please)', done: false });
    expect(ask.next('2.5')).toEqual({ value: 2.5, done: true });
  });

  test('addUp asks each question in turn, then returns the sum of the answers', () => {
    const sum = addUp(['Apples?', 'Pears?']);
    expect(sum.next()).toEqual({ value: 'Apples?', done: false });
    expect(sum.next('3')).toEqual({ value: 'Pears?', done: false });
    expect(sum.next('4')).toEqual({ value: 7, done: true });
  });

  test("addUp passes askNumber's repeated questions straight through to whoever drives it", () => {
    const sum = addUp(['Apples?', 'Pears?']);
    sum.next();
    expect(sum.next('lots')).toEqual({ value: 'Apples? (a number, please)', done: false });
    expect(sum.next('3')).toEqual({ value: 'Pears?', done: false });
    expect(sum.next('none')).toEqual({ value: 'Pears? (a number, please)', done: false });
    expect(sum.next('0')).toEqual({ value: 3, done: true });
  });

  test('addUp([]) returns 0 at the first next(), without yielding', () => {
    expect(addUp([]).next()).toEqual({ value: 0, done: true });
  });
});
