/**
 * Grading the fixture course end to end: exit codes, the three targets, the tsc check, and a
 * lesson whose module imports an earlier one through `#course/base`, also when the learner's
 * earlier module is broken.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FixtureCourse } from './fixture.ts';

let course: FixtureCourse;
beforeEach(() => {
  course = new FixtureCourse();
});
afterEach(() => course.remove());

describe('grading an exercise', () => {
  test('an untouched stub fails with exit code 1, naming the test and the TODO in the learner file', async () => {
    const result = await course.run(['grade', '01.1']);
    expect(result.code).toBe(1);
    expect(result.output).toContain('✗ 01.1 Make a box');
    expect(result.output).toContain('get() returns the value the box was made with');
    expect(result.output).toContain('not written yet: TODO(01.1)');
    expect(result.output).toContain('your code: exercises/01-base/base.ts:8:');
    expect(result.output).toContain('npm run hint 01.1');
  });

  test("the solution's file copied over the stub passes with exit code 0", async () => {
    course.solve('01-base', 'base.ts');
    const result = await course.run(['grade', '1.1']);
    expect(result.code).toBe(0);
    expect(result.output).toContain('✓ 01.1 Make a box');
    expect(result.output).toContain('Progress');
  });

  test('a wrong value shows expected against actual and the learner file', async () => {
    course.solveWith('01-base', 'base.ts', 'return this._value;', 'return undefined as T;');
    const result = await course.run(['grade', '01.1']);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/expected:\s+42/);
    expect(result.output).toMatch(/actual:\s+undefined/);
    expect(result.output).toContain('the test: exercises/01-base/tests/01.1-box.test.ts:6');
  });

  test('with no id, the first exercise not yet passed is graded', async () => {
    course.solve('01-base', 'base.ts');
    await course.run(['grade', '01.1']);
    const result = await course.run(['grade']);
    expect(result.output).toContain('02.1 Box a value');
    expect(result.code).toBe(1);
  });

  test('a lesson id grades every exercise of the lesson', async () => {
    course.solve('02-uses', 'uses.ts');
    const result = await course.run(['grade', '2']);
    expect(result.output).toContain('✓ 02.1 Box a value');
    expect(result.output).toContain('✓ 02.2 Wait for a value');
    expect(result.code).toBe(0);
  });
});

describe('re-checking the earlier exercises of the lesson', () => {
  test('an earlier exercise that passed and now fails is reported as a regression (exit code 1)', async () => {
    course.solve('01-base', 'base.ts');
    course.solve('02-uses', 'uses.ts');
    expect((await course.run(['grade', '02.1'])).code).toBe(0);
    course.write(
      'exercises/02-uses/uses.ts',
      course
        .read('exercises/02-uses/uses.ts')
        .replace('return new Box(value);', 'return new Box(value === 7 ? (8 as T) : value);'),
    );
    const result = await course.run(['grade', '02.2']);
    expect(result.output).toContain('✓ 02.2 Wait for a value');
    expect(result.output).toContain('02.1 passed before, and fails now');
    expect(result.code).toBe(1);
  });

  test('an earlier exercise that never passed is only mentioned', async () => {
    course.solve('01-base', 'base.ts');
    course.solveWith(
      '02-uses',
      'uses.ts',
      'return new Box(value);',
      'return new Box(value === 7 ? (8 as T) : value);',
    );
    const result = await course.run(['grade', '02.2']);
    expect(result.output).not.toContain('passed before');
    expect(result.output).toContain('Earlier exercises of this lesson that do not pass yet: 02.1');
    expect(result.code).toBe(0);
  });
});

describe('targets', () => {
  test.each(['solutions', 'reference'])('every suite passes on the %s', async (target) => {
    const result = await course.run(['grade', '--all', '--target', target]);
    expect(result.output).toContain(`Target: ${target}/`);
    expect(result.code).toBe(0);
  });

  test('an unknown target is a usage error (exit code 2)', async () => {
    const result = await course.run(['grade', '01.1', '--target', 'mine']);
    expect(result.code).toBe(2);
    expect(result.output).toContain('unknown target "mine"');
  });
});

describe("a lesson built on the learner's earlier lesson", () => {
  test("uses the learner's lesson 01 when it passes, and instanceof holds across #course/base", async () => {
    course.solve('01-base', 'base.ts');
    course.solve('02-uses', 'uses.ts');
    const result = await course.run(['grade', '02.1']);
    expect(result.code).toBe(0);
    expect(result.output).not.toContain("using the course's");
  });

  test("when the learner's lesson 01 is broken, grades 02.1 on the solution's base.ts and says so", async () => {
    course.write('exercises/01-base/base.ts', 'export class Box<T> { oops( }\n');
    course.solve('02-uses', 'uses.ts');
    const result = await course.run(['grade', '02.1']);
    expect(result.output).toContain(
      "using the course's base.ts: your lesson 01 does not pass yet (01.1 fails)",
    );
    expect(result.code).toBe(0);
  });

  test('a type error in the current lesson fails the exercise, with its file and line', async () => {
    course.solve('01-base', 'base.ts');
    course.solveWith(
      '02-uses',
      'uses.ts',
      'return new Box(value);',
      'const n: number = "x";\n  return new Box(value);',
    );
    const result = await course.run(['grade', '02.1']);
    expect(result.code).toBe(1);
    expect(result.output).toContain('Type errors in your code (1)');
    expect(result.output).toContain('exercises/02-uses/uses.ts:5:9 TS2322');
  });

  test('the tsc check also runs with the earlier module substituted', async () => {
    course.write('exercises/01-base/base.ts', 'export const nothing = 1;\n');
    course.solveWith('02-uses', 'uses.ts', 'return new Box(value);', 'return new Box(value, 1);');
    const result = await course.run(['grade', '02.1']);
    expect(result.output).toContain("using the course's base.ts");
    expect(result.output).toContain('TS2554');
    expect(result.code).toBe(1);
  });
});
