/**
 * The classic mistakes of a future (asyncio-semantics.md, section 1), each planted in a copy of
 * `solutions/02-futures/futures.ts`, with the exercises whose suites must catch it.
 */
import type { PlantedMistake } from '../mistake.ts';

const schedule = 'for (const callback of callbacks) this._loop.callSoon(callback, this);';

const mistakes: PlantedMistake[] = [
  {
    name: 'done callbacks run synchronously in setResult, setException and cancel',
    file: 'futures.ts',
    find: schedule,
    replace: 'for (const callback of callbacks) callback(this);',
    caughtBy: ['02.3'],
  },
  {
    name: 'addDoneCallback on a future that is already done calls the callback at once',
    file: 'futures.ts',
    find: '      this._loop.callSoon(fn, this);\n    } else {',
    replace: '      fn(this);\n    } else {',
    caughtBy: ['02.3'],
  },
  {
    name: 'done callbacks go through queueMicrotask instead of the scheduler',
    file: 'futures.ts',
    find: schedule,
    replace: 'for (const callback of callbacks) queueMicrotask(() => callback(this));',
    caughtBy: ['02.3'],
  },
  {
    name: 'all the done callbacks are scheduled as one callSoon, so a failing one stops the rest',
    file: 'futures.ts',
    find: schedule,
    replace:
      'this._loop.callSoon(() => {\n      for (const callback of callbacks) callback(this);\n    });',
    caughtBy: ['02.3'],
  },
  {
    name: 'done callbacks receive the result instead of the future',
    file: 'futures.ts',
    find: schedule,
    replace: 'for (const callback of callbacks) this._loop.callSoon(callback, this._result);',
    caughtBy: ['02.3'],
  },
  {
    name: 'the callback list is not cleared when the callbacks are scheduled',
    file: 'futures.ts',
    find: '    this._callbacks = [];\n    for (const callback',
    replace: '    for (const callback',
    caughtBy: ['02.4', '02.6'],
  },
  {
    name: 'setResult succeeds on a future that is already done',
    file: 'futures.ts',
    find: "  setResult(result: T): void {\n    if (this._state !== 'PENDING') throw new InvalidStateError('invalid state');\n",
    replace: '  setResult(result: T): void {\n',
    caughtBy: ['02.1', '02.2'],
  },
  {
    name: 'setException succeeds on a future that is already done',
    file: 'futures.ts',
    find: "  setException(exception: unknown): void {\n    if (this._state !== 'PENDING') throw new InvalidStateError('invalid state');\n",
    replace: '  setException(exception: unknown): void {\n',
    caughtBy: ['02.1', '02.2'],
  },
  {
    name: 'cancel() returns true and cancels a future that is already done',
    file: 'futures.ts',
    find: "    if (this._state !== 'PENDING') return false;\n    this._state = 'CANCELLED';",
    replace: "    this._state = 'CANCELLED';",
    caughtBy: ['02.2'],
  },
  {
    name: 'result() of a pending future returns undefined instead of throwing InvalidStateError',
    file: 'futures.ts',
    find: "    if (this._state !== 'FINISHED') throw new InvalidStateError('Result is not ready.');",
    replace: "    if (this._state !== 'FINISHED') return undefined as T;",
    caughtBy: ['02.1'],
  },
  {
    name: 'exception() of a cancelled future returns the CancelledError instead of throwing it',
    file: 'futures.ts',
    find: "  exception(): unknown {\n    if (this._state === 'CANCELLED') throw this._makeCancelledError();",
    replace:
      "  exception(): unknown {\n    if (this._state === 'CANCELLED') return this._makeCancelledError();",
    caughtBy: ['02.2'],
  },
  {
    name: 'the exception class is stored instead of an instance of it',
    file: 'futures.ts',
    find: 'this._exception = isErrorClass(exception) ? new exception() : exception;',
    replace: 'this._exception = exception;',
    caughtBy: ['02.1'],
  },
  {
    name: 'cancel(msg) forgets the message',
    file: 'futures.ts',
    find: 'this._cancelMessage = msg ?? null;',
    replace: 'this._cancelMessage = null;',
    caughtBy: ['02.2'],
  },
  {
    name: '_setResultUnlessCancelled throws on a cancelled future',
    file: 'futures.ts',
    find: '  if (future.cancelled()) return;\n',
    replace: '',
    caughtBy: ['02.2'],
  },
  {
    name: 'removeDoneCallback removes only the first registration',
    file: 'futures.ts',
    find: '    const kept = this._callbacks.filter((callback) => callback !== fn);\n    const removed = this._callbacks.length - kept.length;\n    this._callbacks = kept;\n    return removed;',
    replace:
      '    const index = this._callbacks.indexOf(fn);\n    if (index === -1) return 0;\n    this._callbacks.splice(index, 1);\n    return 1;',
    caughtBy: ['02.4'],
  },
  {
    name: 'removeDoneCallback returns a boolean instead of a count',
    file: 'futures.ts',
    find: '    return removed;',
    replace: '    return (removed > 0) as unknown as number;',
    caughtBy: ['02.4'],
  },
  {
    name: 'the iterator yields even when the future is already done',
    file: 'futures.ts',
    find: '    if (!this.done()) {\n      this._asyncioFutureBlocking = true;',
    replace: '    {\n      this._asyncioFutureBlocking = true;',
    caughtBy: ['02.5'],
  },
  {
    name: 'the iterator does not check done() again after resuming',
    file: 'futures.ts',
    find: '    if (!this.done()) throw new RuntimeError("await wasn\'t used with future");\n',
    replace: '',
    caughtBy: ['02.5'],
  },
  {
    name: 'the iterator forgets the blocking flag',
    file: 'futures.ts',
    find: '      this._asyncioFutureBlocking = true;\n',
    replace: '',
    caughtBy: ['02.5'],
  },
  {
    name: 'isFuture checks instanceof Future instead of duck-typing on the blocking flag',
    file: 'futures.ts',
    find: '  return flag !== null && flag !== undefined;',
    replace: '  return flag !== null && value instanceof Future;',
    caughtBy: ['02.5'],
  },
];

export default mistakes;
