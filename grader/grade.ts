/**
 * Grading: runs exercises' suites on a target and returns a verdict per exercise.
 *
 * On the learner's own files, an earlier lesson's modules are the learner's only while that
 * lesson passes; otherwise the solution's are used, and the verdict says so, so that a broken
 * `futures.ts` does not make every later exercise fail for reasons the learner cannot see.
 * Whether an earlier lesson passes comes from the progress cache; where the cache cannot say
 * (files changed since), that lesson is graded in the same run, and the few exercises whose
 * choice of modules turns out wrong are graded again.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dependencies } from './deps.ts';
import type { Exercise, Lesson, Manifest } from './manifest.ts';
import type { Progress } from './progress.ts';
import { aliasesOf, type Resolution, resolveModules, type Target } from './resolve.ts';
import { type RunOptions, runSuitesToCompletion, suiteKey } from './run-suites.ts';
import { type TscError, typecheck } from './typecheck.ts';
import { type ExerciseVerdict, toVerdict } from './verdict.ts';
import type { PlanProject } from './vitest/plan.ts';

export interface GradeRequest {
  manifest: Manifest;
  /** What to grade, in any order. */
  exercises: Exercise[];
  target: Target;
  /**
   * On `exercises`, where earlier lessons' modules come from: the learner's while that lesson
   * passes (`progress`, the default), or always the solutions (`solutions`: the untouched
   * stubs of the self-check).
   */
  earlier?: 'progress' | 'solutions';
  /** The learner's progress: read to choose modules, and updated with every verdict. */
  progress?: Progress;
  /** Also grade the earlier exercises of each graded exercise's lesson, to catch regressions. */
  recheck?: boolean;
  /** Type-check the graded files with tsc (on by default for `exercises`). */
  typecheck?: boolean;
  run?: RunOptions;
}

export interface GradeReport {
  /** The requested exercises, in course order. */
  verdicts: ExerciseVerdict[];
  /**
   * Earlier exercises of the same lessons, re-checked (with `recheck`), that passed before this
   * run and fail now.
   */
  regressions: ExerciseVerdict[];
  /** Earlier exercises of the same lessons, re-checked, that have never passed. */
  unfinished: ExerciseVerdict[];
}

/** One lesson's share of a run: some of its exercises, with one resolution of modules. */
interface Unit {
  lesson: Lesson;
  exercises: Exercise[];
  resolution: Resolution;
}

export async function grade(request: GradeRequest): Promise<GradeReport> {
  const { manifest } = request;
  const requested = new Set(request.exercises);
  const graded = new Map<Exercise, ExerciseVerdict>();
  const unitsByLesson = planLessons(request);
  const passedBefore = new Set(
    manifest.exercises.filter((exercise) => request.progress?.lastVerdict(exercise) === 'passed'),
  );

  // Each pass grades the lessons whose choice of modules is new; it ends when nothing changes
  // (at most once per lesson in the chain of dependencies).
  const lastKey = new Map<Lesson, string>();
  for (let pass = 0; pass <= manifest.lessons.length; pass++) {
    const units: Unit[] = [];
    for (const [lesson, exercises] of unitsByLesson) {
      const resolution = resolveModules(
        manifest,
        request.target,
        fallbacksFor(request, lesson, graded),
      );
      const key = JSON.stringify(resolution.modules.map((module) => module.tree));
      if (lastKey.get(lesson) === key) continue;
      lastKey.set(lesson, key);
      units.push({ lesson, exercises, resolution });
    }
    if (units.length === 0) break;
    for (const verdict of await gradeUnits(request, units)) {
      graded.set(verdict.exercise, verdict);
      if (request.target === 'exercises') {
        request.progress?.record(verdict.exercise, verdict.passed, resolutionOf(units, verdict));
      }
    }
  }
  request.progress?.save();

  const inOrder = [...graded.values()].sort((a, b) => a.exercise.index - b.exercise.index);
  const earlierFailing = inOrder.filter(
    (verdict) =>
      !verdict.passed &&
      !requested.has(verdict.exercise) &&
      request.exercises.some(
        (exercise) =>
          exercise.lesson === verdict.exercise.lesson && exercise.index > verdict.exercise.index,
      ),
  );
  return {
    verdicts: inOrder.filter((verdict) => requested.has(verdict.exercise)),
    regressions: earlierFailing.filter((verdict) => passedBefore.has(verdict.exercise)),
    unfinished: earlierFailing.filter((verdict) => !passedBefore.has(verdict.exercise)),
  };
}

/**
 * Which exercises of which lessons to run: the requested ones (with the earlier ones of their
 * lessons when re-checking), and on the learner's files, every earlier lesson they build on
 * whose state the progress cache cannot vouch for.
 */
