import { describe, expect, test } from 'vitest';
import { Future } from '#course/futures';
import { ManualScheduler } from '#testing/02-futures';

describe('02.4 removing done callbacks', () => {
  test('removeDoneCallback returns 1 for a callback added once, and 0 for one never added', () => {
    const fut = new Future<number>({ loop: new ManualScheduler() });
    const cb1 = () => {};
    const cb2 = () => {};
    const cb3 = () => {};
    fut.addDoneCallback(cb1);
    fut.addDoneCallback(cb2);
    expect(fut.removeDoneCallback(cb2)).toBe(1);
    expect(fut.removeDoneCallback(cb3)).toBe(0);
  });

  test('a removed callback does not run; the others still run, in order', () => {
    const scheduler = new ManualScheduler();
    const fut = new Future<number>({ loop: scheduler });
    const log: string[] = [];
    const a = () => log.push('a');
    const b = () => log.push('b');
    const c = () => log.push('c');
    fut.addDoneCallback(a);
    fut.addDoneCallback(b);
    fut.addDoneCallback(c);
    fut.removeDoneCallback(b);
    fut.setResult(1);
    scheduler.runOnce();
    expect(log).toEqual(['a', 'c']);
  });

  test('removeDoneCallback removes every registration of the callback and returns how many it removed', () => {
    const scheduler = new ManualScheduler();
    const fut = new Future<number>({ loop: scheduler });
    const log: string[] = [];
    const cb1 = () => log.push('cb1');
    const cb2 = () => log.push('cb2');
    fut.addDoneCallback(cb1);
    fut.addDoneCallback(cb2);
    for (let i = 0; i < 5; i++) fut.addDoneCallback(cb1);
    expect(fut.removeDoneCallback(cb1)).toBe(6);
    expect(fut.removeDoneCallback(cb1)).toBe(0);
    fut.setResult(1);
    scheduler.runOnce();
    expect(log).toEqual(['cb2']);
  });

  test('once the future is done, removeDoneCallback returns 0 and the callback still runs: it was already scheduled', () => {
    const scheduler = new ManualScheduler();
    const fut = new Future<number>({ loop: scheduler });
    const log: string[] = [];
    const cb = () => log.push('cb');
    fut.addDoneCallback(cb);
    fut.setResult(1);
    expect(fut.removeDoneCallback(cb)).toBe(0);
    scheduler.runOnce();
    expect(log).toEqual(['cb']);
  });

  test('a done callback that removes the others does not unschedule them: they still run once each', () => {
    const scheduler = new ManualScheduler();
    const fut = new Future<number>({ loop: scheduler });
    const log: string[] = [];
    const removed: number[] = [];
    const other = () => log.push('other');
    fut.addDoneCallback((f: Future<number>) => {
      log.push('remover');
      removed.push(f.removeDoneCallback(other));
    });
    fut.addDoneCallback(other);
    fut.addDoneCallback(other);
    fut.setResult(1);
    scheduler.runUntilIdle();
    expect(removed).toEqual([0]);
    expect(log).toEqual(['remover', 'other', 'other']);
  });
});
