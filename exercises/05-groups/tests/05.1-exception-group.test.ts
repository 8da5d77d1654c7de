import { describe, expect, test } from 'vitest';
import { RuntimeError, ValueError } from '#course/errors';
import { ExceptionGroup } from '#course/groups';
import { errorText } from '#testing/05-groups';

/** The text of each side of a split, `null` for an empty side. */
function sides(pair: [ExceptionGroup | null, ExceptionGroup | null]): (string | null)[] {
  return pair.map((side) => (side === null ? null : errorText(side)));
}

describe('05.1 ExceptionGroup: many errors as one', () => {
  test('a group is an Error and an AggregateError, with its bare message and its members in order', () => {
    const a = new ValueError('a');
    const b = new RuntimeError('b');
    const group = new ExceptionGroup('two failures', [a, b]);
    expect(group).toBeInstanceOf(Error);
    expect(group).toBeInstanceOf(AggregateError);
    expect(group.name).toBe('ExceptionGroup');
    expect(group.message).toBe('two failures');
    expect(group.exceptions.length).toBe(2);
    expect(group.exceptions[0]).toBe(a);
    expect(group.exceptions[1]).toBe(b);
    // AggregateError's own property holds the same members.
    expect(group.errors).toEqual([a, b]);
  });

  test('the members are a frozen copy: changing the array given later changes nothing', () => {
    const members: unknown[] = [new ValueError('a')];
    const group = new ExceptionGroup('m', members);
    members.push(new ValueError('added later'));
    expect(group.exceptions.length).toBe(1);
    expect(Object.isFrozen(group.exceptions)).toBe(true);
  });

  test('any thrown value may be a member, as JavaScript can throw anything', () => {
    const group = new ExceptionGroup('odd', ['a string', undefined, 42]);
    expect(group.exceptions).toEqual(['a string', undefined, 42]);
  });

  test('an empty list is a ValueError; a message that is not a string, or members that are not an array, a TypeError', () => {
    expect(() => new ExceptionGroup('m', [])).toThrow(ValueError);
    expect(() => new ExceptionGroup('m', [])).toThrow(
      'second argument (exceptions) must be a non-empty sequence',
    );
    expect(() => new ExceptionGroup(42 as unknown as string, [new ValueError('a')])).toThrow(
      TypeError,
    );
    expect(() => new ExceptionGroup('m', new ValueError('a') as unknown as Error[])).toThrow(
      TypeError,
    );
  });

  test('split(ErrorClass) gives [match, rest]: two groups with the same message', () => {
    const group = new ExceptionGroup('m', [
      new ValueError('a'),
      new RuntimeError('b'),
      new ValueError('c'),
    ]);
    const [match, rest] = group.split(ValueError);
    expect(match).toBeInstanceOf(ExceptionGroup);
    expect(rest).toBeInstanceOf(ExceptionGroup);
    expect(sides([match, rest])).toEqual([
      'ExceptionGroup: m [ValueError: a, ValueError: c]',
      'ExceptionGroup: m [RuntimeError: b]',
    ]);
    // The members themselves, not copies.
    expect(match?.exceptions[0]).toBe(group.exceptions[0]);
  });

  test('an empty side of a split is null, and subgroup() is null when nothing matches', () => {
    const group = new ExceptionGroup('m', [new ValueError('a'), new ValueError('b')]);
    expect(sides(group.split(ValueError))).toEqual([
      'ExceptionGroup: m [ValueError: a, ValueError: b]',
      null,
    ]);
    expect(sides(group.split(RuntimeError))).toEqual([
      null,
      'ExceptionGroup: m [ValueError: a, ValueError: b]',
    ]);
    expect(group.subgroup(RuntimeError)).toBe(null);
  });

  test('nested groups are split too, and stay nested on both sides', () => {
    const group = new ExceptionGroup('outer', [
      new ValueError('a'),
      new RuntimeError('b'),
      new ExceptionGroup('inner', [new ValueError('c'), new RuntimeError('d')]),
    ]);
    expect(sides(group.split(ValueError))).toEqual([
      'ExceptionGroup: outer [ValueError: a, ExceptionGroup: inner [ValueError: c]]',
      'ExceptionGroup: outer [RuntimeError: b, ExceptionGroup: inner [RuntimeError: d]]',
    ]);
    expect(errorText(group.subgroup(RuntimeError))).toBe(
      'ExceptionGroup: outer [RuntimeError: b, ExceptionGroup: inner [RuntimeError: d]]',
    );
  });

  test('a group that matches the condition itself is taken whole, as it is', () => {
    const group = new ExceptionGroup('m', [new ValueError('a'), new RuntimeError('b')]);
    expect(group.subgroup(ExceptionGroup)).toBe(group);
    const [match, rest] = group.split(Error);
    expect(match).toBe(group);
    expect(rest).toBe(null);
  });

  test('a predicate works as a condition, and is asked about nested groups too', () => {
    const inner = new ExceptionGroup('inner', [new ValueError('c')]);
    const group = new ExceptionGroup('outer', [new ValueError('a'), 'a string', inner]);
    expect(sides(group.split((e) => typeof e === 'string'))).toEqual([
      'ExceptionGroup: outer [thrown string: a string]',
      'ExceptionGroup: outer [ValueError: a, ExceptionGroup: inner [ValueError: c]]',
    ]);
    const [match] = group.split((e) => e instanceof ExceptionGroup && e.message === 'inner');
    expect(match?.exceptions).toEqual([inner]);
    expect(match?.exceptions[0]).toBe(inner);
  });

  test('both sides of a split keep the cause of the original group', () => {
    const cause = new RuntimeError('why');
    const group = new ExceptionGroup('m', [new ValueError('a'), new RuntimeError('b')]);
    group.cause = cause;
    const [match, rest] = group.split(ValueError);
    expect(match?.cause).toBe(cause);
    expect(rest?.cause).toBe(cause);
  });

  test('split builds each side with derive(), which a subclass may override', () => {
    class NamedGroup extends ExceptionGroup {
      override derive(exceptions: readonly unknown[]): ExceptionGroup {
        return new NamedGroup(`${this.message} (part)`, exceptions);
      }
    }
    const group = new NamedGroup('m', [new ValueError('a'), new RuntimeError('b')]);
    const [match, rest] = group.split(ValueError);
    expect(match).toBeInstanceOf(NamedGroup);
    expect(sides([match, rest])).toEqual([
      'ExceptionGroup: m (part) [ValueError: a]',
      'ExceptionGroup: m (part) [RuntimeError: b]',
    ]);
  });

  test('a condition that is neither an error class nor a function is a TypeError', () => {
    const group = new ExceptionGroup('m', [new ValueError('a')]);
    expect(() => group.split(42 as never)).toThrow(TypeError);
  });
});
