import { describe, expect, test } from 'vitest';
import { roundRobin } from '#course/generators';
import { worker } from '#testing/01-generators';

describe('01.6 Take turns: a round-robin scheduler', () => {
  test('each generator runs up to its first yield, in the order given, before any runs again', () => {
    const log: string[] = [];
    roundRobin([worker('a', 2, log), worker('b', 2, log), worker('c', 2, log)]);
    expect(log.slice(0, 3)).toEqual(['a0', 'b0', 'c0']);
  });

  test('a bare yield gives up the turn: two workers of two turns each log a0, b0, a1, b1', () => {
    const log: string[] = [];
    roundRobin([worker('a', 2, log), worker('b', 2, log)]);
    expect(log).toEqual(['a0', 'b0', 'a1', 'b1']);
  });

  test('a generator that finishes leaves the queue, and the others go on taking turns', () => {
    const log: string[] = [];
    roundRobin([worker('a', 1, log), worker('b', 3, log), worker('c', 2, log)]);
    expect(log).toEqual(['a0', 'b0', 'c0', 'b1', 'c1', 'b2']);
  });

  test('roundRobin returns what each generator returned, in the order given, not the order they finished', () => {
    const log: string[] = [];
    const results = roundRobin([worker('slow', 3, log), worker('fast', 1, log)]);
    expect(results).toEqual(['SLOW', 'FAST']);
  });

  test('a generator that returns without yielding still has its result recorded', () => {
    const log: string[] = [];
    expect(roundRobin([worker('a', 0, log), worker('b', 1, log)])).toEqual(['A', 'B']);
    expect(log).toEqual(['b0']);
  });

  test('roundRobin([]) returns []', () => {
    expect(roundRobin([])).toEqual([]);
  });
});
