/**
 * The program of each worker thread of a `WorkerPoolExecutor` (see `worker-pool.ts`), and the
 * messages it exchanges with its pool. CPython's `ThreadPoolExecutor` threads run
 * `concurrent.futures.thread._worker`: take a work item from the queue, run it, store its
 * result in the item's future. A Node worker cannot share the pool's queue or futures, so it
 * receives one job at a time as a message and answers with a message.
 *
 * The program travels to the worker the way a job's function does: as source text. `workerMain`
 * is a self-contained function, and the worker evaluates {@link workerScript}, which first
 * defines the helpers that TypeScript transforms insert into function source. So this file
 * needs no TypeScript loader in the worker (starting tsx there costs a hooks thread and from a
 * few tenths of a second to seconds, paid only by a worker that imports a TypeScript module),
 * and every test of the pool also proves that function source survives the transform of the
 * code that sends it.
 *
 * @module
 */

import type { MessagePort } from 'node:worker_threads';

/** How a worker makes a job's function, the first time it sees the function's id. */
export type FunctionDef =
  /** A self-contained function's source text (`fn.toString()`). */
  | { source: string }
  /** A function exported by a module: its URL and the export's name. */
  | { module: string; export: string };

/**
 * A job, as the pool posts it to a worker: its id (echoed in the reply); the function's id
 * (one source text or module export always has the same one); the arguments, structured-cloned;
 * and how to make the function when this worker has not seen its id yet, `null` after that.
 * A tuple: it is cloned twice per job, and a short array clones faster than an object.
 */
export type JobMessage = [id: number, fn: number, args: unknown[], def: FunctionDef | null];

/** What a job threw. Errors lose their class when cloned, so their parts travel instead. */
export type Thrown =
  | {
      kind: 'error';
      name: string;
      message: string;
      stack: string | undefined;
      /** Own enumerable properties such as `code` (`ENOENT`), when they can be cloned. */
      props: Record<string, unknown> | null;
    }
  /** A thrown value that is not an `Error` (`throw 42`). */
  | { kind: 'value'; value: unknown };

/** A worker's answer to a job: `[id, result]`, or `[id, undefined, what it threw]`. */
export type ReplyMessage = [id: number, value: unknown] | [id: number, value: undefined, Thrown];

/** What the pool gives each worker at startup (`workerData`). */
export interface WorkerConfig {
  /** The URL of tsx's ESM API, to load TypeScript modules; `null` when tsx is not installed. */
  tsxApi: string | null;
}

/** The port a worker talks to its pool on (`worker_threads.parentPort`). */
type Port = Pick<MessagePort, 'on' | 'postMessage'>;

/**
 * The worker's loop: run each job it is sent, one at a time, and post its result or error back.
 * Functions are made once per worker and kept by id, so a function that runs a thousand times
 * is compiled (or imported) once.
 *
 * Self-contained (it travels as source, see {@link workerScript}): it uses only its parameters,
 * the worker's globals and the helpers that the script defines.
 *
 * @param port - The worker's `parentPort`.
 * @param helpers - The transform helpers, by name: a job's function is compiled in their scope.
 * @param config - The worker's `workerData`.
 */
