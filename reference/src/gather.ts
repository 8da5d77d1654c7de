/**
 * `gather` and `shield` (asyncio's `tasks.py`): a future for the results of many awaitables,
 * and a future that protects an awaitable from its waiter's cancellation.
 *
 * @module
 */

import { errorOf, NO_ERROR } from './async-with.ts';
import type { Awaitable, Coroutine } from './coroutines.ts';
import { CancelledError } from './errors.ts';
import { type DoneCallback, Future, type Scheduler } from './futures.ts';
import type { EventLoop } from './loop.ts';
import { nameCallback } from './repr.ts';
import { getRunningLoop } from './running-loop.ts';
import { ensureFuture } from './tasks.ts';

/** What awaiting `A` gives: `T` for a `Future<T>` (or `Task<T>`) and for a `Coroutine<T>`. */
export type AwaitableResult<A> =
  A extends Future<infer T> ? T : A extends Coroutine<infer T> ? T : never;

/** The results of `gather(aws)`: a tuple for a tuple of awaitables, an array for an array. */
export type GatherResults<A extends readonly unknown[]> = {
  -readonly [K in keyof A]: AwaitableResult<A[K]>;
};

/**
 * The results of `gather(aws, { returnExceptions: true })`: each a result or what the
 * awaitable threw (a `CancelledError` for one that was cancelled). The type says `Error`, as
 * everything the runtime throws is one; a value thrown by user code that is not an `Error`
 * appears as it is.
 */
export type GatherOutcomes<A extends readonly unknown[]> = {
  -readonly [K in keyof A]: AwaitableResult<A[K]> | Error;
};

/** Options of {@link gather}. */
export interface GatherOptions {
  /** Put errors in the results, instead of failing the gather with the first one. */
  returnExceptions?: boolean | null;
}

/**
 * The future `gather` returns (asyncio's `_GatheringFuture`). Cancelling it cancels its
 * children instead of itself, as `Task.cancel()` asks its coroutine; it ends once they have.
 */
export class _GatheringFuture<T> extends Future<T> {
  /** The children, in argument order (a duplicate awaitable appears as often as it was given). */
  _children: Future<unknown>[];
  /** Set once `cancel()` cancelled a child: the gather then ends cancelled, whatever happens. */
  _cancelRequested = false;

  constructor(children: Future<unknown>[], loop: Scheduler) {
    super({ loop });
    this._children = children;
  }

  /**
   * Cancels every child that is not done; the gather itself ends when they do, with a
   * `CancelledError` (even with `returnExceptions`).
   *
   * @returns false if the gather is done, else whether any child's `cancel()` returned true.
   */
  override cancel(msg?: string | null): boolean {
    if (this.done()) return false;
    let cancelled = false;
    for (const child of this._children) {
      if (child.cancel(msg)) cancelled = true;
    }
    // bpo-32684: only a cancel that reached a child counts; a gather whose children are all
    // done already keeps its result.
    if (cancelled) this._cancelRequested = true;
    return cancelled;
  }
}

/**
 * Runs awaitables concurrently and returns a future of their results, in argument order
 * (asyncio's `gather`). Coroutines are wrapped in tasks; an awaitable given twice runs once.
 *
 * - Without `returnExceptions`, the first error (or the `CancelledError` of a child that was
 *   cancelled) becomes the gather's error at once; the other children keep running.
 * - With it, errors take their place among the results.
 * - Cancelling the gather cancels the children that are not done; it then ends with a
 *   `CancelledError`, with `returnExceptions` too. A child that is cancelled does not cancel
 *   the gather: the gather finishes, with the `CancelledError` as its error.
 *
 * @param aws - The awaitables; `[]` gives a future already done with `[]`.
 * @param options - `{ returnExceptions }`.
 * @returns A future of the results: `yield* gather([a, b])` with `a: Coroutine<number>` and
 *   `b: Future<string>` gives `[number, string]`.
 * @throws ValueError when the futures belong to different loops.
 */
export function gather<const A extends readonly Awaitable<unknown>[]>(
  aws: A,
  options?: { returnExceptions?: false | null },
): Future<GatherResults<A>>;
export function gather<const A extends readonly Awaitable<unknown>[]>(
  aws: A,
  options: { returnExceptions: true },
): Future<GatherOutcomes<A>>;
export function gather<const A extends readonly Awaitable<unknown>[]>(
  aws: A,
  options?: GatherOptions,
): Future<GatherResults<A> | GatherOutcomes<A>>;
export function gather(
  aws: readonly Awaitable<unknown>[],
  options?: GatherOptions,
): Future<unknown[]> {
  if (aws.length === 0) {
    const outer = getRunningLoop().createFuture<unknown[]>();
    outer.setResult([]);
    return outer;
  }
  return gatherChildren(aws, Boolean(options?.returnExceptions));
}

