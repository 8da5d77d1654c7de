// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are source text to find and replace, placeholders included.
/**
 * The classic mistakes of threads and executors (asyncio-semantics.md, section 6, and the
 * worker-pool notes there), each planted in a copy of `solutions/06-threads/`, with the
 * exercises whose suites must catch it.
 */
import type { PlantedMistake } from '../mistake.ts';

const mistakes: PlantedMistake[] = [
  // ── The worker's side (06.1) ────────────────────────────────────────────────────────────────
  {
    name: 'the worker does not keep the functions it made: the next job finds no definition',
    file: 'worker.ts',
    find: '        functions.set(fnId, fn);\n',
    replace: '',
    caughtBy: ['06.1'],
  },
  {
    name: "the worker posts an async function's promise instead of awaiting it",
    file: 'worker.ts',
    find: '      result = await fn(...args);',
    replace: '      result = fn(...args);',
    caughtBy: ['06.1'],
  },
  {
    name: "function source is compiled without the transforms' helpers in scope",
    file: 'worker.ts',
    find: '  const names = Object.keys(helpers);\n  const values = Object.values(helpers);',
    replace: '  const names: string[] = [];\n  const values: unknown[] = [];',
    caughtBy: ['06.1'],
  },
  {
    name: "a method's source is compiled as an expression only, which it is not",
    file: 'worker.ts',
    find: "    const body = `'use strict';\\nconst o = {${source}\\n};\\nreturn o[Object.keys(o)[0]];`;",
    replace: "    const body = `'use strict';\\nreturn (${source}\\n);`;",
    caughtBy: ['06.1'],
  },
  // ── The pool (06.1 to 06.4) ─────────────────────────────────────────────────────────────────
  {
    name: 'idle workers are never reused: every job starts a worker of its own',
    file: 'pool.ts',
    find: '      let worker = this._idle.pop();',
    replace: '      let worker: PoolWorker | undefined;',
    caughtBy: ['06.1', '06.2'],
  },
  {
    name: 'maxWorkers is not enforced: a worker starts for every job that finds none idle',
    file: 'pool.ts',
    find: '        if (this._workers.size >= this._maxWorkers) return;\n',
    replace: '',
    caughtBy: ['06.2'],
  },
  {
    name: 'the queue is last in, first out',
    file: 'pool.ts',
    find: '      const job = this._queue.shift() as Job;',
    replace: '      const job = this._queue.pop() as Job;',
    caughtBy: ['06.2'],
  },
  {
    name: 'the job of a worker that dies is never finished: its promise never settles',
    file: 'pool.ts',
    find: "        );\n      job._finish('error', error);",
    replace: '        );\n      void error;',
    caughtBy: ['06.3'],
  },
  {
    name: 'a worker that dies is not replaced: the jobs queued behind it wait forever',
    file: 'pool.ts',
    find: '    this._pump();\n    if (this._workers.size === 0) {',
    replace: '    if (this._workers.size === 0) {',
    caughtBy: ['06.3'],
  },
  {
    name: 'shutdown() does not wait for the running jobs and the workers',
    file: 'pool.ts',
    find: '    if (options?.wait === false || this._workers.size === 0) return Promise.resolve();',
    replace: '    return Promise.resolve();',
    caughtBy: ['06.4', '06.6'],
  },
  {
    name: 'shutdown() drops the queued jobs even without cancelFutures',
    file: 'pool.ts',
    find: '    if (options?.cancelFutures) {\n      for (const job of [...this._queue]) job.cancel();',
    replace:
      '    if (options?.cancelFutures || options?.cancelFutures === undefined) {\n      for (const job of [...this._queue]) job.cancel();',
    caughtBy: ['06.4'],
  },
  {
    name: 'shutdown() leaves the idle workers running, so that it never resolves',
    file: 'pool.ts',
    find: '    for (const worker of this._idle.splice(0)) this._retire(worker);\n    if (options?.wait',
    replace: '    if (options?.wait',
    caughtBy: ['06.4'],
  },
  {
    name: 'submit() after shutdown() still runs the job',
    file: 'pool.ts',
    find: "    if (this._shutdown) throw new RuntimeError('cannot schedule new futures after shutdown');\n",
    replace: '',
    caughtBy: ['06.4'],
  },
  // ── The loop's side (06.5 to 06.7; asyncio-semantics.md section 6) ─────────────────────────
  {
    name: "the job's outcome is set on the future from outside the loop, not through callSoonThreadsafe",
    file: 'threads.ts',
    find: '      if (!loop.isClosed()) loop.callSoonThreadsafe(copyOutcome, future, outcome, value);',
    replace: '      copyOutcome(future, outcome, value);',
    caughtBy: ['06.5'],
  },
  {
    name: "the job's outcome is queued with callSoon, which does not wake a waiting loop",
    file: 'threads.ts',
    find: '      if (!loop.isClosed()) loop.callSoonThreadsafe(copyOutcome, future, outcome, value);',
    replace: '      if (!loop.isClosed()) loop.callSoon(copyOutcome, future, outcome, value);',
    caughtBy: ['06.5'],
  },
  {
    name: 'a job does not hold the loop: the virtual clock jumps past it',
    file: 'threads.ts',
    find: '  const release = loop._holdExternalWork(`${spec.label} in a worker thread`);',
    replace: '  const release = () => {};',
    caughtBy: ['06.5'],
  },
  {
    name: 'the hold of a job is never released: the virtual clock stands still for good',
    file: 'threads.ts',
    find: '  const release = loop._holdExternalWork(`${spec.label} in a worker thread`);',
    replace:
      '  loop._holdExternalWork(`${spec.label} in a worker thread`);\n  const release = () => {};',
    caughtBy: ['06.5'],
  },
  {
    name: 'close() does not shut the default executor down',
    file: 'threads.ts',
    find: '    state.executor = null;\n    void executor.shutdown({ wait: false });',
    replace: '    state.executor = null;',
    caughtBy: ['06.5'],
  },
  {
    name: 'toThread looks the loop up when it is called, not when it is awaited',
    file: 'threads.ts',
    find: 'export function* toThread(fn: WorkerFunction, ...args: unknown[]): Coroutine<unknown> {\n  const loop = getRunningLoop();\n  return yield* loop.runInExecutor(null, fn as ModuleFunction, ...args);',
    replace:
      'export function toThread(fn: WorkerFunction, ...args: unknown[]): Coroutine<unknown> {\n  const loop = getRunningLoop();\n  return (function* () {\n    return yield* loop.runInExecutor(null, fn as ModuleFunction, ...args);\n  })();',
    caughtBy: ['06.6'],
  },
  {
    name: 'shutdownDefaultExecutor() does not wait for the running jobs',
    file: 'threads.ts',
    find: '  executor.shutdown({ wait: true }).then(() => {',
    replace: '  executor.shutdown({ wait: false }).then(() => {',
    caughtBy: ['06.6'],
  },
  {
    name: 'after shutdownDefaultExecutor(), runInExecutor(null) makes a new default executor',
    file: 'threads.ts',
    find: "  if (state.shutdownCalled) throw new RuntimeError('Executor shutdown has been called');\n",
    replace: '',
    caughtBy: ['06.6'],
  },
  {
    name: 'cancelling the future does not take a queued job out of the queue',
    file: 'threads.ts',
    find: '    if (future.cancelled()) job.cancel();\n',
    replace: '',
    caughtBy: ['06.7'],
  },
  {
    name: 'cancelling the future of a running job kills its worker, as if cancel() could interrupt it',
    file: 'pool.ts',
    find: "    if (this._state !== 'queued') return false;",
    replace:
      "    if (this._state === 'running') {\n      for (const worker of this._pool._workers) {\n        if (worker._job === this) void worker._worker.terminate();\n      }\n      return true;\n    }\n    if (this._state !== 'queued') return false;",
    caughtBy: ['06.7'],
  },
  {
    name: 'the outcome of a job is copied into a future that was cancelled meanwhile',
    file: 'threads.ts',
    find: 'export function copyOutcome(future: Future<unknown>, outcome: JobOutcome, value: unknown): void {\n  if (future.cancelled()) return;\n',
    replace:
      'export function copyOutcome(future: Future<unknown>, outcome: JobOutcome, value: unknown): void {\n',
    caughtBy: ['06.7'],
  },
  {
    name: 'a cancelled future still holds the loop until its job ends',
    file: 'threads.ts',
    find: '  future.addDoneCallback(() => {\n    release();\n',
    replace: '  future.addDoneCallback(() => {\n',
    caughtBy: ['06.7'],
  },
  // ── wrapPromise (06.8) ──────────────────────────────────────────────────────────────────────
  {
    name: "wrapPromise sets the future in the promise's reaction, outside the loop",
    file: 'threads.ts',
    find: '      target.callSoonThreadsafe(copyOutcome, future as Future<unknown>, outcome, value);',
    replace: '      copyOutcome(future as Future<unknown>, outcome, value);',
    caughtBy: ['06.8'],
  },
  {
    name: 'wrapPromise does not hold the loop: a virtual clock reports a deadlock during I/O',
    file: 'threads.ts',
    find: "  const release = target._holdExternalWork('a promise (wrapPromise)');",
    replace: '  const release = () => {};',
    caughtBy: ['06.8'],
  },
  {
    name: 'wrapPromise keeps holding the loop after its future was cancelled',
    file: 'threads.ts',
    find: '  future.addDoneCallback(release);\n',
    replace: '',
    caughtBy: ['06.8'],
  },
  // ── { module, export } (06.9) ───────────────────────────────────────────────────────────────
  {
    name: 'a relative module path is taken as it is, and resolved against the wrong place',
    file: 'pool.ts',
    find: "  } else if (typeof module === 'string' && isAbsolute(module)) {",
    replace: "  } else if (typeof module === 'string') {",
    caughtBy: ['06.9'],
  },
  {
    name: 'a TypeScript module is imported without registering tsx in the worker',
    file: 'worker.ts',
    find: '    await typescript.registered;\n',
    replace: '    void typescript.registered;\n',
    caughtBy: ['06.9'],
  },
];

export default mistakes;
