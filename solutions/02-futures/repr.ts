/**
 * Lesson 02: Python-style `repr()` for the values that asyncio's messages show
 * (`<Future finished result='x'>`, `exception=ValueError('e')`). Given whole: formatting is not
 * what the lesson is about, but it makes the course's messages read like CPython's.
 */

/** reprlib's limits, which asyncio uses for a future's result. */
const MAX_STRING = 30;
const MAX_LIST = 6;

/**
 * Returns `value` as Python's `repr()` would show the nearest Python value: strings in quotes,
 * `null` and `undefined` as `None`, booleans as `True`/`False`, arrays as lists, errors as
 * `ValueError('message')`, and objects with their own `toString()` (futures, handles) through it.
 */
export function repr(value: unknown): string {
  return format(value, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, new Set());
}

/**
 * Like {@link repr}, with the limits of Python's `reprlib.repr`: a string longer than 30
 * characters keeps its two ends around `...`, a list shows its first 6 items.
 */
export function shortRepr(value: unknown): string {
  return format(value, MAX_STRING, MAX_LIST, new Set());
}

/**
 * Names a callback as asyncio does outside debug mode: `name()` (`<anonymous>()` for an
 * anonymous function, and without the `bound ` prefix of a bound function).
 */
export function callbackRepr(callback: { readonly name: string } | null): string {
  const name = callback?.name?.replace(/^(bound )+/, '') || '<anonymous>';
  return `${name}()`;
}

function format(value: unknown, maxString: number, maxList: number, seen: Set<object>): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return clip(quote(value), maxString);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return numberRepr(value);
  if (typeof value === 'function') return `<function ${value.name || '<anonymous>'}>`;
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return '...';
  seen.add(value);
  try {
    const inner = (item: unknown) => format(item, maxString, maxList, seen);
    if (Array.isArray(value)) {
      const shown = value.slice(0, maxList).map(inner);
      if (value.length > maxList) shown.push('...');
      return `[${shown.join(', ')}]`;
    }
    if (value instanceof Error) {
      return `${value.name}(${value.message === '' ? '' : inner(value.message)})`;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const pairs = Object.entries(value).map(([k, v]) => `${quote(k)}: ${inner(v)}`);
      return `{${pairs.join(', ')}}`;
    }
    // Futures and handles carry asyncio's repr in their own toString().
    if (value.toString !== Object.prototype.toString) return String(value);
    // A generator object's class has no name to show; Python says `<generator object ...>`.
    if (Object.prototype.toString.call(value) === '[object Generator]') return '<generator object>';
    return `<${proto?.constructor?.name || 'Object'} object>`;
  } finally {
    seen.delete(value);
  }
}

function numberRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}

/** Python's string repr: single quotes, unless the text has one and no double quote. */
function quote(text: string): string {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'";
  const body = text
    .replaceAll('\\', '\\\\')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\t', '\\t')
    .replaceAll(q, `\\${q}`);
  return q + body + q;
}

/** reprlib's cut: keep both ends of a long representation around '...'. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.floor((max - 3) / 2);
  const tail = max - 3 - head;
  return `${text.slice(0, head)}...${text.slice(text.length - tail)}`;
}
