/**
 * Lesson 05: `gather` and `shield`, from asyncio's `tasks.py`. `gather` runs awaitables
 * concurrently and collects their results, in argument order, in one future; `shield` protects
 * an awaitable from the cancellation of whoever awaits it.
 *
 * Exercises 05.2 (`gather`), 05.3 (cancelling a gather) and 05.4 (`shield`): fill in the bodies
 * that throw `TODO(05.N)`. The types at the top are given: read them, they are how
 * `yield* gather([a, b])` comes out typed as a tuple.
 */

// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { CancelledError } from '#course/errors';
import { Future } from '#course/futures';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { type EventLoop, getRunningLoop } from '#course/loop';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
import { type Awaitable, type Coroutine, ensureFuture } from '#course/tasks';
// biome-ignore lint/correctness/noUnusedImports: the code you write here uses them.
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
   * Exercise 05.3: return `false` if the gather is done; otherwise call `cancel(msg)` on every
   * child, and if any of them returned `true`, set `_cancelRequested` and return `true` (else
   * `false`: a gather whose children are all done, their callbacks still queued, keeps its
   * results). `gather`'s done callback reads `_cancelRequested` once the last child is done.
   *
   * @returns false if the gather is done, else whether any child's `cancel()` returned true.
   */
  override cancel(msg?: string | null): boolean {
    throw new Error(`TODO(05.3): cancel the children of ${this} (message ${msg ?? 'None'})`);
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
 * Exercise 05.2 (asyncio's `gather`, in `tasks.py`):
 *
 * 1. `aws` empty: a future of the running loop (`getRunningLoop().createFuture()`), with the
 *    result `[]` already set.
 * 2. For each awaitable, in order: the first time it is seen, `ensureFuture(aw, loop)` (with
 *    `loop` the first future's loop, `null` until then: ensureFuture throws the `ValueError`
 *    for a future of another loop) and count it in `nfuts`; if that future is done already,
 *    keep it aside, else add the done callback below. Seen before (a `Map` from awaitable to
 *    future), take the same future. Push the future to `children` either way: a duplicate
 *    appears at each of its places.
 * 3. `outer = new _GatheringFuture(children, loop)`; then call the done callback for each
 *    future kept aside (so that a gather of done futures is done before it is returned), and
 *    return `outer`.
 *
 * The done callback, one for all children (asyncio's `_done_callback`), counts `nfinished`,
 * and returns at once if `outer` is done already (a late child changes nothing). Without
 * `returnExceptions`, a child that was cancelled or failed fails the gather at once:
 * `outer.setException(child._makeCancelledError())` for a cancelled child (test `cancelled()`
 * first: `result()` of a cancelled task throws), `outer.setException(error)` when
 * `errorOf(child)` is not `NO_ERROR`. When the last child is done: `outer.setResult` of the
 * outcomes, in argument order (`children.map(outcomeOf)`). (Exercise 05.3 adds: if
 * `outer._cancelRequested`, `outer.setException(last._makeCancelledError())` instead, with
 * `last` the last child in argument order, as asyncio does.)
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
  throw new Error(`TODO(05.2): gather ${aws.length} awaitables into one future of their results`);
}

/**
 * A done child's result, or its error (`errorOf`), for the results of a gather. Exercise 05.2.
 * (Exercise 05.3 adds the first case: a cancelled child gives
 * `new CancelledError(child._cancelMessage ?? '')`, a new error with its cancel message, as
 * asyncio builds it.)
 */
function outcomeOf(child: Future<unknown>): unknown {
  throw new Error(`TODO(05.2): the result or the error of ${child}`);
}

/**
 * Protects `aw` from the cancellation of whoever awaits it (asyncio's `shield`): returns a new
 * future that follows `aw`'s outcome. Cancelling that future (as cancelling the task awaiting
 * it does) leaves `aw` running; if `aw` itself is cancelled, so is the future.
 *
 * Exercise 05.4 (asyncio's `shield`):
 *
 * 1. `inner = ensureFuture(aw)`; if it is done already, return it.
 * 2. `outer = new Future<T>({ loop: inner.getLoop() })`.
 * 3. A done callback on `inner` (asyncio's `_inner_done_callback`) copies its outcome to
 *    `outer`, unless `outer` is cancelled already (nobody wants it any more): `outer.cancel()`
 *    for a cancelled `inner`, else `setResult` or `setException` (use `errorOf`).
 * 4. A done callback on `outer` (`_outer_done_callback`): once `outer` is done (cancelled, most
 *    likely), and `inner` is not, remove the first callback from `inner`.
 * 5. Return `outer`. Cancelling it never touches `inner`.
 *
 * @returns `aw`'s own future when it is done already, else the protecting future.
 */
export function shield<T>(aw: Awaitable<T>): Future<T> {
  throw new Error('TODO(05.4): return a future that follows aw, and that may be cancelled alone');
}
