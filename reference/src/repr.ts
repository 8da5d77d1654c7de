/**
 * Python-style `repr()` for the values that asyncio's messages embed (`Task got bad yield: 42`,
 * `<Future finished result='x'>`), so that the course's messages read like CPython's.
 *
 * @module
 */

/**
 * Returns `value` as Python's `repr()` would show the nearest Python value: strings in single
 * quotes, `null` and `undefined` as `None`, booleans as `True`/`False`, arrays as lists, errors
 * as `ValueError('message')`, and futures, tasks and handles through their own `toString()`.
 *
 * @param value - Anything.
 * @returns The Python-style representation.
 */
export function repr(value: unknown): string {
  return reprIn(value, new Set(), Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
}

/**
 * Like {@link repr}, but with the length limits of Python's `reprlib.repr`, which asyncio uses
 * for a future's result: strings of more than 30 characters keep their ends around `...`,
 * lists show their first 6 items.
 *
 * @param value - Anything.
 * @returns The shortened representation.
 */
export function shortRepr(value: unknown): string {
  return reprIn(value, new Set(), MAX_STRING, MAX_LIST);
}

/** `reprlib.Repr.maxstring`. */
const MAX_STRING = 30;
/** `reprlib.Repr.maxlist`. */
const MAX_LIST = 6;

function reprIn(value: unknown, seen: Set<object>, maxString: number, maxList: number): string {
  switch (typeof value) {
    case 'string':
      return clip(quote(value), maxString);
    case 'number':
      return numberRepr(value);
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'undefined':
      return 'None';
    case 'symbol':
      return String(value);
    case 'function':
      return functionRepr(value);
  }
  if (value === null) return 'None';
  const object = value as object;
  // Python's reprlib.recursive_repr shows a cycle as '...'.
  if (seen.has(object)) return '...';
  seen.add(object);
  try {
    return objectRepr(object, (item) => reprIn(item, seen, maxString, maxList), maxList);
  } finally {
    seen.delete(object);
  }
}

function objectRepr(object: object, inner: (item: unknown) => string, maxList: number): string {
  if (Array.isArray(object)) return `[${items(object, inner, maxList)}]`;
  if (object instanceof Error) return errorRepr(object, inner);
  if (object instanceof Set)
    return object.size ? `{${items([...object], inner, maxList)}}` : 'set()';
  if (object instanceof Map) {
    const pairs = [...object].map(([k, v]) => `${inner(k)}: ${inner(v)}`);
    return `{${pairs.join(', ')}}`;
  }
  if (isGenerator(object)) return '<generator object>';
  const proto = Object.getPrototypeOf(object);
  if (proto === Object.prototype || proto === null) {
    const pairs = Object.entries(object).map(([k, v]) => `${quote(k)}: ${inner(v)}`);
    return `{${pairs.join(', ')}}`;
  }
  // Futures, tasks and handles carry asyncio's repr in their toString().
  if (object.toString !== Object.prototype.toString) return String(object);
  return `<${proto?.constructor?.name ?? 'Object'} object>`;
}

function items(
  list: readonly unknown[],
  inner: (item: unknown) => string,
  maxList: number,
): string {
  const shown = list.slice(0, maxList).map(inner);
  if (list.length > maxList) shown.push('...');
  return shown.join(', ');
}

function errorRepr(error: Error, inner: (item: unknown) => string): string {
  const args: string[] = [];
  // Python tells CancelledError('') from CancelledError(): so does an own `message`.
  if (error.message !== '' || Object.hasOwn(error, 'message') || 'exceptions' in error) {
    args.push(inner(error.message));
  }
  const group = (error as { exceptions?: unknown }).exceptions;
  if (Array.isArray(group)) args.push(`[${group.map(inner).join(', ')}]`);
  return `${error.name}(${args.join(', ')})`;
}

function functionRepr(fn: { name: string; prototype?: unknown }): string {
  const name = fn.name || '<anonymous>';
  return /^class[\s{]/.test(Function.prototype.toString.call(fn))
    ? `<class '${name}'>`
    : `<function ${name}>`;
}

function isGenerator(object: object): boolean {
  return Object.prototype.toString.call(object) === '[object Generator]';
}

function numberRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  // Python writes exponents with at least two digits: 1e-07, not 1e-7.
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's string repr: single quotes unless the text has one and no double quote. */
function quote(text: string): string {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of text) out += escapeChar(ch, q);
  return out + q;
}

function escapeChar(ch: string, q: string): string {
  switch (ch) {
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case q:
      return `\\${q}`;
  }
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  return ch;
}

/** reprlib's cut: keep both ends of a long representation around '...'. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.max(0, Math.floor((max - 3) / 2));
  const tail = Math.max(0, max - 3 - head);
  return `${text.slice(0, head)}...${text.slice(text.length - tail)}`;
}

/** asyncio's names of the runtime's own callbacks, by source text (see {@link nameCallback}). */
const pythonNames = new Map<string, string>();

/**
 * Shows the runtime's own callbacks made by `sample`'s code under the name asyncio's reprs
 * give them (`Task.task_wakeup`, `_run_until_complete_cb`). The match is on the source text, so
 * that every closure made by one expression (a task's wake-up) shares the name with nothing
 * stored per closure.
 *
 * @internal
 */
export function nameCallback(sample: (...args: never[]) => unknown, pythonName: string): void {
  pythonNames.set(Function.prototype.toString.call(sample), pythonName);
}

/**
 * Names a callback as asyncio's `format_helpers` does in non-debug mode: `name()`, with the
 * `bound ` prefix of a bound function dropped (asyncio's arguments are shown only in debug mode).
 *
 * @param callback - A function, or `null` once a handle was cancelled.
 * @returns The callback's name followed by `()`.
 */
export function callbackRepr(callback: unknown): string {
  if (typeof callback !== 'function') return '<anonymous>()';
  const known = pythonNames.get(Function.prototype.toString.call(callback));
  const name = known ?? (callback.name.replace(/^(bound )+/, '') || '<anonymous>');
  return `${name}()`;
}
