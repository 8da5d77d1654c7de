/**
 * Bad input gets a clear message and loses nothing (COURSE.md section 5): every case the
 * grader must survive, on the fixture course.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FixtureCourse } from './fixture.ts';

let course: FixtureCourse;
beforeEach(() => {
  course = new FixtureCourse();
});
afterEach(() => course.remove());

const BASE = 'exercises/01-base/base.ts';
/** The solution of lesson 01 with one method's body replaced. */
const withGetBody = (body: string) =>
  course.read('solutions/01-base/base.ts').replace('return this._value;', body);

describe("the learner's code", () => {
  test('a syntax error is reported with its file and line, and fails', async () => {
    course.write(BASE, withGetBody('return this._value'.concat(' +;')));
    const result = await course.run(['grade', '01.1']);
    expect(result.code).toBe(1);
    expect(result.output).toContain('The test file could not load your code');
    expect(result.output).toMatch(/exercises\/01-base\/base\.ts:\d+:\d+ TS1109/);
  });

  test('a missing export is named', async () => {
    course.write(BASE, 'export class Crate {}\n');
    const result = await course.run(['grade', '01.1']);
    expect(result.code).toBe(1);
    expect(result.output).toContain('exercises/01-base/base.ts does not export `Box`');
  });

  test('a synchronous infinite loop is reported as hung, naming the test, within 15 s', async () => {
    course.write(BASE, withGetBody('while (true) {}'));
    const started = Date.now();
    const result = await course.run(['grade', '01.1']);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.code).toBe(1);
    expect(result.output).toContain('✗ get() returns the value the box was made with');
    expect(result.output).toContain('never returned');
    expect(result.output).toContain('find the loop that never ends');
  });

  test('an infinite loop at import time is reported as a hang while loading', async () => {
    course.write(BASE, `while (Date.now() > 0) {}\n${course.read('solutions/01-base/base.ts')}`);
    const result = await course.run(['grade', '01.1']);
    expect(result.code).toBe(1);
    expect(result.output).toContain('loading the test file and your code never finished');
  });

  test('code that never finishes (a promise that never settles) fails with a plain explanation', async () => {
    course.solve('01-base', 'base.ts');
    course.solveWith(
      '02-uses',
      'uses.ts',
      'return Promise.resolve(boxed(value));',
      'return new Promise(() => {});',
    );
    const result = await course.run(['grade', '02.2']);
    expect(result.code).toBe(1);
    expect(result.output).toContain('the test waited for your code, which never finished');
  });

  test('process.exit() in learner code is caught and reported, and the grader still reports', async () => {
    course.write(BASE, withGetBody('process.exit(0);'));
    const result = await course.run(['grade', '01.1']);
    expect(result.code).toBe(1);
    expect(result.output).toContain('your code called process.exit()');
    expect(result.output).toContain('Progress');
  });

  test('a thrown non-Error is reported as such', async () => {
    course.write(BASE, withGetBody("throw 'oops';"));
    const result = await course.run(['grade', '01.1']);
    expect(result.code).toBe(1);
    expect(result.output).toContain('threw something that is not an Error');
  });
});

describe('the command line', () => {
  test('an unknown exercise id is a usage error that lists the valid ids', async () => {
    const result = await course.run(['grade', '07.3']);
    expect(result.code).toBe(2);
    expect(result.output).toContain('there is no exercise "07.3"');
    expect(result.output).toContain('exercise ids run from 01.1 to 02.2');
  });

  test('an unknown flag is a usage error', async () => {
    const result = await course.run(['grade', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.output).toContain("Unknown option '--bogus'");
  });

  test('a corrupt progress file is moved aside, said, and rebuilt from the tests', async () => {
    course.solve('01-base', 'base.ts');
    course.write('.course/progress.json', '{ this is not json');
    const result = await course.run(['grade', '01.1']);
    expect(result.code).toBe(0);
    expect(result.output).toContain('Your progress file could not be read, so it was moved to');
    const moved = readdirSync(join(course.root, '.course')).filter((name) =>
      name.startsWith('progress.json.corrupt-'),
    );
    expect(moved).toHaveLength(1);
    expect(JSON.parse(course.read('.course/progress.json')).exercises['01.1'].status).toBe(
      'passed',
    );
  });

  test('an edited test file is warned about on every run', async () => {
    const test = 'exercises/01-base/tests/01.1-box.test.ts';
    course.write(test, course.read(test).replace('toBe(42)', 'toBeDefined()'));
    for (const args of [['grade', '01.1'], ['list']]) {
      const result = await course.run(args);
      expect(result.output).toContain(`The test file ${test} differs from the course's`);
    }
  });
});

describe('reset', () => {
  test('resetting an unchanged stub changes nothing and says so', async () => {
    const result = await course.run(['reset', '01.1']);
    expect(result.code).toBe(0);
    expect(result.output).toContain('Nothing to reset');
    expect(existsSync(join(course.root, '.course', 'backups'))).toBe(false);
  });

  test("resetting a changed file restores the stub and keeps the learner's version in a backup", async () => {
    const stub = course.read(BASE);
    course.write(BASE, '// my work\n');
    const result = await course.run(['reset', '01.1']);
    expect(result.code).toBe(0);
    expect(course.read(BASE)).toBe(stub);
    const backup = /kept in (\S+)\//.exec(result.output)?.[1] ?? '';
    expect(backup).toMatch(/^\.course\/backups\//);
    expect(course.read(`${backup}/${BASE}`)).toBe('// my work\n');
  });

  test('reset --all restores every changed stub into one backup', async () => {
    course.write(BASE, '// one\n');
    course.write('exercises/02-uses/uses.ts', '// two\n');
    const result = await course.run(['reset', '--all']);
    expect(result.code).toBe(0);
    expect(course.read(BASE)).toContain('TODO(01.1)');
    expect(course.read('exercises/02-uses/uses.ts')).toContain('TODO(02.1)');
    const backup = /kept in (\S+)\//.exec(result.output)?.[1] ?? '';
    expect(course.read(`${backup}/exercises/02-uses/uses.ts`)).toBe('// two\n');
  });

  test('reset with no id is a usage error', async () => {
    const result = await course.run(['reset']);
    expect(result.code).toBe(2);
    expect(result.output).toContain('say what to reset');
  });
});
