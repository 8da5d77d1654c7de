/**
 * Invariants 1 and 2 of COURSE.md section 6: every suite passes on the solutions and on the
 * reference (where the reference has the lesson's modules), and fails on the untouched stubs
 * (with the earlier lessons taken from the solutions, as a learner starting that lesson has
 * them). One line per exercise, with its result on each target.
 */
import pc from 'picocolors';
import { grade } from '../grade.ts';
import type { Manifest } from '../manifest.ts';
import { formatVerdict } from '../report.ts';
import type { ExerciseVerdict } from '../verdict.ts';
import { type CheckResult, FAIL, mark, NONE, OK } from './check.ts';

export async function checkSuites(manifest: Manifest): Promise<CheckResult> {
  const all = [...manifest.exercises];
  const withReference = all.filter((exercise) => exercise.lesson.reference);
  const common = { manifest, typecheck: false } as const;
  const [solutions, reference, stubs] = await Promise.all([
    grade({ ...common, exercises: all, target: 'solutions' }),
    grade({ ...common, exercises: withReference, target: 'reference' }),
    grade({ ...common, exercises: all, target: 'exercises', earlier: 'solutions' }),
  ]);
  const byId = (verdicts: ExerciseVerdict[]) =>
    new Map(verdicts.map((verdict) => [verdict.exercise.id, verdict]));
  const onSolutions = byId(solutions.verdicts);
  const onReference = byId(reference.verdicts);
  const onStubs = byId(stubs.verdicts);

  const lines: string[] = [];
  const problems: ExerciseVerdict[] = [];
  let ok = true;
  const width = Math.max(...all.map((exercise) => exercise.title.length));
  for (const exercise of all) {
    const solution = onSolutions.get(exercise.id);
    const ref = onReference.get(exercise.id);
    const stub = onStubs.get(exercise.id);
    const solutionOk = solution?.passed === true;
    const referenceOk = exercise.lesson.reference ? ref?.passed === true : undefined;
    const stubRed = stub !== undefined && !stub.passed;
    ok &&= solutionOk && referenceOk !== false && stubRed;
    if (!solutionOk && solution) problems.push(solution);
    if (referenceOk === false && ref) problems.push(ref);
    const failing = stub ? stub.tests.filter((test) => test.status !== 'passed').length : 0;
    const red = stubRed
      ? `${OK} ${pc.dim(`(${stub?.problems.length ? 'fails to load' : `${failing}/${stub?.tests.length} fail`})`)}`
      : FAIL;
    lines.push(
      `  ${exercise.id.padEnd(5)} ${exercise.title.padEnd(width)}  solutions ${mark(solutionOk)}  reference ${referenceOk === undefined ? NONE : mark(referenceOk)}  stub red ${red}`,
    );
  }
  for (const verdict of problems) {
    lines.push('', pc.red(`${verdict.exercise.id} fails on ${verdict.target}:`));
    lines.push(
      ...formatVerdict(verdict, {
        again: () => 'run npm test',
        hint: () => `npm run grade -- ${verdict.exercise.id} --target ${verdict.target}`,
      }),
    );
  }
  const count = all.length;
  return {
    name: 'Exercise suites on every target',
    ok,
    lines,
    summary: `${count} exercises: solutions, reference (${withReference.length}) and stubs`,
  };
}
