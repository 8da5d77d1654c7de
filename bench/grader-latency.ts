/**
 * The grader's latency, as a learner feels it:
 *
 * - cold: the wall time of `npm run grade 01.1` (a fresh process each time, the untouched stub,
 *   so a failing verdict), from start to exit;
 * - watch: in `npm start`'s watch mode, the time from saving the current exercise's file to the
 *   end of the verdict that follows (the footer line `Watching exercises/ …`).
 *
 * Watch mode runs in a scratch copy of the course under `.course/` (exercises, solutions,
 * lessons, grader, package.json, tsconfig.json and a node_modules symlink), so that the real
 * exercises/ are never touched; the copy is removed afterwards.
 *
 * Run alone: `npx tsx bench/grader-latency.ts [--runs N]`; `bench/run.ts` calls it too.
 *
 * @module
 */

import { type ChildProcess, spawn } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The course's root: the folder above bench/. */
export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** What was measured, in ms; `error` when a part could not be measured. */
export interface GraderLatency {
  /** The exercise graded cold. */
  coldId: string;
  /** Wall times of `npm run grade <coldId>`, measured runs only. */
  cold: number[];
  /** The exercise that watch mode was on. */
  watchId: string;
  /** Times from saving a file to the end of the verdict. */
  watch: number[];
  /** How the watcher watched: file events or polling (it says so when it polls). */
  watchMode: string;
  /** How many runs of each were discarded as warm-up. */
  warmups: number;
  errors: string[];
}

/** The output's lines, without colours. */
function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are what it removes.
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

/** Runs `npm <args>` in `cwd` and returns its wall time in ms. */
function timeNpm(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('npm', args, { cwd, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => {
      // `grade` exits 1 on a failing verdict: that is the expected outcome here.
      if (code === 0 || code === 1) resolve(performance.now() - t0);
      else reject(new Error(`npm ${args.join(' ')} exited with ${code}`));
    });
  });
}

/** Cold grading: `warmups` discarded runs, then `runs` measured ones. */
async function coldGrade(id: string, runs: number, warmups: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < warmups + runs; i++) {
    const ms = await timeNpm(['run', 'grade', id], ROOT);
    if (i >= warmups) times.push(ms);
  }
  return times;
}

/** Makes the scratch copy of the course for watch mode. */
function scratchCourse(): string {
  const courseDir = join(ROOT, '.course');
  mkdirSync(courseDir, { recursive: true });
  const scratch = mkdtempSync(join(courseDir, 'bench-watch-'));
  for (const dir of ['exercises', 'solutions', 'lessons', 'grader']) {
    cpSync(join(ROOT, dir), join(scratch, dir), { recursive: true });
  }
  for (const file of ['package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, file), join(scratch, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  return scratch;
}

/** Removes the scratch copy (the symlink first, so that nothing behind it is touched). */
function removeScratch(scratch: string): void {
  try {
    unlinkSync(join(scratch, 'node_modules'));
  } catch {
    // Already gone.
  }
  rmSync(scratch, { recursive: true, force: true });
}

/** Resolves after `ms`; the timer does not keep the process alive. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The end of a verdict in watch mode's output. */
const FOOTER = /Watching exercises\/ … (\S+): read \S+, edit (\S+?)\.?\s*$/m;

/** Follows a watch-mode process's output: counts verdicts, knows when it has gone quiet. */
class WatchOutput {
  text = '';
  verdicts = 0;
  lastOutput = performance.now();
  #waiters: (() => void)[] = [];

  constructor(child: ChildProcess) {
    const take = (chunk: Buffer) => {
      this.text += chunk.toString('utf8');
      this.verdicts = plain(this.text).match(new RegExp(FOOTER.source, 'gm'))?.length ?? 0;
      this.lastOutput = performance.now();
      for (const wake of this.#waiters.splice(0)) wake();
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
  }

  /** The last footer's exercise and file. */
  current(): { id: string; file: string } | null {
    const matches = [...plain(this.text).matchAll(new RegExp(FOOTER.source, 'gm'))];
    const last = matches.at(-1);
    return last === undefined ? null : { id: last[1], file: last[2] };
  }

  /** Waits until `verdicts` exceeds `count`; rejects after `timeoutMs`. */
  async verdictAfter(count: number, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.verdicts <= count) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no verdict within ${timeoutMs} ms:\n${plain(this.text)}`);
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
    }
  }

  /** Waits until nothing was printed for `quietMs`. */
  async quiet(quietMs: number): Promise<void> {
    while (performance.now() - this.lastOutput < quietMs) await delay(50);
  }
}

/** Stops a process group that this module started, gently first. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // The group is gone.
    }
  };
  signal('SIGINT');
  const stopped = await Promise.race([exited.then(() => true), delay(3000).then(() => false)]);
  if (!stopped) {
    signal('SIGKILL');
    await exited;
  }
}

/** Watch mode: the first verdict, then `warmups + runs` saves, each timed to its verdict. */
async function watchLatency(
  runs: number,
  warmups: number,
): Promise<{ id: string; times: number[]; mode: string }> {
  const scratch = scratchCourse();
  const child = spawn('npm', ['start'], {
    cwd: scratch,
    detached: true, // Its own process group, so that stopping it stops tsx and vitest too.
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, COURSE_ROOT: scratch },
  });
  const output = new WatchOutput(child);
  try {
    await output.verdictAfter(0, 120_000);
    await output.quiet(700);
    const current = output.current();
    if (current === null) throw new Error('watch mode named no exercise');
    const mode = /polling/.test(plain(output.text)) ? 'polling' : 'file events';
    const times: number[] = [];
    for (let i = 0; i < warmups + runs; i++) {
      const count = output.verdicts;
      const t0 = performance.now();
      // A comment at the end: the file changes, the verdict does not.
      appendFileSync(join(scratch, current.file), `\n// saved by the benchmark (${i + 1})\n`);
      await output.verdictAfter(count, 60_000);
      const ms = performance.now() - t0;
      if (i >= warmups) times.push(ms);
      await output.quiet(700);
    }
    return { id: current.id, times, mode };
  } finally {
    await stopGroup(child);
    removeScratch(scratch);
  }
}

/** Measures both latencies: `runs` measured runs each, after `warmups` discarded ones. */
export async function measureGraderLatency(options: {
  runs: number;
  warmups: number;
  coldId?: string;
}): Promise<GraderLatency> {
  const coldId = options.coldId ?? '01.1';
  const result: GraderLatency = {
    coldId,
    cold: [],
    watchId: '',
    watch: [],
    watchMode: '',
    warmups: options.warmups,
    errors: [],
  };
  try {
    result.cold = await coldGrade(coldId, options.runs, options.warmups);
  } catch (error) {
    result.errors.push(`cold grade: ${(error as Error).message}`);
  }
  try {
    const watch = await watchLatency(options.runs, options.warmups);
    result.watchId = watch.id;
    result.watch = watch.times;
    result.watchMode = watch.mode;
  } catch (error) {
    result.errors.push(`watch mode: ${(error as Error).message}`);
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '5' }, warmups: { type: 'string', default: '1' } },
  });
  const latency = await measureGraderLatency({
    runs: Number(values.runs),
    warmups: Number(values.warmups),
  });
  console.log(JSON.stringify(latency, null, 2));
}
