// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are source text to find and replace, placeholders included.
/**
 * The classic mistakes of a task (asyncio-semantics.md, section 3 and the `sleep` and `run` items
 * of 3b), each planted in a copy of `solutions/04-tasks/tasks.ts`, with the exercises whose
 * suites must catch it.
 */
import type { PlantedMistake } from '../mistake.ts';

const mistakes: PlantedMistake[] = [
  // ── Stepping (04.1) ─────────────────────────────────────────────────────────────────────────
  {
    name: 'the constructor runs the first step at once instead of scheduling it',
    file: 'tasks.ts',
    find: '    this._loop.callSoon(this._step.bind(this), NO_EXCEPTION);\n    registerTask(this);',
    replace: '    registerTask(this);\n    this._step(NO_EXCEPTION);',
    caughtBy: ['04.1'],
  },
  {
    name: 'a bare yield resumes the task in a microtask instead of the next iteration',
    file: 'tasks.ts',
    find: '      // A bare yield gives up control for exactly one iteration.\n      this._loop.callSoon(this._step.bind(this), NO_EXCEPTION);',
    replace: '      queueMicrotask(() => this._step(NO_EXCEPTION));',
    caughtBy: ['04.1'],
  },
  {
    name: 'a task given a name still uses up a number of the Task-<n> counter',
    file: 'tasks.ts',
    find: '    this._name = options?.name == null ? `Task-${++taskCounter}` : String(options.name);',
    replace:
      '    const number = ++taskCounter;\n    this._name = options?.name == null ? `Task-${number}` : String(options.name);',
    caughtBy: ['04.1'],
  },
  // ── Waiting (04.2) ──────────────────────────────────────────────────────────────────────────
  {
    name: 'the wake-up goes through callSoon again: every await costs two iterations',
    file: 'tasks.ts',
    find: '        value.addDoneCallback(this._wakeup.bind(this));',
    replace:
      '        value.addDoneCallback((f: Future<unknown>) => this._loop.callSoon(this._wakeup.bind(this), f));',
    caughtBy: ['04.2'],
  },
  {
    name: "the future's value is sent in with next(value) instead of a plain next()",
    file: 'tasks.ts',
    find: '    this._step(NO_EXCEPTION);\n  }\n}',
    replace:
      '    const coro = this._coro;\n    const next = coro.next.bind(coro);\n    coro.next = () => {\n      coro.next = next;\n      return next(future.result());\n    };\n    this._step(NO_EXCEPTION);\n  }\n}',
    caughtBy: ['04.2'],
  },
  {
    name: 'a future that fails with undefined is taken for a future without an error',
    file: 'tasks.ts',
    find: 'step = exc === NO_EXCEPTION ? this._coro.next() : this._coro.throw(exc);',
    replace:
      'step = exc === NO_EXCEPTION || exc === undefined ? this._coro.next() : this._coro.throw(exc);',
    caughtBy: ['04.2'],
  },
  // ── Bad yields (04.3) ───────────────────────────────────────────────────────────────────────
  {
    name: 'yield of a plain value is taken for a bare yield instead of "Task got bad yield"',
    file: 'tasks.ts',
    find: '      this._throwInLater(`Task got bad yield: ${repr(value)}`);',
    replace: '      this._loop.callSoon(this._step.bind(this), NO_EXCEPTION);',
    caughtBy: ['04.3'],
  },
  {
    name: 'yield future without * is accepted: the blocking flag is not checked',
    file: 'tasks.ts',
    find: '      } else if (!value._asyncioFutureBlocking) {',
    replace: '      } else if ((false as boolean) && !value._asyncioFutureBlocking) {',
    caughtBy: ['04.3'],
  },
  {
    name: 'a yielded generator is ignored like a bare yield instead of refused',
    file: 'tasks.ts',
    find: '    } else if (value === undefined || value === null) {',
    replace: '    } else if (value === undefined || value === null || isCoroutine(value)) {',
    caughtBy: ['04.3'],
  },
  {
    name: 'a task awaiting itself is not detected',
    file: 'tasks.ts',
    find: '      } else if (value === this) {',
    replace: '      } else if ((false as boolean) && value === this) {',
    caughtBy: ['04.3'],
  },
  {
    name: "another loop's future is accepted",
    file: 'tasks.ts',
    find: '      if (value.getLoop() !== this._loop) {',
    replace: '      if ((false as boolean) && value.getLoop() !== this._loop) {',
    caughtBy: ['04.3'],
  },
  {
    name: 'the bad-yield error is thrown in at once instead of at the next step',
    file: 'tasks.ts',
    find: '    this._loop.callSoon(this._step.bind(this), new RuntimeError(message));',
    replace:
      '    this._futWaiter = null;\n    this._stepRunAndHandleResult(new RuntimeError(message));',
    caughtBy: ['04.3'],
  },
  // ── Cancelling (04.4, 04.5) ─────────────────────────────────────────────────────────────────
  {
    name: 'cancel() only sets a flag and does not cancel the future the task waits for',
    file: 'tasks.ts',
    find: '    if (this._futWaiter?.cancel(msg)) return true;\n',
    replace: '',
    caughtBy: ['04.4'],
  },
  {
    name: 'cancel() throws the CancelledError into the coroutine at once instead of at a later step',
    file: 'tasks.ts',
    find: '    if (this._futWaiter?.cancel(msg)) return true;\n',
    replace:
      '    if (this._futWaiter !== null) {\n      this._step(new CancelledError(msg ?? undefined));\n      return true;\n    }\n',
    caughtBy: ['04.4'],
  },
  {
    name: 'cancel() marks the task cancelled at once, before its coroutine has ended',
    file: 'tasks.ts',
    find: '    this._numCancelsRequested++;\n',
    replace: '    this._numCancelsRequested++;\n    super.cancel(msg);\n',
    caughtBy: ['04.4'],
  },
  {
    name: 'a pending cancellation (_mustCancel) is never delivered at the next step',
    file: 'tasks.ts',
    find: '      if (!(exc instanceof CancelledError)) exc = this._makeCancelledError();\n',
    replace: '',
    caughtBy: ['04.4'],
  },
  {
    name: 'a CancelledError out of the coroutine is stored as an error: the task is not cancelled',
    file: 'tasks.ts',
    find: '      if (error instanceof CancelledError) {',
    replace: '      if ((false as boolean) && error instanceof CancelledError) {',
    caughtBy: ['04.4'],
  },
  {
    name: 'a coroutine that caught the cancellation and returned is treated as cancelled',
    file: 'tasks.ts',
    find: '    if (this._mustCancel) {\n      // The task was cancelled while it ran',
    replace:
      '    if (this._mustCancel || this._numCancelsRequested > 0) {\n      // The task was cancelled while it ran',
    caughtBy: ['04.5'],
  },
  {
    name: 'a task that cancelled itself and then returned ends with its value, not cancelled',
    file: 'tasks.ts',
    find: '    if (this._mustCancel) {\n      // The task was cancelled while it ran',
    replace:
      '    if ((false as boolean) && this._mustCancel) {\n      // The task was cancelled while it ran',
    caughtBy: ['04.5'],
  },
  {
    name: 'a task that cancelled itself waits for the next future instead of cancelling it at once',
    file: 'tasks.ts',
    find: '        if (this._mustCancel && value.cancel(this._cancelMessage)) this._mustCancel = false;\n',
    replace: '',
    caughtBy: ['04.5'],
  },
  {
    name: 'cancelling() misses the requests that cancelled a waiter',
    file: 'tasks.ts',
    find: '    this._numCancelsRequested++;\n    // The waiter stays set: it may be a task that ignores the request, to be asked again.\n    if (this._futWaiter?.cancel(msg)) return true;\n',
    replace:
      '    // The waiter stays set: it may be a task that ignores the request, to be asked again.\n    if (this._futWaiter?.cancel(msg)) return true;\n    this._numCancelsRequested++;\n',
    caughtBy: ['04.5'],
  },
  {
    name: 'uncancel() goes below 0',
    file: 'tasks.ts',
    find: '    if (this._numCancelsRequested > 0) {\n      this._numCancelsRequested--;',
    replace: '    {\n      this._numCancelsRequested--;',
    caughtBy: ['04.5'],
  },
  {
    name: 'uncancel() down to 0 does not withdraw a pending cancellation (Python 3.12 behaviour)',
    file: 'tasks.ts',
    find: '      if (this._numCancelsRequested === 0) this._mustCancel = false;\n',
    replace: '',
    caughtBy: ['04.5'],
  },
  // ── The current task (04.6) ─────────────────────────────────────────────────────────────────
  {
    name: 'the step forgets enterTask/leaveTask: currentTask() is always null',
    file: 'tasks.ts',
    find: '    enterTask(this._loop, this);\n    try {\n      this._stepRunAndHandleResult(exc);\n    } finally {\n      leaveTask(this._loop, this);\n    }',
    replace: '    this._stepRunAndHandleResult(exc);',
    caughtBy: ['04.6'],
  },
  {
    name: 'leaveTask is not in a finally: a step that throws leaves its task current',
    file: 'tasks.ts',
    find: '    try {\n      this._stepRunAndHandleResult(exc);\n    } finally {\n      leaveTask(this._loop, this);\n    }',
    replace: '    this._stepRunAndHandleResult(exc);\n    leaveTask(this._loop, this);',
    caughtBy: ['04.6'],
  },
  {
    name: 'a new task is not registered with its loop: allTasks() misses it',
    file: 'tasks.ts',
    find: '    registerTask(this);\n',
    replace: '',
    caughtBy: ['04.6', '04.9'],
  },
  // ── sleep (04.7) ────────────────────────────────────────────────────────────────────────────
  {
    name: 'sleep(0) makes a future and a timer instead of a bare yield',
    file: 'tasks.ts',
    find: '  if (delay <= 0) {\n    yield;\n    return result;\n  }\n',
    replace: '',
    caughtBy: ['04.7'],
  },
  {
    name: 'sleep does not cancel its timer when the sleeping task is cancelled',
    file: 'tasks.ts',
    find: '  try {\n    return yield* future;\n  } finally {\n    // A sleep that ends early (cancelled) must not leave its timer behind.\n    timer.cancel();\n  }',
    replace: '  void timer;\n  return yield* future;',
    caughtBy: ['04.7'],
  },
  {
    name: 'sleep(NaN) is accepted',
    file: 'tasks.ts',
    find: "  if (Number.isNaN(delay)) throw new ValueError('Invalid delay: NaN (not a number)');\n",
    replace: '',
    caughtBy: ['04.7'],
  },
  // ── ensureFuture (04.8) ─────────────────────────────────────────────────────────────────────
  {
    name: 'ensureFuture accepts a future of another loop than the one given',
    file: 'tasks.ts',
    find: '    if (loop != null && loop !== aw.getLoop()) {',
    replace: '    if ((false as boolean) && loop != null && loop !== aw.getLoop()) {',
    caughtBy: ['04.8'],
  },
  // ── run (04.9) ──────────────────────────────────────────────────────────────────────────────
  {
    name: 'run() leaves the tasks that are left over running: it does not cancel them',
    file: 'tasks.ts',
    find: '  for (const task of toCancel) task.cancel();\n',
    replace: '',
    caughtBy: ['04.9'],
  },
  {
    name: 'run() cancels the tasks left over but does not wait for them: their finally blocks do not run',
    file: 'tasks.ts',
    find: '  await loop.runUntilComplete(whenAllDone(loop, toCancel));\n',
    replace: '',
    caughtBy: ['04.9'],
  },
  {
    name: 'run() does not close its loop',
    file: 'tasks.ts',
    find: '      loop.close();\n',
    replace: '',
    caughtBy: ['04.9'],
  },
  {
    name: 'run() does not report the errors of the tasks left over',
    file: 'tasks.ts',
    find: '    if (exception !== null) {',
    replace: '    if ((false as boolean) && exception !== null) {',
    caughtBy: ['04.9'],
  },
  {
    name: 'run() does not shut the default executor down (asyncio.run does, before closing the loop)',
    file: 'tasks.ts',
    find: '      if (withExecutors.shutdownDefaultExecutor) {',
    replace: '      if (withExecutors.shutdownDefaultExecutor && false) {',
    caughtBy: ['04.9'],
  },
];

export default mistakes;
