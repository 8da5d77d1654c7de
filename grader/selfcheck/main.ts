/**
 * `npm test`: the course's self-check (COURSE.md section 6). Every suite passes on the
 * reference and the solutions and fails on the untouched stubs; stubs and solutions have the
 * same types; the planted classic mistakes are caught; lesson code blocks type-check and run;
 * the reference's, the parity scenarios', the grader's and the site's own tests pass; the
 * manifest is up to date; formatting, lint and types are clean.
 */
import pc from 'picocolors';
import { courseRoot } from '../context.ts';
import { Manifest } from '../manifest.ts';
import { type CheckResult, mark } from './check.ts';
import { OWN_TESTS, runCommandStep, STATIC_STEPS } from './commands.ts';
import { checkExamples } from './examples.ts';
import { checkLessonBlocks } from './lesson-blocks.ts';
import { checkMistakes } from './mistakes.ts';
import { checkStubTypes } from './stub-types.ts';
import { checkSuites } from './suites.ts';

async function main(): Promise<number> {
  const started = Date.now();
  const root = courseRoot();
  const manifest = Manifest.load(root);
  const steps: Array<{ key: string; run: () => Promise<CheckResult> }> = [
    ...STATIC_STEPS.map((step) => ({ key: step.key, run: () => runCommandStep(root, step) })),
    { key: 'types', run: () => checkStubTypes(manifest) },
    { key: 'suites', run: () => checkSuites(manifest) },
    { key: 'mistakes', run: () => checkMistakes(manifest) },
    { key: 'lessons', run: () => checkLessonBlocks(manifest) },
    { key: 'examples', run: () => checkExamples(root) },
    { key: 'own', run: () => runCommandStep(root, OWN_TESTS) },
  ];
  // `npm test -- suites mistakes` runs only those steps (for maintainers at work).
  const only = process.argv.slice(2);
  const unknown = only.filter((key) => !steps.some((step) => step.key === key));
  if (unknown.length > 0) {
    console.error(
      `unknown step ${unknown.join(', ')}: the steps are ${steps.map((step) => step.key).join(', ')}`,
    );
    return 2;
  }
  const chosen = only.length > 0 ? steps.filter((step) => only.includes(step.key)) : steps;
  const results: CheckResult[] = [];
  for (const step of chosen) {
    const stepStarted = Date.now();
    const result = await step.run();
    results.push(result);
    const took = pc.dim(`${((Date.now() - stepStarted) / 1000).toFixed(1)} s`);
    console.log(`${mark(result.ok)} ${pc.bold(result.name)} ${took}`);
    for (const line of result.lines) console.log(line);
  }

  console.log('');
  console.log(pc.bold('Summary'));
  for (const result of results)
    console.log(`  ${mark(result.ok)} ${result.name}: ${pc.dim(result.summary)}`);
  const failed = results.filter((result) => !result.ok);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    failed.length === 0
      ? pc.green(`All ${results.length} checks hold (${seconds} s).`)
      : pc.red(
          `${failed.length} of ${results.length} checks failed (${seconds} s): ${failed.map((result) => result.name).join('; ')}`,
        ),
  );
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
