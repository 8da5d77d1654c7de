/**
 * Verdicts: what a run of an exercise's suite means for the learner. Turns vitest's results,
 * tsc's errors and the watchdog's findings into one verdict per exercise, classifying each
 * failure so that the report can say what happened in plain words.
 */
import { isAbsolute, relative } from 'node:path';
import type { Exercise } from './manifest.ts';
import type { ModuleSource, Target } from './resolve.ts';
import type { Hang } from './run-suites.ts';
import type { TscError } from './typecheck.ts';
import type { ErrorInfo, ModuleResult } from './vitest/plan.ts';

export type FailureKind =
  /** An `expect` that did not hold. */
  | 'assertion'
  /** A stub's `TODO(LL.N)` error: the code is not written yet. */
  | 'todo'
  /** The test waited for a promise that never settled. */
  | 'timeout'
  /** The code never returned control (a synchronous infinite loop); the watchdog stopped it. */
  | 'hung'
  /** The code called `process.exit`. */
  | 'exit'
  /** The code threw something that is not an Error. */
  | 'non-error'
  /** Any other error thrown by the code. */
  | 'error';

export interface Location {
  /** Relative to the course root. */
  file: string;
  line: number;
  column: number;
  /** The function or method, when the stack names it. */
  method?: string;
}

export interface Failure {
  kind: FailureKind;
  message: string;
  expected?: string;
  actual?: string;
  diff?: string;
  /** The innermost place in the learner's own files that the failure passed through. */
  location?: Location;
  /** The place in the test file. */
  testLocation?: Location;
}

export interface TestVerdict {
  name: string;
  fullName: string;
  status: 'passed' | 'failed' | 'skipped' | 'not run';
  failure?: Failure;
}

/** Something that stopped the suite from running its tests normally. */
export interface Problem {
  kind: 'load' | 'hung' | 'crashed' | 'empty';
  message: string;
  location?: Location;
}

export interface ExerciseVerdict {
  exercise: Exercise;
  target: Target;
  passed: boolean;
  tests: TestVerdict[];
  problems: Problem[];
  /** tsc errors in the learner's files of the exercise's lesson. */
  typeErrors: TscError[];
  /** tsc errors in the test file: the tests cannot use the learner's module as written. */
  apiErrors: TscError[];
  /** Where each concept module came from; those with a `reason` were substituted. */
  sources: ModuleSource[];
}

export interface VerdictInput {
  root: string;
  exercise: Exercise;
  target: Target;
  sources: ModuleSource[];
  result?: ModuleResult;
  hang?: Hang;
  crash?: string;
  typeErrors: TscError[];
}

/** Builds one exercise's verdict from what its run produced. */
export function toVerdict(input: VerdictInput): ExerciseVerdict {
  const { root, exercise } = input;
  const learnerFiles = learnerFilter(exercise, input.sources);
  const problems: Problem[] = [];
  let tests: TestVerdict[] = [];

  if (input.hang) {
    const stopped = `it was stopped after ${seconds(input.hang.after)}`;
    if (input.hang.test) {
      tests.push({
        name: input.hang.test,
        fullName: input.hang.test,
        status: 'failed',
        failure: { kind: 'hung', message: `never returned: ${stopped}` },
      });
    } else {
      problems.push({
        kind: 'hung',
        message: `loading the test file and your code never finished: ${stopped}`,
      });
    }
  } else if (input.crash) {
    problems.push({ kind: 'crashed', message: input.crash });
  } else if (!input.result) {
    problems.push({ kind: 'crashed', message: 'the test run ended before this suite reported' });
  } else {
    for (const error of input.result.errors) {
      problems.push({
        kind: 'load',
        message: cleanMessage(error.message),
        location: learnerLocation(error, root, learnerFiles),
      });
    }
    tests = input.result.tests.map((test) => {
      const failure = test.errors[0]
        ? classify(test.errors[0], root, learnerFiles, exercise.testPath)
        : undefined;
      const status = test.state === 'pending' ? 'not run' : test.state;
      return { name: test.name, fullName: test.fullName, status, failure };
    });
    if (tests.length === 0 && problems.length === 0) {
      problems.push({ kind: 'empty', message: 'the suite ran no test' });
    }
  }

  const testFile = exercise.testPath;
  const apiErrors = input.typeErrors.filter((error) => error.file === testFile);
  const typeErrors = input.typeErrors.filter((error) => learnerFiles(error.file));
  const passed =
    problems.length === 0 &&
    tests.length > 0 &&
    tests.every((test) => test.status === 'passed') &&
    typeErrors.length === 0 &&
    apiErrors.length === 0;
  return {
    exercise,
    target: input.target,
    passed,
    tests,
    problems,
    typeErrors,
    apiErrors,
    sources: input.sources,
  };
}

/** A predicate for "this path (relative to the root) is one of the files the learner edits". */
function learnerFilter(exercise: Exercise, sources: ModuleSource[]): (file: string) => boolean {
  const lessonDir = `${exercise.filePaths[0]?.split('/').slice(0, 2).join('/')}/`;
  const learnerModules = new Set(
    sources.filter((source) => source.tree === 'exercises').map((source) => source.path),
  );
  return (file) =>
    file.startsWith('exercises/') &&
    !file.includes('/tests/') &&
    (file.startsWith(lessonDir) || learnerModules.has(file));
}

function classify(
  error: ErrorInfo,
  root: string,
  isLearnerFile: (file: string) => boolean,
  testPath: string,
): Failure {
  const message = cleanMessage(error.message);
  const location = learnerLocation(error, root, isLearnerFile);
  const testFrame = error.frames.find((frame) => relativeTo(root, frame.file) === testPath);
  const testLocation = testFrame
    ? { file: testPath, line: testFrame.line, column: testFrame.column }
    : undefined;
  const base = { message, location, testLocation };
  if (/^TODO\(\d\d\.\d+\)/.test(message)) return { kind: 'todo', ...base };
  if (/^process\.exit unexpectedly called/.test(message)) return { kind: 'exit', ...base };
  if (/^Test timed out in \d+ms/.test(message)) return { kind: 'timeout', ...base };
  if (error.name === undefined && error.frames.length === 0) {
    return { kind: 'non-error', ...base };
  }
  if (error.name === 'AssertionError' || error.expected !== undefined) {
    return {
      kind: 'assertion',
      ...base,
      expected: error.expected,
      actual: error.actual,
      diff: error.diff ? cleanMessage(error.diff) : undefined,
    };
  }
  const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
  return { kind: 'error', ...base, message: `${name}${message}` };
}

function learnerLocation(
  error: ErrorInfo,
  root: string,
  isLearnerFile: (file: string) => boolean,
): Location | undefined {
  for (const frame of error.frames) {
    const file = relativeTo(root, frame.file);
    if (isLearnerFile(file)) {
      return { file, line: frame.line, column: frame.column, method: frame.method || undefined };
    }
  }
  return undefined;
}

function relativeTo(root: string, file: string): string {
  const path = file.startsWith('file://') ? new URL(file).pathname : file;
  return isAbsolute(path) ? relative(root, path) : path;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
const ANSI = /\u001b\[[0-9;]*m/g;

/** Strips terminal colors that some messages (vite's parse errors) carry. */
export function cleanMessage(message: string): string {
  return message.replace(ANSI, '').trim();
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
