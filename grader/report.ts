/**
 * What the learner reads after a grade: short and friendly. For each exercise, whether it
 * passes; for a failing one, the first failing test in full (expected against actual, the
 * learner's own file and line, the test's line), the other failures by name, the type errors,
 * and the next step.
 */
import pc from 'picocolors';
import type { Exercise } from './manifest.ts';
import type { TscError } from './typecheck.ts';
import type { ExerciseVerdict, Failure, Location, TestVerdict } from './verdict.ts';

export interface ReportContext {
  /** How the learner grades again: a command, or "save the file" in watch mode. */
  again: (exercise: Exercise) => string;
  /** The hint command for an exercise, with how many hints it has. */
  hint: (exercise: Exercise) => string;
}

/** The lines shown for one verdict. */
export function formatVerdict(verdict: ExerciseVerdict, context: ReportContext): string[] {
  const { exercise } = verdict;
  if (verdict.passed) {
    const count = verdict.tests.length;
    return [
      `${pc.green('✓')} ${pc.bold(exercise.id)} ${exercise.title} ${pc.dim(`(${count} ${count === 1 ? 'test' : 'tests'} pass)`)}`,
      ...formatSubstitutions(verdict),
    ];
  }
  const failing = verdict.tests.filter((test) => test.status !== 'passed');
  const summary =
    verdict.problems.length > 0 || failing.length === 0
      ? ''
      : pc.dim(`${failing.length} of ${verdict.tests.length} tests fail`);
  const lines = [`${pc.red('✗')} ${pc.bold(exercise.id)} ${exercise.title}  ${summary}`];
  lines.push(pc.dim(`  your file: ${exercise.filePaths.join(', ')}`));
  lines.push(...formatSubstitutions(verdict));
  for (const problem of verdict.problems) {
    lines.push('', `  ${pc.red(problemTitle(problem.kind))}`, ...indent(problem.message, 4));
    if (problem.location) lines.push(`    ${pc.cyan(at(problem.location))}`);
  }
  const first = failing[0];
  if (first) lines.push('', ...formatFailure(first));
  if (failing.length > 1) {
    const others = failing.slice(1, 4).map((test) => `"${test.name}"`);
    const more = failing.length > 4 ? ` and ${failing.length - 4} more` : '';
    lines.push('', pc.dim(`  Also failing: ${others.join(', ')}${more}`));
  }
  if (verdict.apiErrors.length > 0) {
    lines.push('', `  ${pc.red("The tests can't use your module as written:")}`);
    lines.push(
      ...verdict.apiErrors.slice(0, 5).map((error) => `    ${describeApiError(error, verdict)}`),
    );
  }
  if (verdict.typeErrors.length > 0) {
    lines.push('', `  ${pc.red(`Type errors in your code (${verdict.typeErrors.length}):`)}`);
    lines.push(...verdict.typeErrors.slice(0, 5).map((error) => `    ${formatTscError(error)}`));
    if (verdict.typeErrors.length > 5)
      lines.push(pc.dim(`    and ${verdict.typeErrors.length - 5} more`));
  }
  lines.push('', `  ${pc.bold('Next:')} ${nextStep(verdict, first?.failure, context)}`);
  lines.push(pc.dim(`  Stuck? ${context.hint(exercise)}`));
  return lines;
}

function formatFailure(test: TestVerdict): string[] {
  const failure = test.failure;
  const lines = [`  ${pc.red('✗')} ${test.name}`];
  if (!failure) return [...lines, '    (did not run)'];
  if (
    failure.kind === 'assertion' &&
    (failure.expected !== undefined || failure.actual !== undefined)
  ) {
    lines.push(...indent(firstLine(failure.message), 4));
    lines.push(`    ${pc.green('expected:')} ${oneLine(failure.expected)}`);
    lines.push(`    ${pc.red('actual:  ')} ${oneLine(failure.actual)}`);
  } else {
    lines.push(...indent(describeFailure(failure), 4));
  }
  if (failure.location) lines.push(`    ${pc.cyan(`your code: ${at(failure.location)}`)}`);
  if (failure.testLocation) lines.push(pc.dim(`    the test: ${at(failure.testLocation)}`));
  return lines;
}

