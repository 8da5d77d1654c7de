/**
 * The `--json` output of `npm run grade`, for teachers and tools. Its schema is versioned: a
 * change that removes or renames a field bumps `version`; adding a field does not. The JSON
 * Schema document `grader/grade-result.schema.json` is generated from `GradeResultSchema`
 * (`npm run course:sync`) and a test checks that the two agree.
 */
import { z } from 'zod';
import type { GradeReport } from './grade.ts';
import type { ExerciseVerdict } from './verdict.ts';

export const GRADE_RESULT_VERSION = 1;

const LocationSchema = z.object({
  file: z.string().describe('Relative to the course root.'),
  line: z.number().int(),
  column: z.number().int(),
});

const TestSchema = z.object({
  name: z.string().describe('The test, as a sentence.'),
  status: z.enum(['passed', 'failed', 'skipped', 'not run']),
  kind: z
    .enum(['assertion', 'todo', 'timeout', 'hung', 'exit', 'non-error', 'error'])
    .optional()
    .describe('What kind of failure, for a failed test.'),
  message: z.string().optional(),
  expected: z.string().optional(),
  actual: z.string().optional(),
  location: LocationSchema.optional().describe("Where in the learner's own file."),
  testLocation: LocationSchema.optional().describe('Where in the test file.'),
});

const ExerciseSchema = z.object({
  id: z.string().describe('Such as "02.3".'),
  title: z.string(),
  status: z.enum(['passed', 'failed']),
  files: z.array(z.string()).describe('The files the learner edits.'),
  tests: z.array(TestSchema),
  problems: z
    .array(
      z.object({
        kind: z.enum(['load', 'hung', 'crashed', 'empty']),
        message: z.string(),
        location: LocationSchema.optional(),
      }),
    )
    .describe('What stopped the suite from running normally.'),
  typeErrors: z.array(
    LocationSchema.extend({ code: z.string(), message: z.string() }).describe(
      "A tsc error in the learner's files, or in the test file when the tests cannot use the learner's module.",
    ),
  ),
  substitutedModules: z
    .array(z.object({ module: z.string(), from: z.string(), reason: z.string() }))
    .describe("Earlier lessons' modules taken from another tree than the target's."),
});

export const GradeResultSchema = z.object({
  schema: z.literal('asyncio-course/grade-result'),
  version: z.literal(GRADE_RESULT_VERSION),
  target: z.enum(['exercises', 'solutions', 'reference']),
  passed: z
    .boolean()
    .describe('Whether every graded exercise passed and nothing regressed (the exit code is 0).'),
  exercises: z.array(ExerciseSchema).describe('The exercises asked for, in course order.'),
  regressions: z
    .array(ExerciseSchema)
    .describe('Earlier exercises of the same lessons that passed before and fail now.'),
  warnings: z.array(z.string()),
  progress: z.object({ passed: z.number().int(), total: z.number().int() }).optional(),
});

export type GradeResult = z.infer<typeof GradeResultSchema>;

export function toGradeResult(
  report: GradeReport,
  target: GradeResult['target'],
  warnings: string[],
  progress?: GradeResult['progress'],
): GradeResult {
  return {
    schema: 'asyncio-course/grade-result',
    version: GRADE_RESULT_VERSION,
    target,
    passed: report.verdicts.every((verdict) => verdict.passed) && report.regressions.length === 0,
    exercises: report.verdicts.map(toExercise),
    regressions: report.regressions.map(toExercise),
    warnings,
    progress,
  };
}

function toExercise(verdict: ExerciseVerdict): GradeResult['exercises'][number] {
  const { exercise } = verdict;
  return {
    id: exercise.id,
    title: exercise.title,
    status: verdict.passed ? 'passed' : 'failed',
    files: exercise.filePaths,
    tests: verdict.tests.map((test) => ({
      name: test.name,
      status: test.status,
      kind: test.failure?.kind,
      message: test.failure?.message,
      expected: test.failure?.expected,
      actual: test.failure?.actual,
      location: test.failure?.location && pickLocation(test.failure.location),
      testLocation: test.failure?.testLocation && pickLocation(test.failure.testLocation),
    })),
    problems: verdict.problems.map((problem) => ({
      kind: problem.kind,
      message: problem.message,
      location: problem.location && pickLocation(problem.location),
    })),
    typeErrors: [...verdict.typeErrors, ...verdict.apiErrors],
    substitutedModules: verdict.sources
      .filter((source) => source.reason !== undefined)
      .map((source) => ({
        module: source.concept,
        from: source.tree,
        reason: String(source.reason),
      })),
  };
}

function pickLocation(location: { file: string; line: number; column: number }) {
  return { file: location.file, line: location.line, column: location.column };
}

/** The JSON Schema document that describes `GradeResult`. */
export function gradeResultJsonSchema(): unknown {
  return z.toJSONSchema(GradeResultSchema);
}
