import { describe, expect, test } from 'vitest';
import {
  CancelledError,
  ExceptionGroup,
  InvalidStateError,
  RuntimeError,
  repr,
  TimeoutError,
  ValueError,
} from '../src/index.ts';
import { shortRepr } from '../src/repr.ts';

describe('error classes', () => {
  test.each([
    ['CancelledError', CancelledError],
    ['InvalidStateError', InvalidStateError],
    ['TimeoutError', TimeoutError],
    ['RuntimeError', RuntimeError],
    ['ValueError', ValueError],
  ] as const)('%s is an Error with its name set, so that stacks read well', (name, Class) => {
    const error = new Class('boom');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(String(error)).toBe(`${name}: boom`);
    expect(error.stack?.startsWith(`${name}: boom`)).toBe(true);
    expect(Object.keys(error)).toEqual([]);
  });

  test('CancelledError is not a RuntimeError: code that catches errors must let it through', () => {
    expect(new CancelledError()).not.toBeInstanceOf(RuntimeError);
  });
});

describe('ExceptionGroup', () => {
  const tree = () => {
    const v1 = new ValueError('1');
    const t2 = new TypeError('2');
    const v3 = new ValueError('3');
    const r4 = new RuntimeError('4');
    const inner = new ExceptionGroup('inner', [t2, v3]);
    const top = new ExceptionGroup('top', [v1, inner, r4]);
    return { v1, t2, v3, r4, inner, top };
  };

  test('it is an AggregateError with a bare message and a readonly array of exceptions', () => {
    const { v1, inner, r4, top } = tree();
    expect(top).toBeInstanceOf(AggregateError);
    expect(top.name).toBe('ExceptionGroup');
    expect(top.message).toBe('top');
    expect(top.exceptions).toEqual([v1, inner, r4]);
    expect(top.errors).toEqual([v1, inner, r4]);
    expect(Object.isFrozen(top.exceptions)).toBe(true);
  });

  test('the constructor checks its arguments as Python does', () => {
    expect(() => new ExceptionGroup('x', [])).toThrow(
      new ValueError('second argument (exceptions) must be a non-empty sequence'),
    );
    expect(() => new ExceptionGroup(1 as never, [new Error()])).toThrow(TypeError);
    expect(() => new ExceptionGroup('x', 'abc' as never)).toThrow(TypeError);
  });

  test('split(Class) splits recursively, keeping the nesting and the messages', () => {
    const { v1, t2, v3, r4, top } = tree();
    const [match, rest] = top.split(ValueError);
    expect(repr(match)).toBe(
      "ExceptionGroup('top', [ValueError('1'), ExceptionGroup('inner', [ValueError('3')])])",
    );
    expect(repr(rest)).toBe(
      "ExceptionGroup('top', [ExceptionGroup('inner', [TypeError('2')]), RuntimeError('4')])",
    );
    const [m, r] = [match as ExceptionGroup, rest as ExceptionGroup];
    expect(m.exceptions[0]).toBe(v1);
    expect((m.exceptions[1] as ExceptionGroup).exceptions[0]).toBe(v3);
    expect((r.exceptions[0] as ExceptionGroup).exceptions[0]).toBe(t2);
    expect(r.exceptions[1]).toBe(r4);
  });

  test('split gives null for an empty side', () => {
    const { top } = tree();
    expect(top.split(SyntaxError)).toEqual([null, top]);
    const [match, rest] = top.split(Error);
    expect(match).toBe(top);
    expect(rest).toBe(null);
  });

  test('a condition that matches a group takes it whole', () => {
    const { inner, top } = tree();
    const [match] = top.split(ExceptionGroup);
    expect(match).toBe(top);
    const sub = top.subgroup((e) => e instanceof ExceptionGroup && e.message === 'inner');
    expect(sub?.exceptions).toEqual([inner]);
    expect(sub?.exceptions[0]).toBe(inner);
  });

  test('a predicate sees the group first, then each member, depth first', () => {
    const { top } = tree();
    const seen: string[] = [];
    top.split((e) => {
      seen.push(repr(e).split('(')[0] + (e instanceof Error ? `:${e.message}` : ''));
      return false;
    });
    expect(seen).toEqual([
      'ExceptionGroup:top',
      'ValueError:1',
      'ExceptionGroup:inner',
      'TypeError:2',
      'ValueError:3',
      'RuntimeError:4',
    ]);
  });

  test('subgroup(condition) is the matching side of split, or null', () => {
    const { top } = tree();
    expect(repr(top.subgroup(RuntimeError))).toBe("ExceptionGroup('top', [RuntimeError('4')])");
    expect(top.subgroup(() => true)).toBe(top);
    expect(top.subgroup(SyntaxError)).toBe(null);
  });

  test('the groups that split builds keep the cause', () => {
    const cause = new Error('why');
    const group = new ExceptionGroup('g', [new ValueError('a'), new TypeError('b')]);
    group.cause = cause;
    const [match, rest] = group.split(ValueError);
    expect(match?.cause).toBe(cause);
    expect(rest?.cause).toBe(cause);
  });

  test('any thrown value can be a member, as JavaScript can throw anything', () => {
    const group = new ExceptionGroup('g', ['text', 42, new ValueError('v')]);
    const [match, rest] = group.split((e) => typeof e === 'string');
    expect(match?.exceptions).toEqual(['text']);
    expect(rest?.exceptions).toEqual([42, new ValueError('v')]);
  });
});

describe('repr', () => {
  test.each([
    ['x', "'x'"],
    ["it's", '"it\'s"'],
    ['a\nb\\', "'a\\nb\\\\'"],
    [null, 'None'],
    [undefined, 'None'],
    [true, 'True'],
    [false, 'False'],
    [42, '42'],
    [1.5, '1.5'],
    [1e-7, '1e-07'],
    [Number.NaN, 'nan'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [10n, '10'],
    [[1, 'a', [null]], "[1, 'a', [None]]"],
    [{ a: 1 }, "{'a': 1}"],
    [new Set(), 'set()'],
    [new Set([1]), '{1}'],
    [new Map([['k', 1]]), "{'k': 1}"],
    [new ValueError('e'), "ValueError('e')"],
    [new CancelledError(), 'CancelledError()'],
  ])('repr(%o) is %s', (value, expected) => {
    expect(repr(value)).toBe(expected);
  });

  test('functions, classes and generators read as in Python', () => {
    function named() {}
    function* gen() {}
    expect(repr(named)).toBe('<function named>');
    expect(repr(class Thing {})).toBe("<class 'Thing'>");
    expect(repr(gen())).toBe('<generator object>');
  });

  test('objects with their own toString use it; a cycle shows as ...', () => {
    expect(repr({ toString: () => 'custom' })).toBe("{'toString': <function toString>}");
    class Custom {
      toString() {
        return '<Custom>';
      }
    }
    expect(repr(new Custom())).toBe('<Custom>');
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(repr(cycle)).toBe('[...]');
  });

  test('shortRepr shortens long strings and lists as reprlib does', () => {
    expect(shortRepr('x'.repeat(100))).toBe("'xxxxxxxxxxxx...xxxxxxxxxxxxx'");
    expect(shortRepr([1, 2, 3, 4, 5, 6, 7, 8])).toBe('[1, 2, 3, 4, 5, 6, ...]');
  });
});
