import { describe, expect, test } from 'vitest';
import { CancelledError, InvalidStateError, ValueError } from '#course/errors';
import { _setResultUnlessCancelled, Future } from '#course/futures';
import { ManualScheduler } from '#testing/02-futures';

function newFuture<T>(): Future<T> {
  return new Future<T>({ loop: new ManualScheduler() });
}

/** What `fn` throws (fails the test if it returns). */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but the call returned');
}

describe('02.2 cancelling, with a message', () => {
  test('cancel() on a pending future returns true, and the future is then done and cancelled', () => {
    const fut = newFuture<number>();
    expect(fut.cancel()).toBe(true);
    expect(fut.cancelled()).toBe(true);
    expect(fut.done()).toBe(true);
  });

  test('result() of a cancelled future throws CancelledError', () => {
    const fut = newFuture<number>();
    fut.cancel();
    expect(() => fut.result()).toThrow(CancelledError);
  });

  test('exception() of a cancelled future throws CancelledError (it does not return it)', () => {
    const fut = newFuture<number>();
    fut.cancel();
    expect(() => fut.exception()).toThrow(CancelledError);
  });

  test('setResult and setException on a cancelled future throw InvalidStateError', () => {
    const fut = newFuture<number>();
    fut.cancel();
    expect(() => fut.setResult(1)).toThrow(InvalidStateError);
    expect(() => fut.setException(new ValueError('e'))).toThrow(InvalidStateError);
    expect(fut.cancelled()).toBe(true);
  });

  test('a second cancel() returns false', () => {
    const fut = newFuture<number>();
    fut.cancel();
    expect(fut.cancel()).toBe(false);
    expect(fut.cancelled()).toBe(true);
  });

  test('cancel() on a finished future returns false and changes nothing', () => {
    const withResult = newFuture<number>();
    withResult.setResult(42);
    expect(withResult.cancel()).toBe(false);
    expect(withResult.cancelled()).toBe(false);
    expect(withResult.result()).toBe(42);

    const withError = newFuture<number>();
    const error = new ValueError('e');
    withError.setException(error);
    expect(withError.cancel()).toBe(false);
    expect(withError.cancelled()).toBe(false);
    expect(withError.exception()).toBe(error);
  });

  test("cancel('boom') makes result() and exception() throw a CancelledError whose message is 'boom'", () => {
    const fut = newFuture<number>();
    fut.cancel('boom');
    const fromResult = thrownBy(() => fut.result());
    expect(fromResult).toBeInstanceOf(CancelledError);
    expect((fromResult as Error).message).toBe('boom');
    const fromException = thrownBy(() => fut.exception());
    expect(fromException).toBeInstanceOf(CancelledError);
    expect((fromException as Error).message).toBe('boom');
  });

  test('cancel() without a message gives a CancelledError with an empty message', () => {
    const fut = newFuture<number>();
    fut.cancel();
    const error = thrownBy(() => fut.result());
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as Error).message).toBe('');
  });

  test('the message is kept in _cancelMessage and read each time the CancelledError is built', () => {
    const fut = newFuture<number>();
    fut.cancel('first');
    expect(fut._cancelMessage).toBe('first');
    fut._cancelMessage = 'changed';
    expect((thrownBy(() => fut.result()) as Error).message).toBe('changed');
  });

  test('_setResultUnlessCancelled sets the result of a pending future', () => {
    const fut = newFuture<number>();
    _setResultUnlessCancelled(fut, 7);
    expect(fut.result()).toBe(7);
  });

  test('_setResultUnlessCancelled does nothing (and does not throw) on a cancelled future', () => {
    const fut = newFuture<number>();
    fut.cancel();
    expect(() => _setResultUnlessCancelled(fut, 7)).not.toThrow();
    expect(fut.cancelled()).toBe(true);
  });
});