export function workerMain(
  port: Port,
  helpers: Record<string, unknown>,
  config: WorkerConfig,
): void {
  type Fn = (...args: unknown[]) => unknown;
  const helperNames = Object.keys(helpers);
  const helperValues = Object.values(helpers);
  /** Each function by id; `fromSource` marks those compiled from source text. */
  const functions = new Map<number, { call: Fn; fromSource: boolean }>();
  /** The registration of tsx's loader, made before the first TypeScript module is imported. */
  let typescript: Promise<void> | null = null;

  const addHint = (error: unknown, hint: string): unknown => {
    if (error instanceof Error) {
      const before = error.message;
      error.message = `${before} (${hint})`;
      if (typeof error.stack === 'string') error.stack = error.stack.replace(before, error.message);
    }
    return error;
  };

  const describe = (thrown: unknown, withProps: boolean): Thrown => {
    if (!(thrown instanceof Error)) return { kind: 'value', value: thrown };
    const keys = withProps ? Object.keys(thrown) : [];
    const props: Record<string, unknown> = {};
    for (const key of keys) props[key] = (thrown as unknown as Record<string, unknown>)[key];
    const { name, message, stack } = thrown;
    return { kind: 'error', name, message, stack, props: keys.length > 0 ? props : null };
  };

  const fail = (id: number, thrown: unknown): void => {
    try {
      port.postMessage([id, undefined, describe(thrown, true)]);
    } catch {
      // A property (or the thrown value itself) cannot be cloned: send what always can be.
      const fallback = thrown instanceof Error ? thrown : new Error(String(thrown));
      port.postMessage([id, undefined, describe(fallback, false)]);
    }
  };

  const reply = (id: number, value: unknown): void => {
    try {
      port.postMessage([id, value]);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const message =
        `could not send the result back from the worker thread: ${why} Arguments and ` +
        'results are structured-cloned, which cannot copy functions, symbols, or objects ' +
        'that hold them.';
      fail(id, new DOMException(message, 'DataCloneError'));
    }
  };

  const run = (id: number, fn: { call: Fn; fromSource: boolean }, args: unknown[]): void => {
    const failed = (error: unknown) => {
      // A free variable of a function sent as source is the classic mistake: say so.
      if (fn.fromSource && error instanceof ReferenceError) {
        addHint(
          error,
          'a function sent to a worker thread takes only its own source along: pass values ' +
            'as arguments, and use { module, export } for code that needs imports',
        );
      }
      fail(id, error);
    };
    let result: unknown;
    try {
      result = fn.call(...args);
    } catch (error) {
      failed(error);
      return;
    }
    // An async function is awaited here, so the worker takes its next job only once it is done.
    if (typeof (result as PromiseLike<unknown> | null)?.then === 'function') {
      Promise.resolve(result).then((value) => reply(id, value), failed);
    } else {
      reply(id, result);
    }
  };

  const fromSource = (source: string): Fn => {
    let factory: (...values: unknown[]) => unknown;
    try {
      // Module code is strict, so the function was written for strict mode.
      factory = new Function(...helperNames, `'use strict';\nreturn (${source}\n);`) as never;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      try {
        // A method (`double(x) { ... }`) is not an expression: read it out of an object literal.
        const body = `'use strict';\nconst o = {${source}\n};\nreturn o[Reflect.ownKeys(o)[0]];`;
        factory = new Function(...helperNames, body) as never;
      } catch {
        throw addHint(error, `the function's source does not compile on its own: ${source}`);
      }
    }
    const fn = factory(...helperValues);
    if (typeof fn !== 'function') throw new TypeError(`not a function: ${source}`);
    return fn as Fn;
  };

  const fromModule = async (url: string, name: string): Promise<Fn> => {
    if (/\.[cm]?tsx?$/.test(new URL(url).pathname) && config.tsxApi !== null) {
      // Node 20 cannot load TypeScript, and a failed import is cached: register tsx first.
      const api = config.tsxApi;
      typescript ??= import(api).then((tsx: { register: () => unknown }) => {
        tsx.register();
      });
      await typescript;
    }
    const namespace = (await import(url)) as Record<string, unknown>;
    const fn = namespace[name];
    if (typeof fn !== 'function') {
      throw new TypeError(`${url} has no exported function named '${name}'`);
    }
    return fn as Fn;
  };

  port.on('message', ([id, fnId, args, def]: JobMessage) => {
    const known = functions.get(fnId);
    if (known !== undefined) {
      run(id, known, args);
    } else if (def === null) {
      fail(id, new Error(`worker thread: unknown function id ${fnId}`));
    } else if ('source' in def) {
      let made: { call: Fn; fromSource: boolean };
      try {
        made = { call: fromSource(def.source), fromSource: true };
      } catch (error) {
        fail(id, error);
        return;
      }
      functions.set(fnId, made);
      run(id, made, args);
    } else {
      fromModule(def.module, def.export).then(
        (call) => {
          const made = { call, fromSource: false };
          functions.set(fnId, made);
          run(id, made, args);
        },
        (error: unknown) => fail(id, error),
      );
    }
  });
}

/**
 * The helpers that TypeScript transforms insert into function source, defined before
 * `workerMain` and before any job's function is compiled (in their scope):
 *
 * - tsx (esbuild with `keepNames`) names functions and classes declared inside a function with
 *   `__name(fn, 'name')`, and a class with `static { __name(this, 'K') }`;
 * - vitest (vite 8's SSR transform, after oxc strips the types) turns `import(x)` into
 *   `__vite_ssr_dynamic_import__(x)`. Its other rewrites concern imports and `import.meta`,
 *   which a self-contained function does not use.
 *
 * Syntax that the transforms lower into runtime helpers (`using`, decorators) is not supported
 * in a function that travels: oxc imports those helpers, esbuild's are module-level functions,
 * so the worker fails the job with a ReferenceError that says to use `{ module, export }`.
 *
 * A job's function sees what a module's code sees without imports: the script removes the
 * `require`, `module` and `exports` that an evaluated worker script gets, and declares its own
 * names in a block, since a script's top-level `const` would be a global that every job sees.
 */
const PRELUDE = `'use strict';
{
const __helpers = {
  __name: (target, value) => Object.defineProperty(target, 'name', { value, configurable: true }),
  __vite_ssr_dynamic_import__: (specifier, options) => import(specifier, options),
};
const { __name, __vite_ssr_dynamic_import__ } = __helpers;
const { parentPort, workerData } = require('node:worker_threads');
for (const name of ['require', 'module', 'exports', '__filename', '__dirname']) {
  delete globalThis[name];
}
`;

/** The worker's script, made once. */
let script: string | null = null;

/**
 * Returns the script that a pool's worker evaluates (`new Worker(script, { eval: true })`): the
 * helpers, then `workerMain` called with the worker's port and data.
 */
export function workerScript(): string {
  script ??= `${PRELUDE}(${workerMain.toString()})(parentPort, __helpers, workerData);\n}\n`;
  return script;
}
