/**
 * What the site shows, gathered from the course folder: the lessons in order (those the
 * manifest lists, whether their text is written yet or not, and any lesson text the manifest
 * does not list yet), the README, and the learner's progress as the grader last recorded it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise, Lesson, Manifest } from '../../grader/manifest.ts';
import { createMarkdown, inlineText } from '../../grader/markdown/index.ts';
import { type ExerciseState, PROGRESS_PATH, Progress } from '../../grader/progress.ts';

export interface LessonInfo {
  /** `03-loop`: the Markdown file's name and the page's. */
  slug: string;
  /** `03`. */
  id: string;
  /** The manifest's title, or the text's first heading for a lesson the manifest lacks. */
  title: string;
  /** `lessons/03-loop.md`, relative to the course root. */
  sourcePath: string;
  /** The Markdown, or undefined for a lesson the manifest lists but nobody has written yet. */
  markdown?: string;
  /** The manifest's entry; undefined for a lesson text the manifest does not list yet. */
  lesson?: Lesson;
  exercises: readonly Exercise[];
}

export interface ProgressInfo {
  /** Whether the grader has recorded anything yet (`.course/progress.json` exists). */
  recorded: boolean;
  state(exercise: Exercise): ExerciseState;
  passed: number;
  total: number;
}

export interface Course {
  root: string;
  manifest: Manifest;
  lessons: LessonInfo[];
  /** The README's Markdown, shown as the overview page, when there is one. */
  readme?: string;
  progress: ProgressInfo;
}

const LESSON_FILE = /^(\d\d)-[a-z0-9-]+\.md$/;

export function collectCourse(root: string, manifest: Manifest): Course {
  const bySlug = new Map<string, LessonInfo>();
  for (const lesson of manifest.lessons) {
    const path = join(root, lesson.textPath);
    bySlug.set(lesson.slug, {
      slug: lesson.slug,
      id: lesson.id,
      title: lesson.title,
      sourcePath: lesson.textPath,
      markdown: existsSync(path) ? readFileSync(path, 'utf8') : undefined,
      lesson,
      exercises: lesson.exercises,
    });
  }
  // A lesson being written may reach lessons/ before its manifest entry: show it anyway.
  const lessonsDir = join(root, 'lessons');
  const files = existsSync(lessonsDir) ? readdirSync(lessonsDir) : [];
  for (const file of files) {
    const match = LESSON_FILE.exec(file);
    const slug = file.slice(0, -'.md'.length);
    if (!match || bySlug.has(slug)) continue;
    const markdown = readFileSync(join(lessonsDir, file), 'utf8');
    bySlug.set(slug, {
      slug,
      id: match[1] ?? '',
      title: firstHeading(markdown) ?? slug,
      sourcePath: `lessons/${file}`,
      markdown,
      exercises: [],
    });
  }
  // Slugs start with the lesson's two-digit id, so their order is the course's.
  const lessons = [...bySlug.values()].sort((a, b) => a.slug.localeCompare(b.slug));
  const readmePath = join(root, 'README.md');
  return {
    root,
    manifest,
    lessons,
    readme: existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : undefined,
    progress: loadProgress(root, manifest),
  };
}

/** The progress the grader derives, read-only; the site builds without it. */
function loadProgress(root: string, manifest: Manifest): ProgressInfo {
  const recorded = existsSync(join(root, PROGRESS_PATH));
  let state: (exercise: Exercise) => ExerciseState = () => 'not graded';
  if (recorded) {
    try {
      const progress = Progress.load(root, manifest, { readOnly: true });
      state = (exercise) => progress.state(exercise);
    } catch (error) {
      // A progress file the grader cannot read costs the site its badges, never the build.
      console.warn(`site: progress not shown (${(error as Error).message})`);
    }
  }
  // Each state is computed once: it hashes the learner's files.
  const states = new Map(manifest.exercises.map((exercise) => [exercise.id, state(exercise)]));
  return {
    recorded,
    state: (exercise) => states.get(exercise.id) ?? 'not graded',
    passed: [...states.values()].filter((s) => s === 'passed').length,
    total: manifest.exercises.length,
  };
}

/** The text of the first top-level heading, for a lesson the manifest does not name yet. */
function firstHeading(markdown: string): string | undefined {
  const tokens = createMarkdown().parse(markdown, {});
  const index = tokens.findIndex((token) => token.type === 'heading_open' && token.tag === 'h1');
  const inline = index === -1 ? undefined : tokens[index + 1];
  return inline ? inlineText(inline) : undefined;
}
