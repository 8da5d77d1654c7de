/**
 * A run plan: what one child vitest process must run. The grader writes it as JSON and
 * passes its path in `COURSE_RUN_PLAN`; `grade.config.ts` turns it into vitest projects.
 */
export interface RunPlan {
  /** The course root: vitest's root, and where the test files are. */
  root: string;
  projects: PlanProject[];
  /** File the setup file appends one JSON line to as each test starts and ends. */
  sideChannel: string;
  /** File the reporter writes the run's results to. */
  results: string;
  /** Milliseconds after which a test that returned no promise result fails (vitest's timeout). */
  testTimeout: number;
}

/** One vitest project: a set of test files run with one resolution of `#course/*`. */
export interface PlanProject {
  /** Unique within the run; results are keyed by it. */
  name: string;
  /** Absolute paths of the test files. */
  tests: string[];
  /** Specifier (such as `#course/futures`) → absolute path of the module file to use. */
  aliases: Record<string, string>;
}

export const PLAN_ENV = 'COURSE_RUN_PLAN';

/**
 * One line of the side channel. The setup file writes `load` as a test file starts loading,
 * `start` and `end` around each test, and `beat` while its event loop is free; the reporter
 * writes `done` when a file has finished.
 */
export interface SideEvent {
  event: 'load' | 'start' | 'end' | 'beat' | 'done';
  project: string;
  /** Absolute path of the test file. */
  file: string;
  name?: string;
  at: number;
}

/** One line of the results file: a finished test file, or the end of the run. */
export type ResultLine = { module: ModuleResult } | { end: true; unhandled: ErrorInfo[] };

/** What a run reported (see `reporter.ts`), read back from its lines. */
export interface RunResults {
  modules: ModuleResult[];
  /** Errors vitest could not attach to a test, such as a rejection after a test ended. */
  unhandled: ErrorInfo[];
}

export interface ModuleResult {
  project: string;
  /** Absolute path of the test file. */
  file: string;
  /** Errors that stopped the file from loading (a syntax error, a missing export...). */
  errors: ErrorInfo[];
  tests: TestInfo[];
}

export interface TestInfo {
  name: string;
  /** The names of the enclosing `describe` blocks and the test, joined with ' > '. */
  fullName: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  errors: ErrorInfo[];
  /** Line of the test in its file. */
  line?: number;
}

export interface ErrorInfo {
  name?: string;
  message: string;
  expected?: string;
  actual?: string;
  diff?: string;
  /** Source-mapped stack frames, innermost first. */
  frames: Frame[];
}

export interface Frame {
  file: string;
  line: number;
  column: number;
  method: string;
}
