/**
 * What every command starts from: the course root, its manifest, the learner's progress, and
 * the warnings to show on every run (an edited test file, a progress file that was corrupt).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Exercise, Manifest, sha256File } from './manifest.ts';
import { Progress } from './progress.ts';

/** Exit codes: what was graded passes, fails, or the command was used wrongly. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** An error that ends a command with a message and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CourseContext {
  root: string;
  manifest: Manifest;
  progress: Progress;
  warnings: string[];
}

/**
 * The course root is the folder above `grader/`; `COURSE_ROOT` overrides it (the grader's own
 * tests grade a small fixture course that way).
 */
export function courseRoot(): string {
  return process.env.COURSE_ROOT ?? dirname(dirname(fileURLToPath(import.meta.url)));
}

export function loadContext(root = courseRoot()): CourseContext {
  const manifest = Manifest.load(root);
  const progress = Progress.load(root, manifest);
  const warnings: string[] = [];
  if (progress.recovered) {
    warnings.push(
      `Your progress file could not be read, so it was moved to ${progress.recovered} and will be rebuilt from the tests (nothing is lost: progress is only a cache of test results).`,
    );
  }
  warnings.push(...editedTests(root, manifest.exercises));
  return { root, manifest, progress, warnings };
}

/** A warning for each test file that differs from the course's. */
export function editedTests(root: string, exercises: readonly Exercise[]): string[] {
  const warnings: string[] = [];
  for (const exercise of exercises) {
    const path = join(root, exercise.testPath);
    if (!existsSync(path)) {
      warnings.push(
        `The test file ${exercise.testPath} is missing: restore it with \`git checkout -- ${exercise.testPath}\`.`,
      );
    } else if (sha256File(path) !== exercise.sha256) {
      warnings.push(
        `The test file ${exercise.testPath} differs from the course's. Tests are not to be changed: restore it with \`git checkout -- ${exercise.testPath}\`.`,
      );
    }
  }
  return warnings;
}

/**
 * npm keeps flags given without `--` for itself (`npm run grade --all` passes nothing to the
 * grader) but exports them as `npm_config_<name>`. Returns the ones the grader knows, so that
 * they are honoured, with a note on how to pass them next time.
 */
export function swallowedFlags(known: readonly string[]): {
  flags: Record<string, string>;
  note?: string;
} {
  const flags: Record<string, string> = {};
  if (!process.env.npm_lifecycle_event) return { flags };
  for (const name of known) {
    const value = process.env[`npm_config_${name}`];
    // npm sets `npm_config_yes` to "" from its own configuration: only a given flag counts.
    if (value !== undefined && value !== '' && value !== 'false') flags[name] = value;
  }
  const names = Object.keys(flags);
  if (names.length === 0) return { flags };
  const given = names
    .map((name) => (flags[name] === 'true' ? `--${name}` : `--${name} ${flags[name]}`))
    .join(' ');
  const command = process.env.npm_lifecycle_event;
  return {
    flags,
    note: `npm kept ${given} for itself; the grader noticed and honours it. Next time, put flags after \`--\`: npm run ${command} -- ${given}`,
  };
}
