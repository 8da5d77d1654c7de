/**
 * The learner's progress: a cache of test results, never the truth.
 *
 * Each entry records an exercise's last verdict with a fingerprint of everything that
 * produced it (the test file, and the module files it ran against). An entry counts only while
 * its fingerprint still matches the files on disk; otherwise the exercise is graded again. So
 * the file can be deleted, or be corrupt, at no cost but a re-run: `npm run grade -- --all`
 * rebuilds it.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Exercise, Manifest } from './manifest.ts';
import type { Resolution, Target } from './resolve.ts';

export const PROGRESS_PATH = '.course/progress.json';

const EntrySchema = z.object({
  status: z.enum(['passed', 'failed']),
  /** ISO time of the verdict. */
  at: z.string(),
  fingerprint: z.string(),
  /** The tree each concept module came from in that run (see `resolve.ts`). */
  sources: z.record(z.string(), z.enum(['exercises', 'solutions', 'reference'])),
});

const ProgressSchema = z.object({
  version: z.literal(1),
  exercises: z.record(z.string(), EntrySchema),
});

export type ProgressEntry = z.infer<typeof EntrySchema>;
type ProgressData = z.infer<typeof ProgressSchema>;

/** What the course knows about an exercise without running anything. */
export type ExerciseState =
  | 'passed'
  | 'failed'
  /** Graded once, but its files changed since: the verdict no longer holds. */
  | 'changed'
  | 'not graded';

export class Progress {
  private readonly root: string;
  private readonly manifest: Manifest;
  private readonly data: ProgressData;
  /** Set when the file on disk could not be read and was moved aside. */
  readonly recovered?: string;

  private constructor(root: string, manifest: Manifest, data: ProgressData, recovered?: string) {
    this.root = root;
    this.manifest = manifest;
    this.data = data;
    this.recovered = recovered;
  }

  /**
   * Reads the cache. A corrupt file is moved aside (never deleted) and an empty cache is used;
   * `recovered` then says where the old file went. With `readOnly` (for readers such as the
   * site) a corrupt file is left where it is.
   */
  static load(root: string, manifest: Manifest, options: { readOnly?: boolean } = {}): Progress {
    const path = join(root, PROGRESS_PATH);
    const empty: ProgressData = { version: 1, exercises: {} };
    if (!existsSync(path)) return new Progress(root, manifest, empty);
    try {
      const data = ProgressSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
      return new Progress(root, manifest, data);
    } catch {
      if (options.readOnly) return new Progress(root, manifest, empty);
      const aside = `${path}.corrupt-${Date.now()}`;
      renameSync(path, aside);
      return new Progress(root, manifest, empty, aside);
    }
  }

  /** The state of an exercise, from the cache checked against the files on disk. */
  state(exercise: Exercise): ExerciseState {
    const entry = this.data.exercises[exercise.id];
    if (!entry) return 'not graded';
    const current = fingerprint(this.root, this.manifest, exercise, entry.sources);
    return current === entry.fingerprint ? entry.status : 'changed';
  }

  /** The last verdict recorded, even if the files changed since (for "it passed before"). */
  lastVerdict(exercise: Exercise): 'passed' | 'failed' | undefined {
    return this.data.exercises[exercise.id]?.status;
  }

  /** Records a verdict reached on the learner's files. */
  record(exercise: Exercise, passed: boolean, resolution: Resolution): void {
    const sources: Record<string, Target> = {};
    for (const module of resolution.modules) sources[module.concept] = module.tree;
    this.data.exercises[exercise.id] = {
      status: passed ? 'passed' : 'failed',
      at: new Date().toISOString(),
      fingerprint: fingerprint(this.root, this.manifest, exercise, sources),
      sources,
    };
  }

  save(): void {
    const path = join(this.root, PROGRESS_PATH);
    mkdirSync(dirname(path), { recursive: true });
    // Write then rename, so that an interrupted save never leaves half a file.
    writeFileSync(`${path}.tmp`, `${JSON.stringify(this.data, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
  }

  /** The first exercise, in course order, that is not known to pass. */
  current(): Exercise | undefined {
    return this.manifest.exercises.find((exercise) => this.state(exercise) !== 'passed');
  }

  /** How many exercises are known to pass. */
  passedCount(): number {
    return this.manifest.exercises.filter((exercise) => this.state(exercise) === 'passed').length;
  }
}

/**
 * A hash of everything a verdict depends on: the exercise's test, and every module file of its
 * lesson and the earlier ones, from the tree each concept came from.
 */
export function fingerprint(
  root: string,
  manifest: Manifest,
  exercise: Exercise,
  sources: Record<string, Target>,
): string {
  const hash = createHash('sha256');
  hash.update(`${exercise.id}\0${readOrEmpty(join(root, exercise.testPath))}\0`);
  for (const lesson of manifest.lessons) {
    if (lesson.exercises[0] && lesson.exercises[0].index > exercise.index) break;
    const trees = new Set(lesson.modules.map((concept) => sources[concept] ?? 'exercises'));
    for (const tree of trees) {
      const dir = tree === 'reference' ? 'reference/src' : `${tree}/${lesson.slug}`;
      for (const file of listSources(join(root, dir))) {
        hash.update(`${dir}/${file}\0${readOrEmpty(join(root, dir, file))}\0`);
      }
    }
  }
  return hash.digest('hex');
}

function listSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .sort();
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