function describeFailure(failure: Failure): string {
  switch (failure.kind) {
    case 'todo':
      return `not written yet: ${failure.message}`;
    case 'hung':
      return `your code ${failure.message}. A loop that never ends, or code that never gives control back?`;
    case 'timeout':
      return 'the test waited for your code, which never finished: something it waits for (a future, a promise, the loop stopping) never happens';
    case 'exit':
      return `your code called process.exit(): ${failure.message}. The grader stopped it; code under test must not exit the process`;
    case 'non-error':
      return `your code threw something that is not an Error${failure.message ? ` (${failure.message})` : ''}: throw an Error, so that it carries a message and a stack`;
    default:
      return failure.message;
  }
}

function nextStep(
  verdict: ExerciseVerdict,
  failure: Failure | undefined,
  context: ReportContext,
): string {
  const file = verdict.exercise.filePaths[0] ?? '';
  const where = failure?.location;
  const place = where ? `${where.method ? `\`${where.method}\` in ` : ''}${at(where)}` : file;
  const again = context.again(verdict.exercise);
  const problem = verdict.problems[0];
  if (problem?.kind === 'hung' || failure?.kind === 'hung') {
    return `find the loop that never ends in ${place}: every loop needs a way out, and code that waits must yield to the loop. Then ${again}.`;
  }
  if (problem?.kind === 'load')
    return `fix the error above (often a typo or a missing export), then ${again}.`;
  if (problem)
    return `${again} once more; if it keeps happening, check what your code does when it is imported.`;
  if (verdict.apiErrors.length > 0)
    return `make ${file} export what the tests import, with the types they expect, then ${again}.`;
  if (!failure && verdict.typeErrors.length > 0) return `fix the type errors above, then ${again}.`;
  switch (failure?.kind) {
    case 'todo':
      return `write the code marked ${firstLine(failure.message).split(':')[0]} at ${place}, then ${again}.`;
    case 'timeout':
      return `look at ${place}: something there waits for a result that never comes. Then ${again}.`;
    case 'exit':
      return `remove the process.exit() call at ${place}, then ${again}.`;
    default:
      return `change ${place} so that the test above holds, then ${again}.`;
  }
}

function formatSubstitutions(verdict: ExerciseVerdict): string[] {
  const substituted = verdict.sources.filter(
    (source) => source.reason !== undefined && source.tree === 'solutions',
  );
  if (substituted.length === 0 || verdict.target !== 'exercises') return [];
  const files = substituted.map((source) => `${source.concept}.ts`).join(', ');
  return [pc.yellow(`  using the course's ${files}: ${substituted[0]?.reason}`)];
}

function problemTitle(kind: string): string {
  switch (kind) {
    case 'load':
      return 'The test file could not load your code:';
    case 'hung':
      return 'Your code hung:';
    case 'crashed':
      return 'The test run crashed:';
    default:
      return 'The suite ran no test:';
  }
}

/** A tsc error in a test file means the learner's module does not offer what the tests use. */
function describeApiError(error: TscError, verdict: ExerciseVerdict): string {
  const missing = /has no exported member '([^']+)'/.exec(error.message);
  if (missing) {
    return `${verdict.exercise.filePaths[0]} does not export \`${missing[1]}\` (${error.file}:${error.line} imports it)`;
  }
  return formatTscError(error);
}

export function formatTscError(error: TscError): string {
  const where = error.file ? `${error.file}:${error.line}:${error.column}` : 'tsc';
  return `${pc.cyan(where)} ${pc.dim(error.code)} ${firstLine(error.message)}`;
}

export function at(location: Location): string {
  return `${location.file}:${location.line}:${location.column}`;
}

function indent(text: string, spaces: number): string[] {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .slice(0, 12)
    .map((line) => `${pad}${line}`);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function oneLine(value: string | undefined): string {
  if (value === undefined) return 'undefined';
  const flat = value.replace(/\s*\n\s*/g, ' ');
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** `Progress ███████░░░░░░░ 7/31` */
export function progressBar(passed: number, total: number, width = 24): string {
  const filled = total === 0 ? 0 : Math.round((passed / total) * width);
  return `Progress ${pc.green('█'.repeat(filled))}${pc.dim('░'.repeat(width - filled))} ${passed}/${total}`;
}
