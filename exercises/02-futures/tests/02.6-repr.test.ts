import { describe, expect, test } from 'vitest';
import { ValueError } from '#course/errors';
import { Future } from '#course/futures';
import { ManualScheduler } from '#testing/02-futures';

function newFuture<T>(): Future<T> {
  return new Future<T>({ loop: new ManualScheduler() });
}

describe('02.6 a future that prints like Python', () => {
  test("a pending future prints as '<Future pending>'", () => {
    expect(String(newFuture())).toBe('<Future pending>');
  });

  test("a finished future shows its result as Python's repr would: '<Future finished result=42>'", () => {
    const fut = newFuture<unknown>();
    fut.setResult(42);
    expect(fut.toString()).toBe('<Future finished result=42>');
  });

  test('a string result is shown in quotes, null as None, an array as a list', () => {
    const text = newFuture<string>();
    text.setResult('foo');
    expect(text.toString()).toBe("<Future finished result='foo'>");
    const none = newFuture<null>();
    none.setResult(null);
    expect(none.toString()).toBe('<Future finished result=None>');
    const list = newFuture<number[]>();
    list.setResult([1]);
    expect(list.toString()).toBe('<Future finished result=[1]>');
  });

  test("a long result is shortened as Python's reprlib does", () => {
    const fut = newFuture<string>();
    fut.setResult('x'.repeat(50));
    expect(fut.toString()).toBe("<Future finished result='xxxxxxxxxxxx...xxxxxxxxxxxxx'>");
  });

  test("a failed future shows its error: '<Future finished exception=ValueError('e')>'", () => {
    const fut = newFuture<number>();
    fut.setException(new ValueError('e'));
    expect(fut.toString()).toBe("<Future finished exception=ValueError('e')>");
  });

  test("a cancelled future prints as '<Future cancelled>'", () => {
    const fut = newFuture<number>();
    fut.cancel();
    expect(fut.toString()).toBe('<Future cancelled>');
  });

  test('waiting callbacks are listed as cb=[...], by name', () => {
    const fut = newFuture<number>();
    function first() {}
    function second() {}
    function third() {}
    function last() {}
    fut.addDoneCallback(first);
    expect(fut.toString()).toBe('<Future pending cb=[first()]>');
    fut.addDoneCallback(second);
    expect(fut.toString()).toBe('<Future pending cb=[first(), second()]>');
    fut.addDoneCallback(third);
    fut.addDoneCallback(last);
    expect(fut.toString()).toBe('<Future pending cb=[first(), <2 more>, last()]>');
  });

  test('once the future is done, its callbacks are no longer listed: they were handed to the scheduler', () => {
    const fut = newFuture<number>();
    fut.addDoneCallback(function onDone() {});
    fut.setResult(1);
    expect(fut.toString()).toBe('<Future finished result=1>');
  });
});
