/**
 * Runs test suites in a child vitest process, under a watchdog.
 *
 * vitest's own timeout cannot stop a synchronous infinite loop, and a reporter's events never
 * leave a worker that is stuck. So the child's setup file appends each test's start and end to
 * a side channel, synchronously; this process reads it, and when a test (or the loading of a
 * test file) has run for too long it kills the child's whole process group and names the test.
 * A run that was killed, crashed, or wrote no results never counts as a pass.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ModuleResult,
  PLAN_ENV,
  type PlanProject,
  type ResultLine,
  type RunPlan,
  type RunResults,
  type SideEvent,
} from './vitest/plan.ts';

const require = createRequire(import.meta.url);
const VITEST_CLI = join(require.resolve('vitest/package.json'), '..', 'vitest.mjs');
const CONFIG = fileURLToPath(new URL('./vitest/grade.config.ts', import.meta.url));

export interface RunOptions {
  /** A test whose worker has been silent longer than this (ms) is taken as hung. */
  hangAfter?: number;
  /** A test file whose worker has been silent this long (ms) while loading it is taken as hung. */
  loadHangAfter?: number;
  /** vitest's timeout for a test whose promise never settles (ms). */
  testTimeout?: number;
  /** The whole run may not take longer than this (ms). */
  deadline?: number;
  /** Worker threads vitest may use (defaults to vitest's choice). */
  maxWorkers?: number;
}

/** Where a killed run was stuck. */
export interface Hang {
  project: string;
  file: string;
  /** The test that never returned; undefined when the file hung while loading. */
  test?: string;
  /** How long it had run when it was stopped (ms). */
  after: number;
}

/**
 * How a child run ended. A run that was stopped (a hang) or crashed still brings the results
 * of the test files that finished before: `partial`.
 */
export type RunOutcome =
  | { kind: 'completed'; results: RunResults }
  | { kind: 'hung'; hang: Hang; partial: ModuleResult[] }
  | { kind: 'crashed'; detail: string; partial: ModuleResult[] };

const DEFAULTS = {
  hangAfter: 5_000,
  loadHangAfter: 5_000,
  testTimeout: 3_000,
  deadline: 300_000,
} satisfies RunOptions;

/** What happened to one test file of one project. */
export interface SuiteOutcome {
  result?: ModuleResult;
  hang?: Hang;
  crash?: string;
}

/** Key of a test file in a project, for `runSuitesToCompletion`'s map. */
export function suiteKey(project: string, file: string): string {
  return `${project}\0${file}`;
}

/**
 * Runs every suite to an outcome. A hang stops the whole child run, so the hung suite is
 * recorded and the others are run again without it, until none hangs.
 */
export async function runSuitesToCompletion(
  root: string,
  projects: PlanProject[],
  options: RunOptions = {},
): Promise<Map<string, SuiteOutcome>> {
  const outcomes = new Map<string, SuiteOutcome>();
  let remaining = projects;
  while (remaining.length > 0) {
    const outcome = await runSuites(root, remaining, options);
    if (outcome.kind === 'hung') {
      const { hang } = outcome;
      outcomes.set(suiteKey(hang.project, hang.file), { hang });
      // What finished before the hang is kept: only the rest runs again.
      for (const result of outcome.partial) {
        outcomes.set(suiteKey(result.project, result.file), { result });
      }
      remaining = remaining
        .map((project) => ({
          ...project,
          tests: project.tests.filter((file) => !outcomes.has(suiteKey(project.name, file))),
        }))
        .filter((project) => project.tests.length > 0);
      continue;
    }
    for (const project of remaining) {
      for (const file of project.tests) {
        const key = suiteKey(project.name, file);
        const modules = outcome.kind === 'crashed' ? outcome.partial : outcome.results.modules;
        const result = modules.find(
          (module) => module.project === project.name && module.file === file,
        );
        if (result) outcomes.set(key, { result });
        else if (outcome.kind === 'crashed') outcomes.set(key, { crash: outcome.detail });
        else outcomes.set(key, {});
      }
    }
    break;
  }
  return outcomes;
}

