// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are source text to find and replace, placeholders included.
/**
 * The classic mistakes of lesson 01 (generators as coroutines), each planted in a copy of
 * `solutions/01-generators/generators.ts`, with the exercises whose suites must catch it.
 */
import type { PlantedMistake } from '../mistake.ts';

const mistakes: PlantedMistake[] = [
  {
    name: 'countdown checks n eagerly, at the call, instead of at the first next()',
    file: 'generators.ts',
    find: "export function* countdown(n: number): Generator<number, string, undefined> {\n  if (n < 0) throw new RangeError(`countdown(${n}): n must not be negative`);\n  for (let i = n; i > 0; i--) {\n    yield i;\n  }\n  return 'liftoff';\n}",
    replace:
      "export function countdown(n: number): Generator<number, string, undefined> {\n  if (n < 0) throw new RangeError(`countdown(${n}): n must not be negative`);\n  return (function* () {\n    for (let i = n; i > 0; i--) {\n      yield i;\n    }\n    return 'liftoff';\n  })();\n}",
    caughtBy: ['01.1'],
  },
  {
    name: 'runningTotal takes next(0) for a bare next() (a falsy test instead of undefined)',
    file: 'generators.ts',
    find: 'if (x === undefined) return total;',
    replace: 'if (!x) return total;',
    caughtBy: ['01.2'],
  },
  {
    name: 'ticker swallows the error thrown into it',
    file: 'generators.ts',
    find: '    throw error;\n  } finally',
    replace: "    return 'swallowed';\n  } finally",
    caughtBy: ['01.3'],
  },
  {
    name: 'drive ignores what throw() returns, as if the generator could not go on',
    file: 'generators.ts',
    find: '      step = coro.throw(error);\n      continue;',
    replace: '      coro.throw(error);\n      step = coro.next();\n      continue;',
    caughtBy: ['01.5'],
  },
  {
    name: 'roundRobin puts a generator that yielded back at the front (a stack, not a queue)',
    file: 'generators.ts',
    find: '    } else {\n      ready.push(entry);\n    }\n    entry = ready.shift();',
    replace: '    } else {\n      ready.unshift(entry);\n    }\n    entry = ready.shift();',
    caughtBy: ['01.6'],
  },
  {
    name: 'roundRobin records results in the order the generators finish',
    file: 'generators.ts',
    find: '      results[entry.index] = step.value;\n    } else {',
    replace: '      results.push(step.value);\n    } else {',
    caughtBy: ['01.6'],
  },
  {
    name: 'a signal can fire twice',
    file: 'generators.ts',
    find: "    if (this._fired) throw new Error('this signal has already fired');\n",
    replace: '',
    caughtBy: ['01.7'],
  },
  {
    name: 'the signal iterator returns _value without checking that the signal fired',
    file: 'generators.ts',
    find: '    return this.value();\n  }\n}',
    replace: '    return this._value as T;\n  }\n}',
    caughtBy: ['01.7'],
  },
  {
    name: 'onFire callbacks run in reverse order',
    file: 'generators.ts',
    find: 'for (const callback of callbacks) callback();',
    replace: 'for (const callback of callbacks.reverse()) callback();',
    caughtBy: ['01.7', '01.8'],
  },
  {
    name: 'runAll treats a yielded Signal like a bare yield (no sleeping)',
    file: 'generators.ts',
    find: '    } else if (step.value instanceof Signal) {\n      step.value.onFire(() => ready.push(current));\n    } else {',
    replace: '    } else {',
    caughtBy: ['01.8'],
  },
  {
    name: 'runAll puts a coroutine that wakes at the front of the queue',
    file: 'generators.ts',
    find: 'step.value.onFire(() => ready.push(current));',
    replace: 'step.value.onFire(() => ready.unshift(current));',
    caughtBy: ['01.8'],
  },
  {
    name: 'runAll returns when the queue is empty although coroutines still sleep',
    file: 'generators.ts',
    find: '  if (unfinished > 0) {',
    replace: '  if (unfinished < 0) {',
    caughtBy: ['01.8'],
  },
];

export default mistakes;