function gatherChildren(
  aws: readonly Awaitable<unknown>[],
  returnExceptions: boolean,
): _GatheringFuture<unknown[]> {
  const children: Future<unknown>[] = [];
  // One callback for every child, reading this state: no closure per child.
  const state: GatherState = { outer: null, returnExceptions, nfuts: 0, nfinished: 0 };
  const onChildDone = childDoneCallback(state);
  const futureOf = new Map<Awaitable<unknown>, Future<unknown>>();
  const done: Future<unknown>[] = [];
  let loop: EventLoop | null = null;
  for (const arg of aws) {
    let future = futureOf.get(arg);
    if (future === undefined) {
      // Every future must share the first one's loop: ensureFuture throws ValueError if not.
      future = ensureFuture(arg, loop);
      loop ??= future.getLoop() as EventLoop;
      futureOf.set(arg, future);
      state.nfuts++;
      if (future.done()) done.push(future);
      else future.addDoneCallback(onChildDone);
    }
    children.push(future);
  }
  const outer = new _GatheringFuture<unknown[]>(children, loop as EventLoop);
  state.outer = outer;
  // Children done already are counted only now that the outer future exists; if all are,
  // the gather is done before it is returned.
  for (const future of done) onChildDone(future);
  return outer;
}

/** What the children's done callback of one gather reads and updates. */
interface GatherState {
  outer: _GatheringFuture<unknown[]> | null;
  returnExceptions: boolean;
  /** How many distinct children there are. */
  nfuts: number;
  /** How many of them are done. */
  nfinished: number;
}

/** Makes the done callback of a gather's children (asyncio's `_done_callback`). */
function childDoneCallback(state: GatherState): DoneCallback {
  return (child: Future<unknown>) => onChildDone(state, child);
}
nameCallback(childDoneCallback(undefined as never), 'gather.<locals>._done_callback');

function onChildDone(state: GatherState, child: Future<unknown>): void {
  state.nfinished++;
  const outer = state.outer;
  // The gather already failed (or was cancelled): a late child changes nothing.
  if (outer === null || outer.done()) return;
  if (!state.returnExceptions) {
    // Test cancelled() first: result() of a cancelled child would throw its CancelledError.
    if (child.cancelled()) {
      outer.setException(child._makeCancelledError());
      return;
    }
    const error = errorOf(child);
    if (error !== NO_ERROR) {
      outer.setException(error);
      return;
    }
  }
  if (state.nfinished === state.nfuts) finishGather(outer);
}

/** Every child is done: the gather's results, or its cancellation. */
function finishGather(outer: _GatheringFuture<unknown[]>): void {
  const children = outer._children;
  const results = new Array<unknown>(children.length);
  for (let i = 0; i < children.length; i++) results[i] = outcomeOf(children[i] as Future<unknown>);
  if (outer._cancelRequested) {
    // asyncio takes this error from the last child in argument order (its loop variable):
    // a cancelled child gives its own CancelledError, a finished one a bare CancelledError().
    const last = children[children.length - 1] as Future<unknown>;
    outer.setException(last._makeCancelledError());
  } else {
    outer.setResult(results);
  }
}

/** A done child's result, error, or a new `CancelledError` carrying its cancel message. */
function outcomeOf(child: Future<unknown>): unknown {
  // A new error, not the child's saved one: asyncio makes it with the message, or ''.
  if (child.cancelled()) return new CancelledError(child._cancelMessage ?? '');
  try {
    return child.result();
  } catch (error) {
    return error;
  }
}

/**
 * Protects `aw` from the cancellation of whoever awaits it (asyncio's `shield`): returns a new
 * future that follows `aw`'s outcome. Cancelling that future (as cancelling the task awaiting
 * it does) leaves `aw` running; if `aw` itself is cancelled, so is the future.
 *
 * @param aw - A coroutine (wrapped in a task), a task or a future.
 * @returns `aw`'s own future when it is done already, else the protecting future.
 */
export function shield<T>(aw: Awaitable<T>): Future<T> {
  const inner = ensureFuture(aw);
  if (inner.done()) return inner;
  const outer = new Future<T>({ loop: inner.getLoop() });
  const onInnerDone = innerDoneCallback(outer);
  inner.addDoneCallback(onInnerDone);
  outer.addDoneCallback(outerDoneCallback(inner, onInnerDone));
  return outer;
}

/** asyncio's `_inner_done_callback`: copies the inner outcome to the outer future. */
function innerDoneCallback<T>(outer: Future<T>): DoneCallback {
  return (inner: Future<T>) => copyOutcome(inner, outer);
}
nameCallback(innerDoneCallback(undefined as never), 'shield.<locals>._inner_done_callback');

/**
 * asyncio's `_outer_done_callback`: once the outer future is done (cancelled, most likely),
 * the inner one no longer needs to report to it.
 */
function outerDoneCallback<T>(inner: Future<T>, onInnerDone: DoneCallback): DoneCallback {
  return () => {
    if (!inner.done()) inner.removeDoneCallback(onInnerDone);
  };
}
nameCallback(
  outerDoneCallback(undefined as never, undefined as never),
  'shield.<locals>._outer_done_callback',
);

function copyOutcome<T>(inner: Future<T>, outer: Future<T>): void {
  // The outer future was cancelled: its waiter is gone, and nobody wants the outcome.
  if (outer.cancelled()) return;
  if (inner.cancelled()) {
    outer.cancel();
    return;
  }
  let result: T;
  try {
    result = inner.result();
  } catch (error) {
    outer.setException(error);
    return;
  }
  outer.setResult(result);
}
