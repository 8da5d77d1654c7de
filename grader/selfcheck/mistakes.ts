/**
 * Replays the planted mistakes (`mistakes/LL-name.ts`): each classic mistake of a
 * re-implementation is written into a copy of the lesson's solution, and the suites it names
 * must fail on that copy. All mistakes run in one vitest run, one project each.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Exercise, Lesson, Manifest } from '../manifest.ts';
import { aliasesOf, resolveModules } from '../resolve.ts';
import { runSuitesToCompletion, type SuiteOutcome, suiteKey } from '../run-suites.ts';
import type { PlanProject } from '../vitest/plan.ts';
import { type CheckResult, FAIL, OK } from './check.ts';
import type { PlantedMistake } from './mistake.ts';

interface Planted {
  lesson: Lesson;
  mistake: PlantedMistake;
  /** The exercises whose suites must catch it (its `caughtBy`). */
  catching: Exercise[];
  project: PlanProject;
}

export async function checkMistakes(manifest: Manifest): Promise<CheckResult> {
  const root = manifest.root;
  const scratch = join(root, '.course', 'selfcheck', 'mistakes');
  rmSync(scratch, { recursive: true, force: true });
  const lines: string[] = [];
  let ok = true;
  const planted: Planted[] = [];

  for (const lesson of manifest.lessons) {
    const list = await loadMistakes(root, lesson);
    list.forEach((mistake, n) => {
      const dir = join(scratch, `${lesson.slug}-${n + 1}`);
      cpSync(join(root, 'solutions', lesson.slug), dir, { recursive: true });
      const file = join(dir, mistake.file);
      const source = existsSync(file) ? readFileSync(file, 'utf8') : '';
      const occurrences = source.split(mistake.find).length - 1;
      if (occurrences !== 1) {
        ok = false;
        lines.push(
          `  ${FAIL} ${lesson.id} "${mistake.name}": its text occurs ${occurrences} times in solutions/${lesson.slug}/${mistake.file} (it must occur once)`,
        );
        return;
      }
      writeFileSync(
        file,
        source.replace(mistake.find, () => mistake.replace),
      );
      const aliases = aliasesOf(resolveModules(manifest, 'solutions'), root);
      for (const concept of lesson.modules)
        aliases[`#course/${concept}`] = join(dir, `${concept}.ts`);
      // Only the suites that must catch the mistake run: that is what is asserted.
      const catching = lesson.exercises.filter((exercise) =>
        mistake.caughtBy.includes(exercise.id),
      );
      if (catching.length === 0 || catching.length !== mistake.caughtBy.length) {
        ok = false;
        lines.push(
          `  ${FAIL} ${lesson.id} "${mistake.name}": caughtBy must name exercises of lesson ${lesson.id}`,
        );
        return;
      }
      const project = {
        name: `mistake:${lesson.slug}:${n + 1}`,
        tests: catching.map((exercise) => join(root, exercise.testPath)),
        aliases,
      };
      planted.push({ lesson, mistake, catching, project });
    });
  }
  if (planted.length === 0) {
    return { name: 'Planted mistakes', ok, lines, summary: 'no planted mistakes yet' };
  }

  const outcomes = await runSuitesToCompletion(
    root,
    planted.map((entry) => entry.project),
  );
  let caught = 0;
  const report = ['# Planted mistakes and the tests that caught them', ''];
  for (const { lesson, mistake, catching, project } of planted) {
    const evidence = catching.map((exercise) => ({
      id: exercise.id,
      how: howCaught(outcomes.get(suiteKey(project.name, join(root, exercise.testPath)))),
    }));
    const missed = evidence.filter((e) => e.how === null);
    if (missed.length === 0) caught++;
    else ok = false;
    const verdict =
      missed.length === 0
        ? `${OK} caught by ${mistake.caughtBy.join(', ')}`
        : `${FAIL} NOT caught by ${missed.map((e) => e.id).join(', ')}`;
    lines.push(`  ${lesson.id} ${mistake.name.padEnd(60)} ${verdict}`);
    report.push(`- ${lesson.id} ${mistake.name}`);
    for (const e of evidence) report.push(`  - ${e.id}: ${e.how ?? 'NOT caught'}`);
  }
  rmSync(scratch, { recursive: true, force: true });
  // The console says which suites caught each mistake; the report also names the tests.
  const reportFile = join(root, '.course', 'selfcheck', 'mistakes.md');
  writeFileSync(reportFile, `${report.join('\n')}\n`);
  lines.push(`  (which test caught each one: ${relative(root, reportFile)})`);
  return {
    name: 'Planted mistakes',
    ok,
    lines,
    summary: `${caught} of ${planted.length} classic mistakes caught`,
  };
}

/** How a suite caught a mistake (its first failing test, a hang, a crash), or `null` if it passed. */
function howCaught(outcome: SuiteOutcome | undefined): string | null {
  if (outcome === undefined) return 'no result (the run ended first)';
  if (outcome.hang) return `hung in "${outcome.hang.test ?? 'loading the file'}"`;
  if (outcome.crash) return `crashed: ${outcome.crash.split('\n')[0]}`;
  const result = outcome.result;
  if (!result) return 'no result';
  if (result.errors.length > 0)
    return `the file failed to load: ${result.errors[0]?.message ?? ''}`;
  if (result.tests.length === 0) return 'no tests ran';
  const failed = result.tests.find((test) => test.state !== 'passed');
  return failed === undefined ? null : `"${failed.fullName}" (${failed.state})`;
}

async function loadMistakes(root: string, lesson: Lesson): Promise<PlantedMistake[]> {
  const file = join(root, 'grader', 'selfcheck', 'mistakes', `${lesson.slug}.ts`);
  if (!existsSync(file)) return [];
  const module = (await import(pathToFileURL(file).href)) as { default?: PlantedMistake[] };
  if (!Array.isArray(module.default)) {
    throw new Error(`${file} must export a list of planted mistakes as its default export`);
  }
  return module.default;
}
