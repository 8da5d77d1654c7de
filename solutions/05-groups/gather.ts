/**
 * Lesson 05: `gather` and `shield`, from asyncio's `tasks.py`. `gather` runs awaitables
 * concurrently and collects their results, in argument order, in one future; `shield` protects
 * an awaitable from the cancellation of whoever awaits it.
 */

import { CancelledError } from '#course/errors';
import { Future } from '#course/futures';
import { type EventLoop, getRunningLoop } from '#course/loop';
import { type Awaitable, type Coroutine, ensureFuture } from '#course/tasks';
import { errorOf, NO_ERROR } from './async-with.ts';

/** What awaiting `A` gives: `T` for a `Future<T>` (or `Task<T>`) and for a `Coroutine<T>`. */
export type AwaitableResult<A> =
  A extends Future<infer T> ? T : A extends Coroutine<infer T> ? T : never;

/** The results of `gather(aws)`: a tuple for a tuple of awaitables, an array for an array. */
export type GatherResults<A extends readonly unknown[]> = {
  -readonly [K in keyof A]: AwaitableResult<A[K]>;
};

/**
 * The results of `gather(aws, { returnExceptions: true })`: each a result or what the
 * awaitable threw (a `CancelledError` for one that was cancelled).
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
 * children instead of itself; it ends once they have, with a `CancelledError`.
 */
class _GatheringFuture<T> extends Future<T> {
  /** The children, in argument order (an awaitable given twice appears twice). */
  _children: Future<unknown>[];
  /** Set once `cancel()` reached a child: the gather then ends with a `CancelledError`. */
  _cancelRequested = false;

  constructor(children: Future<unknown>[], loop: EventLoop) {
    super({ loop });
    this._children = children;
  }

  /**
   * Cancels every child that is not done, and not the gather itself, which ends when its
   * children have (with a `CancelledError`, even with `returnExceptions`).
   *
   * @returns false if the gather is done, else whether any child's `cancel()` returned true.
   */
  override cancel(msg?: string | null): boolean {
    if (this.done()) return false;
    let cancelled = false;
    for (const child of this._children) {
      if (child.cancel(msg)) cancelled = true;
    }
    // Only a cancel that reached a child counts: a gather whose children are all done (their
    // callbacks still queued) keeps its results.
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
 * - Cancelling the gather cancels the children that are not done.
 *
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
  const returnExceptions = Boolean(options?.returnExceptions);
  if (aws.length === 0) {
    const outer = getRunningLoop().createFuture<unknown[]>();
    outer.setResult([]);
    return outer;
  }

  let outer: _GatheringFuture<unknown[]> | null = null;
  const children: Future<unknown>[] = [];
  let nfuts = 0;
  let nfinished = 0;

  // asyncio's `_done_callback`, shared by every child.
  const onChildDone = (child: Future<unknown>): void => {
    nfinished++;
    // The gather failed already (or there is no gather yet): a late child changes nothing.
    if (outer === null || outer.done()) return;
    if (!returnExceptions) {
      // cancelled() first: result() of a cancelled child would throw its CancelledError.
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
    if (nfinished < nfuts) return;
    // Every child is done: the results in argument order, or the cancellation.
    if (outer._cancelRequested) {
      // asyncio takes this error from the last child in argument order (its loop variable):
      // a cancelled child gives its own CancelledError, a finished one a bare CancelledError.
      const last = children[children.length - 1] as Future<unknown>;
      outer.setException(last._makeCancelledError());
    } else {
      outer.setResult(children.map(outcomeOf));
    }
  };

  const futureOf = new Map<Awaitable<unknown>, Future<unknown>>();
  const doneAlready: Future<unknown>[] = [];
  let loop: EventLoop | null = null;
  for (const aw of aws) {
    let future = futureOf.get(aw);
    if (future === undefined) {
      // ensureFuture throws ValueError for a future of another loop than the first one's.
      future = ensureFuture(aw, loop);
      loop ??= future.getLoop() as EventLoop;
      futureOf.set(aw, future);
      nfuts++;
      if (future.done()) doneAlready.push(future);
      else future.addDoneCallback(onChildDone);
    }
    children.push(future);
  }
  outer = new _GatheringFuture<unknown[]>(children, loop as EventLoop);
  // Children that were done already count only now that the gather exists: if all were, the
  // gather is done before it is returned.
  for (const future of doneAlready) onChildDone(future);
  return outer;
}

/** A done child's result, its error, or a new `CancelledError` with its cancel message. */
function outcomeOf(child: Future<unknown>): unknown {
  if (child.cancelled()) return new CancelledError(child._cancelMessage ?? '');
  const error = errorOf(child);
  return error === NO_ERROR ? child.result() : error;
}

/**
 * Protects `aw` from the cancellation of whoever awaits it (asyncio's `shield`): returns a new
 * future that follows `aw`'s outcome. Cancelling that future (as cancelling the task awaiting
 * it does) leaves `aw` running; if `aw` itself is cancelled, so is the future.
 *
 * @returns `aw`'s own future when it is done already, else the protecting future.
 */
export function shield<T>(aw: Awaitable<T>): Future<T> {
  const inner = ensureFuture(aw);
  if (inner.done()) return inner;
  const outer = new Future<T>({ loop: inner.getLoop() });

  // asyncio's `_inner_done_callback`: copy the outcome, unless nobody wants it any more.
  const onInnerDone = (): void => {
    if (outer.cancelled()) return;
    if (inner.cancelled()) {
      outer.cancel();
      return;
    }
    const error = errorOf(inner);
    if (error === NO_ERROR) outer.setResult(inner.result());
    else outer.setException(error);
  };
  // asyncio's `_outer_done_callback`: once the outer future is done (cancelled, most likely),
  // the inner one no longer reports to it.
  const onOuterDone = (): void => {
    if (!inner.done()) inner.removeDoneCallback(onInnerDone);
  };

  inner.addDoneCallback(onInnerDone);
  outer.addDoneCallback(onOuterDone);
  return outer;
}
