/**
 * `npm run hint [id]`: the next hint of an exercise, each call more specific than the last;
 * the last one names the function or method to change.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pc from 'picocolors';
import { type CourseContext, EXIT, UsageError } from '../context.ts';
import type { Exercise } from '../manifest.ts';

const HINTS_PATH = '.course/hints.json';

export async function hintCommand(context: CourseContext, id: string | undefined): Promise<number> {
  const exercise = pickExercise(context, id);
  const shown = readShown(context.root);
  const level = Math.min((shown[exercise.id] ?? 0) + 1, exercise.hints.length);
  shown[exercise.id] = level;
  writeShown(context.root, shown);

  const total = exercise.hints.length;
  console.log(pc.bold(`${exercise.id} ${exercise.title}: hint ${level} of ${total}`));
  console.log('');
  const text = exercise.hints[level - 1] ?? '';
  // Loaded here, not at the top: grading, the common path, never needs markdown-it.
  const { renderTerminal } = await import('../markdown/index.ts');
  console.log(renderTerminal(text, { color: pc.isColorSupported, width: 88 }));
  console.log('');
  if (level < total) {
    console.log(pc.dim(`Run \`npm run hint ${exercise.id}\` again for a more specific one.`));
  } else {
    console.log(
      pc.dim(
        `That was the last hint. Still stuck? \`npm run solution ${exercise.id}\` shows the solution.`,
      ),
    );
  }
  return EXIT.ok;
}

/** `npm run hint 02.3 (hint 2 of 3)`: the command, and which hint it will show next. */
export function hintCommandFor(context: CourseContext, exercise: Exercise): string {
  const seen = readShown(context.root)[exercise.id] ?? 0;
  const next = Math.min(seen + 1, exercise.hints.length);
  return `npm run hint ${exercise.id} (hint ${next} of ${exercise.hints.length})`;
}

function pickExercise(context: CourseContext, id: string | undefined): Exercise {
  if (id === undefined) {
    const current = context.progress.current();
    if (!current) throw new UsageError('every exercise passes: there is nothing left to hint at');
    return current;
  }
  const selection = context.manifest.select(id);
  const exercise = selection?.length === 1 ? selection[0] : undefined;
  if (!exercise) {
    throw new UsageError(`there is no exercise "${id}": ${context.manifest.describeIds()}`);
  }
  return exercise;
}

function readShown(root: string): Record<string, number> {
  const path = join(root, HINTS_PATH);
  if (!existsSync(path)) return {};
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (data && typeof data === 'object') return data as Record<string, number>;
  } catch {
    // A damaged file only means the hints start again from the first.
  }
  return {};
}

function writeShown(root: string, shown: Record<string, number>): void {
  const path = join(root, HINTS_PATH);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(shown, null, 2)}\n`);
}
