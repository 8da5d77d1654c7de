/**
 * `npm run reset <id>` and `npm run reset -- --all`: put the original stubs back. What was there
 * is always kept in a backup folder first, whose path is printed: a learner's work is never lost.
 * The originals come from the repository's history, recognised by the hashes in the manifest.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pc from 'picocolors';
import { type CourseContext, EXIT, UsageError } from '../context.ts';
import { sha256File } from '../manifest.ts';

export function resetCommand(
  context: CourseContext,
  options: { id?: string; all: boolean },
): number {
  const files = filesToReset(context, options);
  const changed = files.filter(
    ({ path, hash }) =>
      !existsSync(join(context.root, path)) || sha256File(join(context.root, path)) !== hash,
  );
  if (changed.length === 0) {
    console.log(
      `${pc.green('✓')} Nothing to reset: ${files.map((file) => file.path).join(', ')} ${files.length === 1 ? 'is' : 'are'} already the original stub.`,
    );
    return EXIT.ok;
  }
  const originals = changed.map((file) => ({
    ...file,
    original: findOriginal(context.root, file.path, file.hash),
  }));
  const backup = join('.course', 'backups', new Date().toISOString().replace(/[:.]/g, '-'));
  for (const { path, original } of originals) {
    const absolute = join(context.root, path);
    if (existsSync(absolute)) {
      mkdirSync(dirname(join(context.root, backup, path)), { recursive: true });
      copyFileSync(absolute, join(context.root, backup, path));
    }
    writeFileSync(absolute, original);
    console.log(`${pc.green('✓')} ${path} is the original stub again.`);
  }
  console.log(`  Your version is kept in ${pc.cyan(backup)}/`);
  const shared = sharedBy(
    context,
    changed.map((file) => file.path),
  );
  if (!options.all && shared.length > 1) {
    console.log(
      pc.dim(`  (That file is shared by exercises ${shared.join(', ')}: all of them start again.)`),
    );
  }
  return EXIT.ok;
}

interface StubFile {
  /** Relative to the course root. */
  path: string;
  hash: string;
}

function filesToReset(context: CourseContext, options: { id?: string; all: boolean }): StubFile[] {
  const { manifest } = context;
  if (options.all && options.id) throw new UsageError('give an exercise id or --all, not both');
  if (!options.all && !options.id)
    throw new UsageError(
      'say what to reset: an exercise id (`npm run reset 02.3`) or `npm run reset -- --all`',
    );
  const lessons = options.all
    ? manifest.lessons
    : [...new Set(manifest.select(options.id ?? '')?.map((exercise) => exercise.lesson))];
  const exercises = options.all ? manifest.exercises : manifest.select(options.id ?? '');
  if (!exercises || lessons.length === 0)
    throw new UsageError(`there is no exercise "${options.id}": ${manifest.describeIds()}`);
  const files = new Map<string, StubFile>();
  for (const exercise of exercises) {
    exercise.files.forEach((file, i) => {
      const hash = exercise.lesson.stubs[file];
      const path = exercise.filePaths[i] ?? '';
      if (!hash)
        throw new Error(`the manifest has no stub hash for ${path}: run \`npm run course:sync\``);
      files.set(path, { path, hash });
    });
  }
  return [...files.values()];
}

/** The file's original content: the newest version in the repository's history with that hash. */
function findOriginal(root: string, path: string, hash: string): Buffer {
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', root, ...args], { maxBuffer: 64 * 1024 * 1024 });
  let commits: string[];
  try {
    commits = git('rev-list', '--all', '--', path).toString().split('\n').filter(Boolean);
  } catch {
    throw new UsageError(
      `resetting needs the course's git history, and ${root} is not a git checkout: download the course again with git clone`,
    );
  }
  for (const commit of commits) {
    let content: Buffer;
    try {
      content = git('show', `${commit}:./${path}`);
    } catch {
      continue;
    }
    if (createHash('sha256').update(content).digest('hex') === hash) return content;
  }
  throw new UsageError(
    `could not find the original of ${path} in the repository's history; nothing was changed`,
  );
}

function sharedBy(context: CourseContext, paths: string[]): string[] {
  return context.manifest.exercises
    .filter((exercise) => exercise.filePaths.some((path) => paths.includes(path)))
    .map((exercise) => exercise.id);
}
