/**
 * What crosses between the loop's thread and a worker, besides structured-cloned values: the
 * function to run, made into a spec (an id, and the source text or module export that the worker
 * makes it from), and the errors that cannot be cloned whole. `worker-pool.ts` uses it.
 *
 * @module
 */

import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repr } from './repr.ts';
import type { FunctionDef, Thrown } from './worker-main.ts';

/**
 * A function exported by a module, run in a worker that imports the module: the form for work
 * that needs imports. `module` is a URL (`new URL('./work.ts', import.meta.url)`), a file URL
 * string or an absolute path; TypeScript modules load through tsx.
 */
export interface ModuleFunction {
  module: URL | string;
  export: string;
}

/**
 * What a worker can run: a self-contained function, whose source text travels to the worker
 * (it must use nothing but its parameters and the globals), or a {@link ModuleFunction}.
 */
// biome-ignore lint/suspicious/noExplicitAny: any function, whatever its parameters.
export type WorkerFunction = ((...args: any[]) => unknown) | ModuleFunction;

/** A function as the pool knows it: an id per distinct source text or module export. */
export interface FunctionSpec {
  id: number;
  def: FunctionDef;
  /** For messages: `double()`, `sha256File()`. */
  label: string;
}

let lastFunctionId = 0;
/** Specs by function object, so that a function's source is read once. */
const specsByFunction = new WeakMap<object, FunctionSpec>();
/** Specs by source text or `url#export`: equal functions share an id, so a worker compiles once. */
const specsByKey = new Map<string, FunctionSpec>();

/**
 * Returns the spec of a function to run in a worker.
 *
 * @throws TypeError for what cannot travel: a native or bound function, a class, a module that
 *   is given by a relative path, anything that is not a function or `{ module, export }`.
 * @internal
 */
export function _functionSpec(fn: WorkerFunction): FunctionSpec {
  if (typeof fn === 'function') {
    const known = specsByFunction.get(fn);
    if (known !== undefined) return known;
    const source = Function.prototype.toString.call(fn);
    if (source.endsWith('{ [native code] }')) {
      throw new TypeError(
        `${repr(fn)} cannot run in a worker thread: a native or bound function has no source`,
      );
    }
    if (/^class[\s{]/.test(source)) {
      throw new TypeError(`${repr(fn)} cannot run in a worker thread: a class is not callable`);
    }
    const spec = specFor(`source:${source}`, { source }, `${fn.name || '<anonymous>'}()`);
    specsByFunction.set(fn, spec);
    return spec;
  }
  if (fn === null || typeof fn !== 'object' || typeof fn.export !== 'string') {
    throw new TypeError(`a function or { module, export } is required, got ${repr(fn)}`);
  }
  const url = moduleUrl(fn.module);
  return specFor(
    `module:${url}#${fn.export}`,
    { module: url, export: fn.export },
    `${fn.export}()`,
  );
}

function specFor(key: string, def: FunctionDef, label: string): FunctionSpec {
  let spec = specsByKey.get(key);
  if (spec === undefined) {
    spec = { id: ++lastFunctionId, def, label };
    specsByKey.set(key, spec);
  }
  return spec;
}

/** The URL the worker imports: a relative path would resolve against the worker, not the caller. */
function moduleUrl(module: unknown): string {
  if (module instanceof URL) return module.href;
  if (typeof module === 'string') {
    if (module.startsWith('file:')) return new URL(module).href;
    if (isAbsolute(module)) return pathToFileURL(module).href;
  }
  throw new TypeError(
    `module must be a URL, a file URL or an absolute path, got ${repr(module)} ` +
      `(for a module beside yours: new URL('./work.ts', import.meta.url))`,
  );
}

/** A `DataCloneError` that says what could not be sent, and why. */
export function _cloneError(error: unknown, what: string): unknown {
  if (!(error instanceof Error) || error.name !== 'DataCloneError') return error;
  const clear = new DOMException(
    `could not send ${what} to a worker thread: ${error.message} Arguments and results are ` +
      'structured-cloned, which cannot copy functions, symbols, or objects that hold them.',
    'DataCloneError',
  );
  Object.defineProperty(clear, 'cause', { value: error, configurable: true, writable: true });
  return clear;
}

/** The errors whose class survives the trip: JavaScript's own, by name. */
const BUILTIN_ERRORS: Record<string, ErrorConstructor> = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

/**
 * Rebuilds what a job threw: a JavaScript error keeps its class; `DataCloneError` is a
 * `DOMException`; any other error (a class of the worker's, such as `ValueError`) comes back as
 * an `Error` with the same `name`. Message, stack and cloneable own properties are kept.
 */
export function _rebuildThrown(thrown: Thrown): unknown {
  if (thrown.kind === 'value') return thrown.value;
  const { name, message, stack, props } = thrown;
  const Builtin = Object.hasOwn(BUILTIN_ERRORS, name) ? BUILTIN_ERRORS[name] : undefined;
  let error: Error;
  if (Builtin !== undefined) {
    error = new Builtin(message);
  } else if (name === 'DataCloneError') {
    error = new DOMException(message, name);
  } else {
    error = new Error(message);
    Object.defineProperty(error, 'name', { value: name, configurable: true, writable: true });
  }
  if (stack !== undefined) error.stack = stack;
  if (props !== null) Object.assign(error, props);
  return error;
}
