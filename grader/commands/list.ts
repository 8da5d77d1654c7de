/**
 * `npm run list`: every exercise with its state, lesson by lesson, as far as the progress cache
 * can tell without running anything (an exercise whose files changed since it was graded says so).
 */
import pc from 'picocolors';
import { type CourseContext, EXIT } from '../context.ts';
import type { ExerciseState } from '../progress.ts';
import { progressBar } from '../report.ts';

const MARK: Record<ExerciseState, string> = {
  passed: pc.green('✓'),
  failed: pc.red('✗'),
  changed: pc.yellow('~'),
  'not graded': pc.dim('·'),
};

export function listCommand(context: CourseContext): number {
  const { manifest, progress } = context;
  for (const warning of context.warnings) console.log(pc.yellow(`! ${warning}`));
  const current = progress.current();
  for (const lesson of manifest.lessons) {
    console.log('');
    console.log(pc.bold(`${lesson.id} ${lesson.title}`) + pc.dim(`  ${lesson.textPath}`));
    for (const exercise of lesson.exercises) {
      const state = progress.state(exercise);
      const pointer = exercise === current ? pc.cyan('→') : ' ';
      const note = state === 'changed' ? pc.dim(' (changed since last graded)') : '';
      console.log(`  ${pointer} ${MARK[state]} ${exercise.id} ${exercise.title}${note}`);
    }
  }
  console.log('');
  console.log(pc.dim('✓ passes  ✗ fails  ~ changed since graded  · not graded yet'));
  console.log(progressBar(progress.passedCount(), manifest.exercises.length));
  if (current)
    console.log(`${pc.bold('Next:')} ${current.id} ${current.title}: npm run grade ${current.id}`);
  return EXIT.ok;
}
