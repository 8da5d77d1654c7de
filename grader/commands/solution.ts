/**
 * `npm run solution <id>`: the learner's file beside the solution, as a diff. For an exercise not
 * yet passed it asks first (`--yes` answers for a script or a terminal that cannot answer).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { createTwoFilesPatch } from 'diff';
import pc from 'picocolors';
import { type CourseContext, EXIT, UsageError } from '../context.ts';

export async function solutionCommand(
  context: CourseContext,
  options: { id?: string; yes: boolean },
): Promise<number> {
  if (!options.id) throw new UsageError('say which solution to show: `npm run solution 02.3`');
  const selection = context.manifest.select(options.id);
  const exercise = selection?.length === 1 ? selection[0] : undefined;
  if (!exercise)
    throw new UsageError(`there is no exercise "${options.id}": ${context.manifest.describeIds()}`);

  if (context.progress.state(exercise) !== 'passed' && !options.yes) {
    const laterOnes = exercise.lesson.exercises
      .filter((other) => other.index > exercise.index)
      .map((other) => other.id);
    const spoilers =
      laterOnes.length > 0 ? ` The solution file also answers ${laterOnes.join(', ')}.` : '';
    const question = `You have not passed ${exercise.id} yet: trying a little longer is how it sticks (\`npm run hint ${exercise.id}\` helps).${spoilers} Show the solution anyway? [y/N] `;
    if (!(await confirm(question))) {
      console.log('Not shown.');
      return EXIT.ok;
    }
  }
  for (const [i, file] of exercise.files.entries()) {
    const mine = exercise.filePaths[i] ?? '';
    const theirs = `solutions/${exercise.lesson.slug}/${file}`;
    printDiff(context.root, mine, theirs);
  }
  console.log(
    pc.dim(
      `Lines with - are yours, lines with + the solution's. The solution is in solutions/${exercise.lesson.slug}/.`,
    ),
  );
  return EXIT.ok;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new UsageError(
      'the solution of an exercise not yet passed is shown only when you confirm: add --yes (`npm run solution -- 02.3 --yes`)',
    );
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await prompt.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

function printDiff(root: string, mine: string, theirs: string): void {
  const read = (path: string) =>
    existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : '';
  const patch = createTwoFilesPatch(mine, theirs, read(mine), read(theirs), 'yours', 'solution', {
    context: 3,
  });
  for (const line of patch.split('\n')) {
    if (line.startsWith('+') && !line.startsWith('+++')) console.log(pc.green(line));
    else if (line.startsWith('-') && !line.startsWith('---')) console.log(pc.red(line));
    else if (line.startsWith('@@')) console.log(pc.cyan(line));
    else console.log(line);
  }
}
