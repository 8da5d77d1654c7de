/**
 * The other commands: hint levels, list, solution (and its question), --json with its schema,
 * and the flags that npm swallows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GradeResultSchema, gradeResultJsonSchema } from '../json-report.ts';
import { FixtureCourse } from './fixture.ts';

let course: FixtureCourse;
beforeEach(() => {
  course = new FixtureCourse();
});
afterEach(() => course.remove());

describe('hint', () => {
  test('each call shows the next hint, and the last one again once they are all shown', async () => {
    const first = await course.run(['hint', '01.1']);
    expect(first.output).toContain('hint 1 of 2');
    expect(first.output).toContain('A box keeps the value it was given.');
    const second = await course.run(['hint', '01.1']);
    expect(second.output).toContain('hint 2 of 2');
    expect(second.output).toContain('Box.get');
    expect(second.output).toContain('That was the last hint');
    const third = await course.run(['hint', '01.1']);
    expect(third.output).toContain('hint 2 of 2');
  });

  test('a failing grade names the next hint to ask for', async () => {
    await course.run(['hint', '01.1']);
    const result = await course.run(['grade', '01.1']);
    expect(result.output).toContain('npm run hint 01.1 (hint 2 of 2)');
  });
});

describe('list', () => {
  test('shows every exercise with its state and where the learner is', async () => {
    course.solve('01-base', 'base.ts');
    await course.run(['grade', '01.1']);
    const result = await course.run(['list']);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/✓ 01\.1 Make a box/);
    expect(result.output).toMatch(/→ · 02\.1 Box a value/);
    expect(result.output).toContain('Progress');
    expect(result.output).toContain('1/3');
  });

  test('an exercise whose files changed since it passed is shown as changed', async () => {
    course.solve('01-base', 'base.ts');
    await course.run(['grade', '01.1']);
    course.write(
      'exercises/01-base/base.ts',
      `${course.read('exercises/01-base/base.ts')}\n// edited\n`,
    );
    const result = await course.run(['list']);
    expect(result.output).toContain('01.1 Make a box (changed since last graded)');
  });
});

describe('solution', () => {
  test('for an exercise not yet passed it asks first, and refuses without a terminal unless --yes', async () => {
    const result = await course.run(['solution', '01.1']);
    expect(result.code).toBe(2);
    expect(result.output).toContain('add --yes');
    expect(result.output).not.toContain('+    return this._value;');
  });

  test('with --yes it shows the learner file against the solution', async () => {
    const result = await course.run(['solution', '01.1', '--yes']);
    expect(result.code).toBe(0);
    expect(result.output).toContain('+    return this._value;');
    expect(result.output).toContain("-    throw new Error('TODO(01.1): return the value');");
  });

  test('for an exercise already passed it shows the solution without asking', async () => {
    course.solve('01-base', 'base.ts');
    await course.run(['grade', '01.1']);
    const result = await course.run(['solution', '01.1']);
    expect(result.code).toBe(0);
    expect(result.output).toContain('The solution is in solutions/01-base/');
  });
});

describe('--json', () => {
  test('prints a result that follows the versioned schema, with locations', async () => {
    const result = await course.run(['grade', '01.1', '--json']);
    expect(result.code).toBe(1);
    const parsed = GradeResultSchema.parse(JSON.parse(result.stdout));
    expect(parsed.version).toBe(1);
    const exercise = parsed.exercises[0];
    expect(exercise?.status).toBe('failed');
    expect(exercise?.tests[0]).toMatchObject({
      status: 'failed',
      kind: 'todo',
      location: { file: 'exercises/01-base/base.ts', line: 8 },
    });
  });

  test('the committed JSON Schema document is the one generated from the schema', () => {
    const committed = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'grade-result.schema.json'), 'utf8'),
    );
    expect(committed).toEqual(gradeResultJsonSchema());
  });
});

describe('flags that npm keeps for itself', () => {
  const npm = { npm_lifecycle_event: 'grade' };

  test('`npm run grade --all` (no --) is noticed, honoured and explained', async () => {
    const result = await course.run(['grade'], { ...npm, npm_config_all: 'true' });
    expect(result.output).toContain('npm kept --all for itself');
    expect(result.output).toContain('npm run grade -- --all');
    expect(result.output).toContain('01.1 Make a box');
    expect(result.output).toContain('02.2 Wait for a value');
  });

  test('`--target solutions` given to npm is honoured', async () => {
    const result = await course.run(['grade', '01.1'], { ...npm, npm_config_target: 'solutions' });
    expect(result.code).toBe(0);
    expect(result.output).toContain('Target: solutions/');
  });

  test("npm's own empty `yes` setting does not count as --yes", async () => {
    const result = await course.run(['solution', '01.1'], {
      npm_lifecycle_event: 'solution',
      npm_config_yes: '',
    });
    expect(result.code).toBe(2);
  });
});