function planLessons(request: GradeRequest): Map<Lesson, Exercise[]> {
  const plan = new Map<Lesson, Set<Exercise>>();
  const add = (lesson: Lesson, exercises: Iterable<Exercise>) => {
    const set = plan.get(lesson) ?? new Set<Exercise>();
    for (const exercise of exercises) set.add(exercise);
    plan.set(lesson, set);
  };
  for (const exercise of request.exercises) {
    const lesson = exercise.lesson;
    add(
      lesson,
      request.recheck
        ? lesson.exercises.slice(0, lesson.exercises.indexOf(exercise) + 1)
        : [exercise],
    );
  }
  if (request.target === 'exercises' && request.earlier !== 'solutions') {
    for (const lesson of [...plan.keys()]) {
      for (const dependency of dependencies(request.manifest, lesson)) {
        const unknown = dependency.exercises.some((exercise) => {
          const state = request.progress?.state(exercise) ?? 'not graded';
          return state === 'changed' || state === 'not graded';
        });
        if (unknown && !plan.has(dependency)) add(dependency, dependency.exercises);
      }
    }
  }
  const ordered = [...plan.entries()].sort(([a], [b]) => a.id.localeCompare(b.id));
  return new Map(
    ordered.map(([lesson, set]) => [lesson, [...set].sort((a, b) => a.index - b.index)]),
  );
}

/** The learner's earlier modules to replace by the solutions', with the reason for each. */
function fallbacksFor(
  request: GradeRequest,
  lesson: Lesson,
  graded: ReadonlyMap<Exercise, ExerciseVerdict>,
): Map<string, string> {
  const fallbacks = new Map<string, string>();
  if (request.target !== 'exercises') return fallbacks;
  for (const dependency of dependencies(request.manifest, lesson)) {
    const reason =
      request.earlier === 'solutions'
        ? 'the stubs are untouched'
        : whyNotUsable(request, dependency, graded);
    if (reason === undefined) continue;
    for (const concept of dependency.modules) fallbacks.set(concept, reason);
  }
  return fallbacks;
}

/**
 * Why the learner's modules of a lesson cannot be used, or undefined when they can: every
 * exercise passes, or is being graded in this run and so is taken to pass until its verdict
 * says otherwise (a wrong guess makes the dependent lesson run again, on the solutions).
 */
function whyNotUsable(
  request: GradeRequest,
  lesson: Lesson,
  graded: ReadonlyMap<Exercise, ExerciseVerdict>,
): string | undefined {
  for (const exercise of lesson.exercises) {
    const verdict = graded.get(exercise);
    const failed = verdict ? !verdict.passed : request.progress?.state(exercise) === 'failed';
    if (failed) return `your lesson ${lesson.id} does not pass yet (${exercise.id} fails)`;
  }
  return undefined;
}

function resolutionOf(units: Unit[], verdict: ExerciseVerdict): Resolution {
  const unit = units.find((candidate) => candidate.exercises.includes(verdict.exercise));
  return unit ? unit.resolution : { target: verdict.target, modules: verdict.sources };
}

/** Runs units in one vitest run, with tsc beside it. */
async function gradeUnits(request: GradeRequest, units: Unit[]): Promise<ExerciseVerdict[]> {
  const root = request.manifest.root;
  const checkTypes = request.typecheck ?? request.target === 'exercises';
  const typeErrors = checkTypes
    ? Promise.all(units.map((unit) => typecheckUnit(root, unit)))
    : Promise.resolve(units.map(() => [] as TscError[]));

  const outcomes = await runSuitesToCompletion(
    root,
    units.map((unit) => toProject(root, unit)),
    request.run,
  );
  const errors = await typeErrors;
  return units.flatMap((unit, i) =>
    unit.exercises.map((exercise) =>
      toVerdict({
        root,
        exercise,
        target: request.target,
        sources: unit.resolution.modules,
        typeErrors: errors[i] ?? [],
        ...outcomes.get(suiteKey(projectName(unit), join(root, exercise.testPath))),
      }),
    ),
  );
}

function projectName(unit: Unit): string {
  return `${unit.resolution.target}:${unit.lesson.slug}`;
}

function toProject(root: string, unit: Unit): PlanProject {
  return {
    name: projectName(unit),
    tests: unit.exercises.map((exercise) => join(root, exercise.testPath)),
    aliases: aliasesOf(unit.resolution, root),
  };
}

/** tsc over the lesson's own files in the target's tree, and the unit's test files. */
function typecheckUnit(root: string, unit: Unit): Promise<TscError[]> {
  const tree = unit.resolution.target === 'reference' ? 'solutions' : unit.resolution.target;
  const dir = `${tree}/${unit.lesson.slug}`;
  const moduleFiles = readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `${dir}/${name}`);
  const testFiles = unit.exercises.map((exercise) => exercise.testPath);
  return typecheck({
    root,
    files: [...moduleFiles, ...testFiles],
    aliases: aliasesOf(unit.resolution, root),
  });
}
