/**
 * Lesson 06: the program of each worker thread of a `WorkerPoolExecutor` (`pool.ts`), and the
 * messages it exchanges with its pool. CPython's `ThreadPoolExecutor` threads run
 * `concurrent.futures.thread._worker`: take a work item from the queue, call it, store the
 * outcome in its future. A Node worker shares no queue and no future with the loop's thread, so
 * it receives one job at a time as a message and answers with a message.
 *
 * The program travels to the worker as source text, the way a job's function does:
 * {@link workerScript} is made of the source of the functions below, which therefore use nothing
 * but their parameters, the worker's globals and each other (no import, no variable of this
 * module). So the worker needs no TypeScript loader to start.
 *
 * Fill in the bodies that throw `TODO(06.N)`, exercise by exercise (`npm start` tells you which).
 * `workerMain` grows over several exercises: its comment says which exercise adds which part.
 */

/** How a worker makes a job's function, the first time it sees the function's id. */
export type FunctionDef =
  /** A self-contained function's source text (`fn.toString()`). */
  | { source: string }
  /** A function exported by a module: the module's URL and the export's name (06.9). */
  | { module: string; export: string };

/**
 * A job, as the pool posts it to a worker: the job's id (the reply names it), the function's id
 * (a source text or a module export always has the same one), the arguments (structured-cloned),
 * and how to make the function: `null` once this worker has seen the function's id.
 */
export type JobMessage = [id: number, fn: number, args: unknown[], def: FunctionDef | null];

/** What a job threw. An error loses its class when it is cloned, so its parts travel instead. */
export type Thrown =
  | {
      kind: 'error';
      name: string;
      message: string;
      stack: string | undefined;
      /** Its own properties that can be cloned, such as `code` (`'ENOENT'`), or `null`. */
      props: Record<string, unknown> | null;
    }
  /** A thrown value that is not an `Error` (`throw 42`), as it is. */
  | { kind: 'value'; value: unknown };

/** A worker's answer to a job: `[id, result]`, or `[id, undefined, what it threw]`. */
export type ReplyMessage = [id: number, value: unknown] | [id: number, value: undefined, Thrown];

/** What the pool gives each worker when it starts (`workerData`). */
export interface WorkerConfig {
  /** The URL of tsx's ESM API, to load TypeScript modules (06.9); `null` without tsx. */
  tsxApi: string | null;
}

/** A worker's way to load TypeScript modules: tsx's API, and its registration once made. */
export interface TypeScriptLoader {
  tsxApi: string | null;
  /** Set by the first TypeScript import: tsx registers once per worker. */
  registered: Promise<void> | null;
}

/** A function a worker runs. */
export type WorkerFn = (...args: unknown[]) => unknown;

/** What a worker talks to its pool through (`parentPort` of `node:worker_threads`). */
export interface Port {
  on(event: 'message', listener: (message: JobMessage) => void): unknown;
  postMessage(message: ReplyMessage): void;
}

/**
 * Makes a function from its source text, as `fn.toString()` gave it on the loop's thread
 * (06.1). The source is an expression (`(x) => x * 2`, `function double(x) { ... }`), or a
 * method (`double(x) { ... }`, from an object literal), which is not one: it is read out of an
 * object literal instead.
 *
 * The function is compiled with `new Function`, in the worker's global scope, so it sees only
 * its parameters and the globals: that is what "self-contained" means. The transforms that ran
 * on the loop's side may have inserted calls to their helpers into the source (tsx's `__name`,
 * vitest's `__vite_ssr_dynamic_import__`): `helpers` holds them by name, and the source is
 * compiled in their scope. So make a factory, `new Function(...names, body)` with the helpers'
 * names as its parameters and the body `'use strict';\nreturn (${source}\n);`, and call it with
 * the helpers' values: it returns the function.
 *
 * @throws SyntaxError when the source does not compile on its own.
 * @throws TypeError when it is not a function.
 */
export function compileFunction(source: string, helpers: Record<string, unknown>): WorkerFn {
  throw new Error(`TODO(06.1): make a function of ${source.length} characters of source`);
}

