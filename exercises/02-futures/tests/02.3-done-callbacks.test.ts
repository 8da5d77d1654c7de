import { describe, expect, test } from 'vitest';
import { ValueError } from '#course/errors';
import { Future } from '#course/futures';
import { ManualScheduler } from '#testing/02-futures';

describe('02.3 done callbacks go through callSoon', () => {
  test('callbacks do not run inside setResult: they run when the scheduler runs, in the order they were added', () => {
    const scheduler = new ManualScheduler();
    const fut = new Future<string>({ loop: scheduler });
    const bag: number[] = [];
    fut.addDoneCallback(() => bag.push(42));
    fut.addDoneCallback(() => bag.push(17));
    fut.setResult('foo');
    expect(bag).toEqual([]);
    scheduler.runOnce();
    expect(bag).toEqual([42, 17]);
  });

  test('each callback receives the future itself, not its result', () => {
    const scheduler = new ManualScheduler();
    const fut = new Future<string>({ loop: scheduler });
    const received: unknown[] = [];
    fut.addDoneCallback((f) => received.push(f));
    fut.setResult('foo');
    scheduler.runOnce();
    expect(received).toHaveLength(1);
    expect(received[0]).toBe(fut);
  });

  test('callbacks are scheduled by setException and by cancel too', () => {
    const scheduler = new ManualScheduler();
    const failed = new Future<number>({ loop: scheduler });
    const cancelled = new Future<number>({ loop: scheduler });
    const log: string[] = [];
    failed.addDoneCallback(() => log.push('failed'));
    cancelled.addDoneCallback(() => log.push('cancelled'));
    failed.setException(new ValueError('e'));
    cancelled.cancel();
    expect(log).toEqual([]);
    scheduler.runOnce();
    expect(log).toEqual(['failed', 'cancelled']);
  });

  test('addDoneCallback on a future that is already done does not call it synchronously: it runs at the next round', () => {
    const scheduler = new ManualScheduler();
    const fut = new Future<number>({ loop: scheduler });
    fut.setResult(1);
    const log: string[] = [];
    fut.addDoneCallback(() => log.push('cb'));
    expect(log).toEqual([]);
    scheduler.runOnce();
    expect(log).toEqual(['cb']);
  });

  test('the callbacks go through the scheduler: one callSoon per callback, queued behind what was already there', () => {
    // call_soon(A); fut.set_result(); call_soon(B) runs A, D, B in asyncio.
    const scheduler = new ManualScheduler();
    const fut = new Future<number>({ loop: scheduler });
    const log: string[] = [];
    fut.addDoneCallback(() => log.push('D1'));
    fut.addDoneCallback(() => log.push('D2'));
    scheduler.callSoon(() => log.push('A'));
    fut.setResult(0);
    scheduler.callSoon(() => log.push('B'));
    expect(scheduler.queue).toHaveLength(4);
    scheduler.runOnce();
    expect(log).toEqual(['A', 'D1', 'D2', 'B']);
  });

  test('a callback that throws does not stop the next one', () => {
    const scheduler = new ManualScheduler();
    const fut = new Future<number>({ loop: scheduler });
    const log: string[] = [];
    fut.addDoneCallback(() => {
      throw new ValueError('bad callback');
    });
    fut.addDoneCallback(() => log.push('second still runs'));
    fut.setResult(1);
    scheduler.runOnce();
    expect(log).toEqual(['second still runs']);
    expect(scheduler.errors).toHaveLength(1);
  });

  test('each callback runs exactly once, however long the scheduler keeps running', () => {
    const scheduler = new ManualScheduler();
    const fut = new Future<number>({ loop: scheduler });
    let runs = 0;
    fut.addDoneCallback(() => runs++);
    fut.setResult(1);
    fut.addDoneCallback(() => runs++);
    scheduler.runUntilIdle();
    expect(runs).toBe(2);
  });

  test('a callback added twice runs twice', () => {
    const scheduler = new ManualScheduler();
    const fut = new Future<number>({ loop: scheduler });
    let runs = 0;
    const cb = () => runs++;
    fut.addDoneCallback(cb);
    fut.addDoneCallback(cb);
    fut.setResult(1);
    scheduler.runOnce();
    expect(runs).toBe(2);
  });

  test('a callback that adds another callback to its (done) future: the new one runs at the following round', () => {
    const scheduler = new ManualScheduler();
    const fut = new Future<number>({ loop: scheduler });
    const log: string[] = [];
    fut.addDoneCallback((f: Future<number>) => {
      log.push('first');
      f.addDoneCallback(() => log.push('added while running'));
    });
    fut.setResult(1);
    scheduler.runOnce();
    expect(log).toEqual(['first']);
    scheduler.runOnce();
    expect(log).toEqual(['first', 'added while running']);
    expect(scheduler.runUntilIdle()).toBe(0);
  });
});