export async function runSuites(
  root: string,
  projects: PlanProject[],
  options: RunOptions = {},
): Promise<RunOutcome> {
  const settings = { ...DEFAULTS, ...options };
  const scratch = join(root, '.course', 'runs');
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'run-'));
  const plan: RunPlan = {
    root,
    projects,
    sideChannel: join(dir, 'side-channel.jsonl'),
    results: join(dir, 'results.json'),
    testTimeout: settings.testTimeout,
  };
  writeFileSync(plan.sideChannel, '');
  writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
  try {
    return await runChild(plan, join(dir, 'plan.json'), settings);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(
  plan: RunPlan,
  planPath: string,
  settings: Required<Omit<RunOptions, 'maxWorkers'>> & RunOptions,
): Promise<RunOutcome> {
  const args = [VITEST_CLI, 'run', '--config', CONFIG, '--root', plan.root];
  if (settings.maxWorkers) args.push('--maxWorkers', String(settings.maxWorkers));
  const child = spawn(process.execPath, args, {
    cwd: plan.root,
    // Its own process group, so that killing it also kills vitest's workers.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, [PLAN_ENV]: planPath, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const started = Date.now();
  const reader = new SideChannelReader(plan.sideChannel);
  let stopped: Exclude<RunOutcome, { kind: 'completed' }> | undefined;
  const kill = () => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const watchdog = setInterval(() => {
    reader.poll();
    const now = Date.now();
    const hang = reader.stuck(now, settings.hangAfter, settings.loadHangAfter);
    if (hang) {
      stopped = { kind: 'hung', hang, partial: [] };
      kill();
    } else if (now - started > settings.deadline) {
      const detail = `the test run took longer than ${settings.deadline / 1000} s and was stopped`;
      stopped = { kind: 'crashed', detail, partial: [] };
      kill();
    }
  }, 100);
  // The grader may be interrupted (Ctrl-C): never leave a stuck child behind.
  const onExit = () => kill();
  process.once('exit', onExit);

  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearInterval(watchdog);
      process.removeListener('exit', onExit);
      const { results, ended } = readResults(plan.results);
      if (stopped) return resolve({ ...stopped, partial: results.modules });
      if (ended) return resolve({ kind: 'completed', results });
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      resolve({
        kind: 'crashed',
        detail: `the test run ${how} before it finished\n${lastLines(output, 15)}`,
        partial: results.modules,
      });
    });
  });
}

/** Follows the side channel file and knows what each test file is doing now. */
class SideChannelReader {
  private readonly path: string;
  private offset = 0;
  /** Per project and test file: loading it, or running one of its tests. */
  private readonly running = new Map<string, SideEvent>();
  /** Per project and test file: when its worker last showed a sign of life. */
  private readonly lastSign = new Map<string, number>();

  constructor(path: string) {
    this.path = path;
  }

  poll(): void {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.path);
    } catch {
      return;
    }
    // Consume whole lines only, counted in bytes: a line may be half written.
    const end = bytes.lastIndexOf(0x0a);
    if (end < this.offset) return;
    const text = bytes.subarray(this.offset, end).toString('utf8');
    this.offset = end + 1;
    for (const line of text.split('\n')) {
      if (!line) continue;
      const event = JSON.parse(line) as SideEvent;
      const key = `${event.project}\0${event.file}`;
      this.lastSign.set(key, event.at);
      if (event.event === 'load' || event.event === 'start') {
        this.running.set(key, event);
      } else if (event.event === 'end' || event.event === 'done') {
        this.running.delete(key);
      }
    }
  }

  /**
   * The first test (or loading file) whose worker has been silent for too long: its code has
   * not given control back since. A test that merely waits keeps its worker beating.
   */
  stuck(now: number, hangAfter: number, loadHangAfter: number): Hang | undefined {
    for (const [key, event] of this.running) {
      const limit = event.event === 'load' ? loadHangAfter : hangAfter;
      const silent = now - (this.lastSign.get(key) ?? event.at);
      if (silent > limit) {
        return {
          project: event.project,
          file: event.file,
          test: event.name,
          after: now - event.at,
        };
      }
    }
    return undefined;
  }
}

/** Reads the reporter's lines back; `ended` says whether the run reached its end. */
function readResults(path: string): { results: RunResults; ended: boolean } {
  const results: RunResults = { modules: [], unhandled: [] };
  let ended = false;
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { results, ended };
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    let parsed: ResultLine;
    try {
      parsed = JSON.parse(line) as ResultLine;
    } catch {
      continue; // A line cut short when the run was killed.
    }
    if ('module' in parsed) {
      results.modules.push(parsed.module);
    } else {
      ended = true;
      results.unhandled = parsed.unhandled;
    }
  }
  return { results, ended };
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