/**
 * Imports `url` and returns its export `name`, a function (06.9): the `{ module, export }` form,
 * for work that needs imports. A TypeScript module needs tsx's loader: register it first, once
 * per worker (`typescript.registered`), with `register()` of tsx's API (`typescript.tsxApi`).
 * Node caches a failed import, so the loader must be there before the first try.
 *
 * @throws TypeError(`${url} has no exported function named '${name}'`).
 */
export function importFunction(
  url: string,
  name: string,
  typescript: TypeScriptLoader,
): Promise<WorkerFn> {
  throw new Error(`TODO(06.9): import ${name} from ${url}`);
}

/**
 * Describes what a job threw, so that it can be posted back: an `Error` by its parts (its own
 * properties only when they can be cloned), any other value as it is. Given.
 */
export function describeThrown(thrown: unknown): Thrown {
  if (!(thrown instanceof Error)) {
    try {
      structuredClone(thrown);
      return { kind: 'value', value: thrown };
    } catch {
      return describeThrown(new Error(String(thrown)));
    }
  }
  let props: Record<string, unknown> | null = null;
  for (const key of Object.keys(thrown)) {
    const value = (thrown as unknown as Record<string, unknown>)[key];
    try {
      structuredClone(value);
    } catch {
      continue;
    }
    props ??= {};
    props[key] = value;
  }
  const { name, message, stack } = thrown;
  return { kind: 'error', name, message, stack, props };
}

/**
 * The worker's program: runs each job it is sent and posts back its outcome, one job at a time
 * (the pool sends the next one only after the reply). CPython's `_worker` calls the work item's
 * function; here the function must first be made from its definition: once per function id, so
 * that a function that runs a thousand times is compiled once.
 *
 * - (06.1) On each message `[id, fnId, args, def]`: take the function from `functions`, or make
 *   it from `def.source` with `compileFunction(def.source, helpers)` and keep it. Call it with
 *   the arguments and `await` what it returns (an async function is awaited here). Post
 *   `[id, result]`; if anything threw, post `[id, undefined, describeThrown(error)]`.
 * - (06.3) A result that cannot be cloned makes `postMessage` throw a `DataCloneError`: answer
 *   with that error instead, so that the job fails and the worker lives on.
 * - (06.9) A `def` of the `{ module, export }` form is made with `importFunction`.
 *
 * @param port - The worker's `parentPort`.
 * @param config - The worker's `workerData`.
 * @param helpers - The transforms' helpers, by name, for `compileFunction`.
 */
export function workerMain(
  port: Port,
  config: WorkerConfig,
  helpers: Record<string, unknown>,
): void {
  throw new Error('TODO(06.1): run the jobs that the pool posts, and post back their outcome');
}

/**
 * What the worker's script starts with (given). It defines the helpers that the TypeScript
 * transforms insert into function source, and that `compileFunction` puts in scope:
 *
 * - tsx (esbuild, `keepNames`) names the functions and classes declared inside a function with
 *   `__name(fn, 'name')`, and a class with `static { __name(this, 'Box') }`;
 * - vitest (vite's SSR transform) turns `import(x)` into `__vite_ssr_dynamic_import__(x)`.
 *
 * It is a string because it must hold a real `import()`: in a function of this module, vitest
 * would rewrite it into a call of the very helper it defines. It then hides what an evaluated
 * worker script gets but a module's code does not see (`require`, `module`...). The whole script
 * is a block: its constants are not globals, which a job's function would see.
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

/**
 * Returns the script each worker evaluates (`new Worker(script, { eval: true })`): the prelude,
 * the functions above as source text, then the call of `workerMain`. Given.
 */
export function workerScript(): string {
  return [
    PRELUDE,
    `const compileFunction = ${compileFunction};`,
    `const importFunction = ${importFunction};`,
    `const describeThrown = ${describeThrown};`,
    `(${workerMain})(parentPort, workerData, __helpers);`,
    '}',
  ].join('\n');
}
