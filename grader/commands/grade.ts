/**
 * `npm run grade [id]`: grade one exercise (by default the first not yet passed), a lesson, or
 * `--all`; on the learner's files (default), the solutions or the reference.
 */
import pc from 'picocolors';
import { type CourseContext, EXIT, UsageError } from '../context.ts';
import { grade } from '../grade.ts';
import { toGradeResult } from '../json-report.ts';
import type { Exercise } from '../manifest.ts';
import { formatVerdict, progressBar, type ReportContext } from '../report.ts';
import { TARGETS, type Target } from '../resolve.ts';
import { hintCommandFor } from './hint.ts';

export interface GradeOptions {
  id?: string;
  all: boolean;
  target: string;
  json: boolean;
}

export async function gradeCommand(context: CourseContext, options: GradeOptions): Promise<number> {
  const target = parseTarget(options.target);
  const { manifest, progress } = context;
  let selection = selectExercises(context, options);
  if (selection === undefined) {
    console.log(
      `${pc.green('✓')} Every exercise passes: the course is complete. ${progressBar(manifest.exercises.length, manifest.exercises.length)}`,
    );
    return EXIT.ok;
  }
  const skipped =
    target === 'reference' ? selection.filter((exercise) => !exercise.lesson.reference) : [];
  selection = selection.filter((exercise) => !skipped.includes(exercise));
  if (selection.length === 0) {
    throw new UsageError(
      `lesson ${skipped[0]?.lesson.id} has no reference module (lessons 00 and 01 are warm-ups): grade it with --target solutions or exercises`,
    );
  }

  const single = selection.length === 1;
  const report = await grade({
    manifest,
    exercises: selection,
    target,
    progress: target === 'exercises' ? progress : undefined,
    recheck: target === 'exercises' && single,
  });
  // A regression is graded too: an earlier exercise that passed and now fails is a failure.
  const passedAll =
    report.verdicts.every((verdict) => verdict.passed) && report.regressions.length === 0;
  const progressCounts = { passed: progress.passedCount(), total: manifest.exercises.length };

  if (options.json) {
    const result = toGradeResult(
      report,
      target,
      context.warnings,
      target === 'exercises' ? progressCounts : undefined,
    );
    console.log(JSON.stringify(result, null, 2));
    return passedAll ? EXIT.ok : EXIT.failed;
  }

  const reportContext = commandLineReport(context);
  for (const warning of context.warnings) console.log(pc.yellow(`! ${warning}`));
  if (skipped.length > 0)
    console.log(
      pc.dim(`Skipped ${skipped.length} exercises of lessons without a reference module.`),
    );
  if (target !== 'exercises') console.log(pc.dim(`Target: ${target}/`));
  const showDetail = single || report.verdicts.filter((verdict) => !verdict.passed).length <= 1;
  let detailed = false;
  for (const verdict of report.verdicts) {
    if (!verdict.passed && (showDetail || !detailed)) {
      console.log(formatVerdict(verdict, reportContext).join('\n'));
      console.log('');
      detailed = true;
    } else {
      const lines = formatVerdict(verdict, reportContext);
      console.log((verdict.passed ? lines : lines.slice(0, 1)).join('\n'));
    }
  }
  for (const regression of report.regressions) {
    console.log('');
    console.log(pc.yellow(`${regression.exercise.id} passed before, and fails now:`));
    console.log(formatVerdict(regression, reportContext).join('\n'));
  }
  if (report.unfinished.length > 0) {
    const ids = report.unfinished.map((verdict) => verdict.exercise.id).join(', ');
    console.log(pc.dim(`(Earlier exercises of this lesson that do not pass yet: ${ids}.)`));
  }
  if (target === 'exercises') {
    console.log('');
    if (passedAll && single) {
      const next = progress.current();
      console.log(
        next
          ? `${pc.bold('Next:')} ${next.id} ${next.title}: npm run grade ${next.id}`
          : pc.green('That was the last exercise: the course is complete!'),
      );
    }
    console.log(progressBar(progressCounts.passed, progressCounts.total));
  }
  return passedAll ? EXIT.ok : EXIT.failed;
}

function parseTarget(value: string): Target {
  if ((TARGETS as readonly string[]).includes(value)) return value as Target;
  throw new UsageError(`unknown target "${value}": use one of ${TARGETS.join(', ')}`);
}

/** The exercises to grade, or undefined when nothing is asked and everything passes. */
function selectExercises(context: CourseContext, options: GradeOptions): Exercise[] | undefined {
  const { manifest, progress } = context;
  if (options.all) {
    if (options.id) throw new UsageError('give an exercise id or --all, not both');
    return [...manifest.exercises];
  }
  if (options.id === undefined) {
    const current = progress.current();
    return current ? [current] : undefined;
  }
  const selection = manifest.select(options.id);
  if (!selection)
    throw new UsageError(`there is no exercise "${options.id}": ${manifest.describeIds()}`);
  return selection;
}

/** How a command-line report tells the learner to grade again and to get a hint. */
export function commandLineReport(context: CourseContext): ReportContext {
  return {
    again: (exercise) => `run \`npm run grade ${exercise.id}\``,
    hint: (exercise) => hintCommandFor(context, exercise),
  };
}
