/**
 * `npm start`: where am I, then watch mode. Grades the current exercise, re-grades on every
 * save, moves on to the next exercise when it passes, and always shows the progress.
 */
import { join, relative } from 'node:path';
import pc from 'picocolors';
import { type CourseContext, EXIT } from '../context.ts';
import { grade } from '../grade.ts';
import type { Exercise } from '../manifest.ts';
import { formatVerdict, progressBar, type ReportContext } from '../report.ts';
import { watchFiles } from '../watch.ts';
import { hintCommand, hintCommandFor } from './hint.ts';

export async function startCommand(
  context: CourseContext,
  options: { poll: boolean },
): Promise<number> {
  const { progress } = context;
  printWhereAmI(context);
  if (!progress.current()) return EXIT.ok;

  const interactive = Boolean(process.stdin.isTTY);
  const report: ReportContext = {
    again: () => 'save the file (the grader is watching)',
    hint: (exercise) =>
      `${interactive ? 'press h, or run ' : ''}${hintCommandFor(context, exercise)}`,
  };
  let running = false;
  let again = false;
  let last = '';

  const gradeCurrent = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await gradeOnce(context, report, last);
      } while (again);
    } finally {
      running = false;
    }
  };

  const watcher = await watchFiles(
    context.root,
    [join(context.root, 'exercises')],
    (path) => {
      last = relative(context.root, path);
      void gradeCurrent();
    },
    { forcePolling: options.poll },
  );
  if (watcher.note) console.log(pc.yellow(watcher.note));
  await gradeCurrent();

  return new Promise((resolve) => {
    const quit = () => {
      void watcher.close().then(() => resolve(progress.current() ? EXIT.failed : EXIT.ok));
    };
    process.once('SIGINT', quit);
    if (!interactive) return;
    process.stdin.setRawMode(true);
    process.stdin.resume();
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (key: string) => {
      if (key === 'q' || key === '\u0003') {
        process.stdin.setRawMode(false);
        process.stdin.pause();
        quit();
      } else if (key === 'h') {
        const current = progress.current();
        if (current) {
          console.log('');
          void hintCommand(context, current.id);
        }
      } else if (key === '\r' || key === 'r') {
        last = '';
        void gradeCurrent();
      }
    });
  });
}

/** Grades the current exercise (and re-checks the earlier ones of its lesson); moves on when it passes. */
async function gradeOnce(
  context: CourseContext,
  report: ReportContext,
  changed: string,
): Promise<void> {
  const { manifest, progress } = context;
  let exercise = progress.current();
  while (exercise) {
    clearScreen();
    console.log(
      pc.dim(changed ? `${changed} changed: grading ${exercise.id}…` : `Grading ${exercise.id}…`),
    );
    const result = await grade({
      manifest,
      exercises: [exercise],
      target: 'exercises',
      progress,
      recheck: true,
    });
    clearScreen();
    for (const warning of context.warnings) console.log(pc.yellow(`! ${warning}`));
    const verdict = result.verdicts[0];
    const regressions = result.regressions;
    for (const regression of regressions) {
      console.log(pc.yellow(`${regression.exercise.id} passed before, and fails now:`));
      console.log(formatVerdict(regression, report).join('\n'));
      console.log('');
    }
    if (verdict) console.log(formatVerdict(verdict, report).join('\n'));
    const passedNow = verdict?.passed === true && regressions.length === 0;
    const next = progress.current();
    if (!passedNow || !next || next === exercise) {
      footer(context, next);
      return;
    }
    console.log('');
    console.log(pc.green(`Well done! On to ${next.id}.`));
    await pause(1200);
    exercise = next;
    changed = '';
  }
  footer(context, undefined);
}

function footer(context: CourseContext, current: Exercise | undefined): void {
  const { manifest, progress } = context;
  console.log('');
  console.log(progressBar(progress.passedCount(), manifest.exercises.length));
  if (!current) {
    console.log(pc.green('Every exercise passes: you have built asyncio. Congratulations!'));
    return;
  }
  console.log(
    pc.dim(
      `Watching exercises/ … ${current.id}: read ${current.lesson.textPath}, edit ${current.filePaths.join(', ')}.`,
    ),
  );
  if (process.stdin.isTTY) console.log(pc.dim('Keys: h hint · r re-grade · q quit'));
}

function printWhereAmI(context: CourseContext): void {
  const { manifest, progress } = context;
  const current = progress.current();
  console.log(pc.bold('asyncio from scratch, in TypeScript'));
  console.log(progressBar(progress.passedCount(), manifest.exercises.length));
  if (!current) {
    console.log(
      pc.green('Every exercise passes: the course is complete. `npm run list` shows them all.'),
    );
    return;
  }
  console.log(
    `You are at ${pc.bold(`${current.id} ${current.title}`)} (lesson ${current.lesson.id}, ${current.lesson.title}).`,
  );
  console.log(
    `Read ${pc.cyan(current.lesson.textPath)}, then edit ${pc.cyan(current.filePaths.join(', '))}.`,
  );
}

function clearScreen(): void {
  if (process.stdout.isTTY) process.stdout.write('\u001b[2J\u001b[3J\u001b[H');
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
