/**
 * The course manifest: the single source of truth for the order, titles, files, tests and
 * hints of every exercise. It lives in `exercises/manifest.yaml`; this module validates it
 * and answers questions about it (which exercise is `2.3`, which file defines `#course/loop`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

export const MANIFEST_PATH = 'exercises/manifest.yaml';

const LessonId = z.string().regex(/^\d\d$/, 'a lesson id is two digits, such as "03"');
const ExerciseId = z.string().regex(/^\d\d\.\d+$/, 'an exercise id looks like "03.2"');
const FileName = z.string().regex(/^[\w.-]+\.ts$/, 'a file name inside the lesson folder');

const ExerciseSchema = z.strictObject({
  id: ExerciseId,
  title: z.string().min(1),
  /** The files the learner edits for this exercise, inside the lesson's folder. */
  files: z.array(FileName).min(1),
  /** The test suite, inside the lesson's `tests/` folder. */
  test: z.string().regex(/^[\w.-]+\.test\.ts$/),
  /** sha256 of the test file, so that an edited test can be noticed (`npm run course:hash`). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Markdown hints, from a gentle nudge to the last one, which names what to change. */
  hints: z.array(z.string().min(1)).min(2),
});

const LessonSchema = z.strictObject({
  id: LessonId,
  slug: z.string().regex(/^\d\d-[a-z0-9-]+$/),
  title: z.string().min(1),
  /**
   * The runtime concepts this lesson introduces. Concept `futures` is the file `futures.ts`
   * of the lesson's folder, imported elsewhere as `#course/futures`, and `reference/src/futures.ts`
   * in the reference when the lesson has one.
   */
  modules: z.array(z.string().regex(/^[a-z]+$/)).min(1),
  /** Whether `reference/src/` has this lesson's modules (lessons 00 and 01 are warm-ups). */
  reference: z.boolean(),
  /**
   * sha256 of each untouched stub file of the lesson's folder, so that `npm run reset` can find
   * the original in the repository's history (`npm run course:sync` fills it in).
   */
  stubs: z.record(FileName, z.string().regex(/^[0-9a-f]{64}$/)).default({}),
  exercises: z.array(ExerciseSchema).min(1),
});

const ManifestSchema = z.strictObject({
  version: z.literal(1),
  lessons: z.array(LessonSchema).min(1),
});

export type ExerciseEntry = z.infer<typeof ExerciseSchema>;
export type LessonEntry = z.infer<typeof LessonSchema>;
export type ManifestData = z.infer<typeof ManifestSchema>;

/** An exercise with the paths the grader needs, resolved against the course root. */
export interface Exercise extends ExerciseEntry {
  lesson: Lesson;
  /** Position in the whole course, from 0. */
  index: number;
  /** The test file, relative to the course root. */
  testPath: string;
  /** The learner's files, relative to the course root (in `exercises/`). */
  filePaths: string[];
}

export interface Lesson extends Omit<LessonEntry, 'exercises'> {
  exercises: Exercise[];
  /** `lessons/<slug>.md`, relative to the course root. */
  textPath: string;
}

/** Raised for a manifest that does not parse or does not describe a consistent course. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

export class Manifest {
  readonly lessons: readonly Lesson[];
  readonly exercises: readonly Exercise[];

  readonly root: string;

  constructor(root: string, data: ManifestData) {
    this.root = root;
    const exercises: Exercise[] = [];
    this.lessons = data.lessons.map((entry) => {
      const lesson: Lesson = { ...entry, exercises: [], textPath: `lessons/${entry.slug}.md` };
      lesson.exercises = entry.exercises.map((exercise) => {
        const resolved: Exercise = {
          ...exercise,
          lesson,
          index: exercises.length,
          testPath: `exercises/${entry.slug}/tests/${exercise.test}`,
          filePaths: exercise.files.map((file) => `exercises/${entry.slug}/${file}`),
        };
        exercises.push(resolved);
        return resolved;
      });
      return lesson;
    });
    this.exercises = exercises;
    this.checkConsistency();
  }

  /** Reads and validates `exercises/manifest.yaml` under `root`. */
  static load(root: string): Manifest {
    const path = join(root, MANIFEST_PATH);
    if (!existsSync(path)) {
      throw new ManifestError(`no course manifest at ${path}: is this the course's folder?`);
    }
    let raw: unknown;
    try {
      raw = parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new ManifestError(`${MANIFEST_PATH} is not valid YAML: ${(error as Error).message}`);
    }
    const parsed = ManifestSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new ManifestError(`${MANIFEST_PATH} is not a valid manifest:\n${problems.join('\n')}`);
    }
    return new Manifest(root, parsed.data);
  }

  private checkConsistency(): void {
    const seen = new Set<string>();
    const concepts = new Set<string>();
    for (const lesson of this.lessons) {
      if (!lesson.slug.startsWith(`${lesson.id}-`)) {
        throw new ManifestError(`lesson ${lesson.id}: its slug must start with "${lesson.id}-"`);
      }
      for (const concept of lesson.modules) {
        if (concepts.has(concept)) {
          throw new ManifestError(`module "${concept}" is introduced by two lessons`);
        }
        concepts.add(concept);
      }
      lesson.exercises.forEach((exercise, i) => {
        const expected = `${lesson.id}.${i + 1}`;
        if (exercise.id !== expected) {
          throw new ManifestError(`exercise ${exercise.id} should be numbered ${expected}`);
        }
        if (seen.has(exercise.id)) throw new ManifestError(`exercise ${exercise.id} appears twice`);
        seen.add(exercise.id);
      });
    }
  }

  /** The lesson that introduces a concept (`futures` → lesson 02), if any. */
  lessonOfModule(concept: string): Lesson | undefined {
    return this.lessons.find((lesson) => lesson.modules.includes(concept));
  }

  /** Every concept, in the order the lessons introduce them. */
  get modules(): string[] {
    return this.lessons.flatMap((lesson) => lesson.modules);
  }

  /**
   * Finds what the learner asked for: an exercise id (`02.3`, also `2.3`) or a lesson id
   * (`02`, also `2`). Returns undefined when nothing matches.
   */
  select(query: string): Exercise[] | undefined {
    const match = /^(\d{1,2})(?:\.(\d+))?$/.exec(query.trim());
    if (!match) return undefined;
    const lessonId = String(match[1]).padStart(2, '0');
    const lesson = this.lessons.find((l) => l.id === lessonId);
    if (!lesson) return undefined;
    if (match[2] === undefined) return [...lesson.exercises];
    const exercise = lesson.exercises.find((e) => e.id === `${lessonId}.${Number(match[2])}`);
    return exercise ? [exercise] : undefined;
  }

  /** A sentence listing the valid ids near a wrong one, for error messages. */
  describeIds(): string {
    const first = this.exercises[0]?.id;
    const last = this.exercises.at(-1)?.id;
    return `exercise ids run from ${first} to ${last} (see \`npm run list\`); a lesson id such as ${this.lessons[1]?.id ?? '01'} selects a whole lesson`;
  }
}

/** sha256 of a file's bytes, in hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
