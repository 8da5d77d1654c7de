// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are source text to find and replace, placeholders included.
/**
 * The classic mistakes of task groups and timeouts (asyncio-semantics.md, sections 4 and 5, and
 * the gather and wait_for items of 3b), with a few of ExceptionGroup, shield and wait, each
 * planted in a copy of `solutions/05-groups/`, with the exercises whose suites must catch it.
 */
import type { PlantedMistake } from '../mistake.ts';

const mistakes: PlantedMistake[] = [
  // ── ExceptionGroup (05.1) ───────────────────────────────────────────────────────────────────
  {
    name: 'split treats a nested group as a leaf instead of splitting it',
    file: 'exceptiongroup.ts',
    find: '      if (error instanceof ExceptionGroup) {',
    replace: '      if ((false as boolean) && error instanceof ExceptionGroup) {',
    caughtBy: ['05.1'],
  },
  {
    name: 'split never asks about the group itself',
    file: 'exceptiongroup.ts',
    find: '    if (matches(this)) return [this, null];\n',
    replace: '',
    caughtBy: ['05.1'],
  },
  {
    name: 'an empty side of a split is an empty group instead of null',
    file: 'exceptiongroup.ts',
    find: '    if (exceptions.length === 0) return null;\n',
    replace: '',
    caughtBy: ['05.1'],
  },
  {
    name: "the group shares the caller's array instead of a frozen copy",
    file: 'exceptiongroup.ts',
    find: 'this.exceptions = Object.freeze([...exceptions]);',
    replace: 'this.exceptions = exceptions;',
    caughtBy: ['05.1'],
  },
  {
    name: 'the sides of a split lose the cause of the group',
    file: 'exceptiongroup.ts',
    find: "    if ('cause' in this) copy.cause = this.cause;\n",
    replace: '',
    caughtBy: ['05.1'],
  },
  // ── gather (05.2), catalogue 3b ─────────────────────────────────────────────────────────────
  {
    name: 'gather puts the results in completion order',
    file: 'gather.ts',
    find: '    nfinished++;\n',
    replace:
      '    nfinished++;\n    children.push(...children.splice(children.indexOf(child), 1));\n',
    caughtBy: ['05.2'],
  },
  {
    name: 'gather cancels the other children on the first error',
    file: 'gather.ts',
    find: '      if (error !== NO_ERROR) {\n        outer.setException(error);',
    replace:
      '      if (error !== NO_ERROR) {\n        for (const other of children) other.cancel();\n        outer.setException(error);',
    caughtBy: ['05.2'],
  },
  {
    name: 'gather runs an awaitable given twice twice',
    file: 'gather.ts',
    find: '    let future = futureOf.get(aw);',
    replace: '    let future: Future<unknown> | undefined;',
    caughtBy: ['05.2'],
  },
  {
    name: 'gather never counts the children that were done already',
    file: 'gather.ts',
    find: '  for (const future of doneAlready) onChildDone(future);',
    replace: '',
    caughtBy: ['05.2'],
  },
  // ── Cancelling a gather (05.3) ──────────────────────────────────────────────────────────────
  {
    name: 'a cancelled child makes the gather itself cancelled',
    file: 'gather.ts',
    find: '        outer.setException(child._makeCancelledError());',
    replace: '        Future.prototype.cancel.call(outer);',
    caughtBy: ['05.3'],
  },
  {
    name: 'cancelling the gather cancels the gather at once instead of its children',
    file: 'gather.ts',
    find: '    if (this.done()) return false;\n    let cancelled = false;',
    replace:
      '    if (this.done()) return false;\n    if (this._children.length > 0) return super.cancel(msg);\n    let cancelled = false;',
    caughtBy: ['05.3'],
  },
  {
    name: 'a cancelled gather with returnExceptions returns its list (bpo-32684 forgotten)',
    file: 'gather.ts',
    find: '    if (outer._cancelRequested) {',
    replace: '    if (outer._cancelRequested && !returnExceptions) {',
    caughtBy: ['05.3'],
  },
  {
    name: 'cancel() on a gather whose children are all done still ends it with CancelledError',
    file: 'gather.ts',
    find: '    if (cancelled) this._cancelRequested = true;',
    replace: '    this._cancelRequested = true;',
    caughtBy: ['05.3'],
  },
  // ── shield (05.4) ───────────────────────────────────────────────────────────────────────────
  {
    name: 'cancelling the shield cancels what it protects',
    file: 'gather.ts',
    find: '    if (!inner.done()) inner.removeDoneCallback(onInnerDone);',
    replace: '    if (!inner.done()) inner.cancel();',
    caughtBy: ['05.4'],
  },
  {
    name: 'shield wraps a future that is done already instead of returning it',
    file: 'gather.ts',
    find: '  if (inner.done()) return inner;\n',
    replace: '',
    caughtBy: ['05.4'],
  },
  {
    name: 'the shield stays pending when what it protects is cancelled',
    file: 'gather.ts',
    find: '    if (inner.cancelled()) {\n      outer.cancel();\n      return;\n    }',
    replace: '    if (inner.cancelled()) return;',
    caughtBy: ['05.4'],
  },
  // ── TaskGroup, the happy path (05.5) ────────────────────────────────────────────────────────
  {
    name: 'exit does not wait for the children',
    file: 'taskgroups.ts',
    find: '    while (this._tasks.size > 0) {',
    replace: '    while ((false as boolean) && this._tasks.size > 0) {',
    caughtBy: ['05.5'],
  },
  {
    name: "asyncWith loses the body's result",
    file: 'async-with.ts',
    find: '  yield* manager.exit();\n  return result;',
    replace: '  yield* manager.exit();\n  return undefined as T;',
    caughtBy: ['05.5'],
  },
  {
    name: "asyncWith calls exit() without the body's error: a failing body looks finished",
    file: 'async-with.ts',
    find: '    yield* manager.exit(error);',
    replace: '    yield* manager.exit();',
    caughtBy: ['05.6'],
  },
  {
    name: "asyncWith suppresses the body's error",
    file: 'async-with.ts',
    find: "    yield* manager.exit(error);\n    // exit returned normally, as `__aexit__` returning None: the body's error goes on.\n    throw error;",
    replace: '    yield* manager.exit(error);\n    return undefined as T;',
    caughtBy: ['05.9'],
  },
  // ── A failing child (05.6), catalogue 4 ─────────────────────────────────────────────────────
  {
    name: 'the group raises on the first error without waiting for the cancelled siblings',
    file: 'taskgroups.ts',
    find: '    while (this._tasks.size > 0) {',
    replace: '    while (this._tasks.size > 0 && this._errors.length === 0) {',
    caughtBy: ['05.6'],
  },
  {
    name: 'a failing child never cancels the parent task: the body stays blocked',
    file: 'taskgroups.ts',
    find: '      this._parentCancelRequested = true;\n      parent.cancel();',
    replace: '      this._parentCancelRequested = true;',
    caughtBy: ['05.6'],
  },
  {
    name: 'the group cancels its parent without a matching uncancel(): the count leaks',
    file: 'taskgroups.ts',
    find: 'if (this._parentCancelRequested && parent.uncancel() === 0) {',
    replace: 'if (this._parentCancelRequested && parent.cancelling() === 0) {',
    caughtBy: ['05.6'],
  },
  {
    name: 'a child cancelled on its own is grouped as an error',
    file: 'taskgroups.ts',
    find: '    if (task.cancelled()) return;\n',
    replace: '',
    caughtBy: ['05.6'],
  },
  {
    name: "the body's error is left out of the group",
    file: 'taskgroups.ts',
    find: '    if (bodyFailed && !(bodyError instanceof CancelledError)) this._errors.push(bodyError);',
    replace: '',
    caughtBy: ['05.6'],
  },
  {
    name: "the body's error comes first in the group",
    file: 'taskgroups.ts',
    find: '    if (bodyFailed && !(bodyError instanceof CancelledError)) this._errors.push(bodyError);',
    replace:
      '    if (bodyFailed && !(bodyError instanceof CancelledError)) this._errors.unshift(bodyError);',
    caughtBy: ['05.6'],
  },
  {
    name: 'a body that throws does not abort the group',
    file: 'taskgroups.ts',
    find: '    if (bodyFailed && !this._aborting) this._abort();',
    replace: '',
    caughtBy: ['05.6'],
  },
  // ── Cancelled from outside (05.7), catalogue 4 ──────────────────────────────────────────────
  {
    name: 'an outside cancellation becomes an ExceptionGroup',
    file: 'taskgroups.ts',
    find: '    if (propagateCancellationError !== null && this._errors.length === 0) {\n      throw propagateCancellationError;\n    }',
    replace:
      '    if (propagateCancellationError !== null) this._errors.push(propagateCancellationError);',
    caughtBy: ['05.7'],
  },
  {
    name: "an outside cancellation wins over the children's errors",
    file: 'taskgroups.ts',
    find: '    if (propagateCancellationError !== null && this._errors.length === 0) {',
    replace: '    if (propagateCancellationError !== null) {',
    caughtBy: ['05.7'],
  },
  {
    name: 'exit waits once instead of in a loop: a second cancellation ends the wait',
    file: 'taskgroups.ts',
    find: '    while (this._tasks.size > 0) {',
    replace: '    if (this._tasks.size > 0) {',
    caughtBy: ['05.7'],
  },
  {
    name: 'a cancellation while exit waits is ignored: the children are not cancelled',
    file: 'taskgroups.ts',
    find: '        if (!this._aborting) {\n          propagateCancellationError = error;\n          this._abort();\n        }',
    replace: '',
    caughtBy: ['05.7'],
  },
  {
    name: 'an outside cancel racing a child error is lost (3.12 behaviour)',
    file: 'taskgroups.ts',
    find: '      if (parent.cancelling() > 0) {\n        parent.uncancel();\n        parent.cancel();\n      }',
    replace: '',
    caughtBy: ['05.7'],
  },
  // ── createTask (05.8), catalogue 4.12-4.14 ──────────────────────────────────────────────────
  {
    name: 'createTask is accepted after the group has finished',
    file: 'taskgroups.ts',
    find: "    if (this._exiting && this._tasks.size === 0) this._refuse(coro, 'is finished');",
    replace: '',
    caughtBy: ['05.8'],
  },
  {
    name: 'createTask is accepted while the group is shutting down',
    file: 'taskgroups.ts',
    find: "    if (this._aborting) this._refuse(coro, 'is shutting down');",
    replace: '',
    caughtBy: ['05.8'],
  },
  {
    name: 'createTask from a running child is refused while the parent waits in exit',
    file: 'taskgroups.ts',
    find: "    if (this._exiting && this._tasks.size === 0) this._refuse(coro, 'is finished');",
    replace: "    if (this._exiting) this._refuse(coro, 'is finished');",
    caughtBy: ['05.8'],
  },
  {
    name: 'a refused coroutine is not closed',
    file: 'taskgroups.ts',
    find: '    if (isCoroutine(coro)) coro.return(undefined);\n',
    replace: '',
    caughtBy: ['05.8'],
  },
  // ── timeout (05.9), catalogue 5 ─────────────────────────────────────────────────────────────
  {
    name: 'the timer callback throws TimeoutError instead of cancelling the task',
    file: 'timeouts.ts',
    find: "    (this._task as Task<unknown>).cancel();\n    this._state = 'expiring';",
    replace: "    this._state = 'expiring';\n    throw new TimeoutError();",
    caughtBy: ['05.9'],
  },
  {
    name: 'exit converts any CancelledError, even when the deadline never fired',
    file: 'timeouts.ts',
    find: "    if (this._state === 'active') {\n      this._state = 'finished';\n      return;\n    }",
    replace:
      "    if (this._state === 'active') {\n      this._state = 'finished';\n      if (thrown[0] instanceof CancelledError) throw new TimeoutError(undefined, { cause: thrown[0] });\n      return;\n    }",
    caughtBy: ['05.9'],
  },
  {
    name: 'exit never calls uncancel(): the count leaks and nothing is converted',
    file: 'timeouts.ts',
    find: 'if (task.uncancel() > this._cancelling || thrown.length === 0) return;',
    replace: 'if (task.cancelling() > this._cancelling || thrown.length === 0) return;',
    caughtBy: ['05.9'],
  },
  {
    name: 'the deadline is not cancelled on a normal exit: it cancels the task later',
    file: 'timeouts.ts',
    find: '    // A deadline that has not fired must never cancel the task once the block is left.\n    this._timeoutHandler?.cancel();\n',
    replace: '',
    caughtBy: ['05.9'],
  },
  {
    name: 'a deadline in the past fires at once, inside enter, instead of after one iteration',
    file: 'timeouts.ts',
    find: '      this._when <= loop.time() ? loop.callSoon(onTimeout) : loop.callAt(this._when, onTimeout);',
    replace:
      '      this._when <= loop.time() ? (onTimeout(), null) : loop.callAt(this._when, onTimeout);',
    caughtBy: ['05.9'],
  },
  // ── Nested timeouts (05.10), catalogue 5 ────────────────────────────────────────────────────
  {
    name: "exit converts the CancelledError whoever cancelled: uncancel()'s count is ignored",
    file: 'timeouts.ts',
    find: 'if (task.uncancel() > this._cancelling || thrown.length === 0) return;',
    replace: 'task.uncancel();\n    if (thrown.length === 0) return;',
    caughtBy: ['05.10'],
  },
  {
    name: 'exit compares uncancel() with 0 instead of the count at entry',
    file: 'timeouts.ts',
    find: 'if (task.uncancel() > this._cancelling || thrown.length === 0) return;',
    replace: 'if (task.uncancel() !== 0 || thrown.length === 0) return;',
    caughtBy: ['05.10'],
  },
  {
    name: 'reschedule is allowed after the timeout has finished',
    file: 'timeouts.ts',
    find: "    if (this._state !== 'active') {\n      if (this._state === 'created')",
    replace:
      "    if (this._state !== 'active' && this._state !== 'finished') {\n      if (this._state === 'created')",
    caughtBy: ['05.10'],
  },
  {
    name: 'the members of an ExceptionGroup do not get the TimeoutError in their chain',
    file: 'timeouts.ts',
    find: '      for (const member of error.exceptions) insertTimeoutError(member);',
    replace: '',
    caughtBy: ['05.10'],
  },
  // ── waitFor (05.11), catalogue 3b.14-15 ─────────────────────────────────────────────────────
  {
    name: 'waitFor with no time throws TimeoutError without waiting for the cancelled work',
    file: 'timeouts.ts',
    find: '  yield* cancelAndWait(future);',
    replace: '  future.cancel();',
    caughtBy: ['05.11'],
  },
  {
    name: 'waitFor turns a cancellation of the waiting task into TimeoutError',
    file: 'timeouts.ts',
    find: '  return yield* awaitWithin(timeout, aw);',
    replace:
      '  try {\n    return yield* awaitWithin(timeout, aw);\n  } catch (error) {\n    if (error instanceof CancelledError) throw new TimeoutError();\n    throw error;\n  }',
    caughtBy: ['05.11'],
  },
  {
    name: 'waitFor runs a coroutine in a new task, as Python 3.11 did',
    file: 'timeouts.ts',
    find: '    return yield* aw;',
    replace: '    return yield* ensureFuture(aw);',
    caughtBy: ['05.11'],
  },
  // ── wait and asCompleted (05.12), catalogue 3b.11-13, 3b.17 ─────────────────────────────────
  {
    name: 'wait cancels the futures still pending when it returns',
    file: 'wait.ts',
    find: '    for (const future of futures) future.removeDoneCallback(onCompletion);',
    replace:
      '    for (const future of futures) future.removeDoneCallback(onCompletion);\n    for (const future of futures) future.cancel();',
    caughtBy: ['05.12'],
  },
  {
    name: 'FIRST_COMPLETED waits for all the futures',
    file: 'wait.ts',
    find: "      returnWhen === 'FIRST_COMPLETED' ||\n",
    replace: '',
    caughtBy: ['05.12'],
  },
  {
    name: "asCompleted's timeout cancels the awaitables still pending",
    file: 'wait.ts',
    find: '      future.removeDoneCallback(this._onCompletion);',
    replace: '      future.removeDoneCallback(this._onCompletion);\n      future.cancel();',
    caughtBy: ['05.12'],
  },
];

export default mistakes;
