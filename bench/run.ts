/**
 * `npm run bench`: the same workloads on the reference runtime, CPython's asyncio, native
 * `async`/`await` on Node and Effection, side by side; medians of repeated runs, each in a fresh
 * process, and the ratio of each peer to the reference. Writes bench/RESULTS.md and prints it.
 *
 * - `npm run bench`: full sizes, 1 warm-up run (discarded) and 5 measured runs of each row.
 * - `npm run bench -- --quick`: a tenth of the sizes, 1 run, no warm-up; a rough table in under
 *   a minute, written to `.course/bench/RESULTS-quick.md` so that it never replaces the real one.
 * - `--only A,B,C,D,E,F,grader` (sections; `Bmem` is B's memory), `--runs N`, `--warmups N`,
 *   `--out FILE`, `--no-grader`.
 *
 * Python is the interpreter the parity runner uses (reference/test/parity/python.ts): `PYTHON`,
 * else the newest Python 3 that runs.
 *
 * @module
 */

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { choosePython, formatVersion, type Interpreter } from '../reference/test/parity/python.ts';
import { type GraderLatency, measureGraderLatency, ROOT } from './grader-latency.ts';
import { type Measurement, REPORT_PREFIX } from './workloads/common.ts';

// ── Options and sizes ───────────────────────────────────────────────────────────────────────

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    warmups: { type: 'string' },
    out: { type: 'string' },
    'no-grader': { type: 'boolean', default: false },
  },
});

const QUICK = flags.quick;

/** The sizes of each workload, and how often each row runs. */
const SIZES = QUICK
  ? {
      switches: 100_000,
      tasks: 10_000,
      timers: [1_000, 10_000, 100_000],
      callbacks: 100_000,
      chain: 10_000,
      jobs: 100,
      effectionTasks: 1_000,
      effectionSleepSwitches: 200,
      runs: 1,
      warmups: 0,
      childTimeoutMs: 60_000,
    }
  : {
      switches: 1_000_000,
      tasks: 100_000,
      timers: [10_000, 100_000, 1_000_000],
      callbacks: 1_000_000,
      chain: 100_000,
      jobs: 1_000,
      effectionTasks: 10_000,
      effectionSleepSwitches: 2_000,
      runs: 5,
      warmups: 1,
      childTimeoutMs: 300_000,
    };
const RUNS = flags.runs === undefined ? SIZES.runs : Number(flags.runs);
/** Measured runs of C at its largest size (see `plan`). */
const HEAVY_RUNS = 3;
const WARMUPS = flags.warmups === undefined ? SIZES.warmups : Number(flags.warmups);
const ONLY = flags.only === undefined ? null : new Set(flags.only.split(','));
const OUT = flags.out ?? join(ROOT, QUICK ? '.course/bench/RESULTS-quick.md' : 'bench/RESULTS.md');

// ── The plan: sections of rows ──────────────────────────────────────────────────────────────

type Runtime = 'reference' | 'asyncio' | 'native' | 'effection';

/** One line of a table: one runtime's take on a workload. */
interface Row {
  /** Identifies the row for the goals. */
  key: string;
  runtime: Runtime;
  /** What the row runs, as the table shows it. */
  label: string;
  workload: string;
  variant: string;
  n: number;
  /** The size of the warm-up runs, when smaller than `n`. */
  warmupN?: number;
  /** Set when the row is not run: why. */
  skip?: string;
}

/** One table. */
interface Section {
  id: string;
  /** Which `--only` name selects it. */
  group: string;
  title: string;
  /** What the table shows: times, memory per task, or timers' lateness. */
  kind: 'time' | 'memory' | 'timers';
  /** What one operation is, for the per-operation column. */
  unit: string;
  /** What the section's ratios are relative to. */
  baseline: string;
  rows: Row[];
  /** Text under the table. */
  notes: string[];
  /** Measured runs and warm-ups, when not the defaults. */
  runs?: number;
  warmups?: number;
}

const fmtInt = (n: number) => n.toLocaleString('en-US');

function row(
  key: string,
  runtime: Runtime,
  label: string,
  workload: string,
  n: number,
  variant = '',
  extra: Partial<Row> = {},
): Row {
  return { key, runtime, label, workload, variant, n, ...extra };
}

function plan(): Section[] {
  const s = SIZES;
  const eff = s.effectionTasks;
  const sections: Section[] = [
    {
      id: 'A',
      group: 'A',
      title: `A. Two tasks ping-ponging, ${fmtInt(s.switches)} switches`,
      kind: 'time',
      unit: 'switch',
      baseline: 'A.ref',
      rows: [
        row('A.ref', 'reference', 'reference: bare `yield`', 'A', s.switches, 'yield'),
        row('A.ref.sleep0', 'reference', 'reference: `yield* sleep(0)`', 'A', s.switches, 'sleep0'),
        row('A.asyncio', 'asyncio', 'asyncio: `await asyncio.sleep(0)`', 'A', s.switches),
        row(
          'A.baton',
          'native',
          'native: baton through resolved promises',
          'A',
          s.switches,
          'baton',
        ),
        row('A.null', 'native', 'native: `await null` (the floor)', 'A', s.switches, 'null'),
        row(
          'A.effection',
          'effection',
          'Effection: baton through `withResolvers`',
          'A',
          s.switches,
        ),
        row(
          'A.effection.sleep0',
          'effection',
          'Effection: `yield* sleep(0)`',
          'A',
          s.effectionSleepSwitches,
          'sleep0',
        ),
      ],
      notes: [
        "Effection's `sleep(0)` is a `setTimeout(0)`, which Node clamps to 1 ms: it is measured on far fewer switches, and compared per switch.",
      ],
    },
    {
      id: 'B',
      group: 'B',
      title: `B. Spawn ${fmtInt(s.tasks)} tasks that return a value, and join them all`,
      kind: 'time',
      unit: 'task',
      baseline: 'B.ref',
      rows: [
        row('B.ref', 'reference', 'reference: `createTask`, join with `yield* task`', 'B', s.tasks),
        row(
          'B.ref.gather',
          'reference',
          'reference: `createTask`, `gather`',
          'B',
          s.tasks,
          'gather',
        ),
        row(
          'B.asyncio.loop',
          'asyncio',
          'asyncio: `create_task`, join with `await task`',
          'B',
          s.tasks,
          'loop',
        ),
        row('B.asyncio', 'asyncio', 'asyncio: `create_task`, `gather`', 'B', s.tasks, 'gather'),
        row('B.native', 'native', 'native: async functions, `Promise.all`', 'B', s.tasks),
        row(
          'B.effection',
          'effection',
          `Effection: \`spawn\`, join with \`yield* task\` (n = ${fmtInt(eff)})`,
          'B',
          eff,
        ),
      ],
      notes: [
        'Peak RSS is the process\'s high-water mark (`getrusage` maxrss), baseline included; "growth" is that minus the RSS just before the workload.',
        `Effection costs far more per task (see its row): it runs ${fmtInt(eff)} tasks, compared per task.`,
      ],
    },
    {
      id: 'Bmem',
      group: 'Bmem',
      title: `B. Memory per task: ${fmtInt(s.tasks)} tasks alive, all waiting on one future`,
      kind: 'memory',
      unit: 'task',
      baseline: 'Bmem.ref',
      rows: [
        row('Bmem.ref', 'reference', 'reference: tasks parked on a `Future`', 'Bmem', s.tasks),
        row('Bmem.asyncio', 'asyncio', 'asyncio: tasks awaiting a future', 'Bmem', s.tasks),
        row('Bmem.native', 'native', 'native: async functions awaiting a promise', 'Bmem', s.tasks),
        row(
          'Bmem.effection',
          'effection',
          `Effection: tasks waiting on \`withResolvers\` (n = ${fmtInt(eff)})`,
          'Bmem',
          eff,
        ),
      ],
      notes: [
        'Node: growth of `heapUsed` after a forced garbage collection (`--expose-gc`), from before the tasks are created to when all have started and parked, divided by the tasks alive.',
        'CPython: the same growth as `tracemalloc` counts it (every Python allocation), after `gc.collect()`.',
      ],
    },
  ];
  for (const [i, n] of s.timers.entries()) {
    const effectionSkip =
      n > eff ? 'not run at this size: Effection costs far more per task (see B)' : undefined;
    // The largest size costs about 45 s of CPU a round (28 s of it CPython's): 3 rounds, and no
    // warm-up of its own (the rounds of the size before have just warmed every cache), keep
    // the whole benchmark under 10 minutes.
    const heavy = !QUICK && i === s.timers.length - 1 && flags.runs === undefined;
    const heavyNote = heavy
      ? [
          `At this size: ${HEAVY_RUNS} measured runs and no warm-up of its own (the runs at the size before have just warmed the caches), so that the whole benchmark stays under 10 minutes.`,
        ]
      : [];
    sections.push({
      id: `C${i}`,
      group: 'C',
      title: `C. ${fmtInt(n)} tasks each sleeping a random 0 to 100 ms of real time, joined`,
      kind: 'timers',
      unit: 'task',
      baseline: `C${i}.ref`,
      rows: [
        row(`C${i}.ref`, 'reference', 'reference: `yield* sleep(d)`', 'C', n),
        row(`C${i}.asyncio`, 'asyncio', 'asyncio: `await asyncio.sleep(d)`, `gather`', 'C', n),
        row(
          `C${i}.native`,
          'native',
          'native: `await` a `setTimeout` promise, `Promise.all`',
          'C',
          n,
        ),
        row(`C${i}.effection`, 'effection', 'Effection: `spawn`, `yield* sleep(d)`', 'C', n, '', {
          skip: effectionSkip,
        }),
      ],
      notes: [
        ...(i === 0
          ? [
              'Delays are whole milliseconds (Node keeps one timer list per distinct duration). Lateness: for each task, when it woke minus when it asked to (the moment it called sleep, plus the delay). CPU is user + system time of every thread.',
            ]
          : []),
        ...heavyNote,
      ],
      ...(heavy ? { runs: HEAVY_RUNS, warmups: 0 } : {}),
    });
  }
  for (const shape of ['batch', 'chain'] as const) {
    const how = shape === 'batch' ? 'queued at once, then run' : 'each callback queueing the next';
    sections.push({
      id: `D.${shape}`,
      group: 'D',
      title: `D. ${fmtInt(s.callbacks)} plain callbacks, ${how}`,
      kind: 'time',
      unit: 'callback',
      baseline: `D.${shape}.ref`,
      rows: [
        row(`D.${shape}.ref`, 'reference', 'reference: `loop.callSoon`', 'D', s.callbacks, shape),
        row(`D.${shape}.asyncio`, 'asyncio', 'asyncio: `loop.call_soon`', 'D', s.callbacks, shape),
        row(
          `D.${shape}.microtask`,
          'native',
          'native: `queueMicrotask`',
          'D',
          s.callbacks,
          `microtask-${shape}`,
        ),
        row(
          `D.${shape}.then`,
          'native',
          'native: `promise.then` on a resolved promise',
          'D',
          s.callbacks,
          `then-${shape}`,
        ),
        row(
          `D.${shape}.immediate`,
          'native',
          'native: `setImmediate`',
          'D',
          s.callbacks,
          `immediate-${shape}`,
        ),
        row(`D.${shape}.effection`, 'effection', 'Effection', 'D', s.callbacks, '', {
          skip: 'no equivalent: Effection schedules operations; it has no callback queue',
        }),
      ],
      notes: [],
    });
  }
  sections.push(
    {
      id: 'E',
      group: 'E',
      title: `E. A chain of ${fmtInt(s.chain)} futures, each awaiting the previous`,
      kind: 'time',
      unit: 'link',
      baseline: 'E.ref',
      rows: [
        row('E.ref', 'reference', 'reference: tasks, each `yield* previous`', 'E', s.chain),
        row('E.asyncio', 'asyncio', 'asyncio: tasks, each `await previous`', 'E', s.chain),
        row('E.native', 'native', 'native: async functions, each `await previous`', 'E', s.chain),
        row(
          'E.effection',
          'effection',
          `Effection: spawned tasks, each \`yield* previous\` (n = ${fmtInt(eff)})`,
          'E',
          Math.min(eff, s.chain),
        ),
      ],
      notes: [
        'Every link starts and parks on the one before; then the first future is resolved and the time runs until the last link is done.',
      ],
    },
    {
      id: 'F',
      group: 'F',
      title: `F. ${fmtInt(s.jobs)} small CPU jobs through 2 worker threads`,
      kind: 'time',
      unit: 'job',
      baseline: 'F.ref',
      rows: [
        row('F.ref', 'reference', 'reference: `toThread`', 'F', s.jobs),
        row(
          'F.asyncio',
          'asyncio',
          'asyncio: `to_thread`, `ThreadPoolExecutor(max_workers=2)`',
          'F',
          s.jobs,
        ),
        row('F.native', 'native', 'native: a plain `worker_threads` pool', 'F', s.jobs),
        row('F.effection', 'effection', 'Effection', 'F', s.jobs, '', {
          skip: 'no equivalent: Effection has no thread pool of its own',
        }),
      ],
      notes: [
        "Each job sums `sqrt(i)` for 20,000 values of `i`; 4 jobs run first, untimed, to start both workers. CPython's threads share the GIL, and its loop is interpreted: its job is far slower, so its ratio says little about dispatch.",
      ],
    },
  );
  return sections.filter((section) => ONLY === null || ONLY.has(section.group));
}

// ── Running one measurement ─────────────────────────────────────────────────────────────────

/** One row's outcome. */
interface Outcome {
  samples: Measurement[];
  /** Why the row has no figures: not run, not available, or failed. */
  missing?: string;
}

let python: Interpreter | null = null;
let pythonNote = '';

/** Runs one measurement of `r` at size `n` in a fresh process. */
function measureOnce(r: Row, n: number): Promise<Measurement> {
  const args = [r.workload, String(n), r.variant];
  let command: string;
  let argv: string[];
  if (r.runtime === 'asyncio') {
    if (python === null) return Promise.resolve({ ms: 0, unavailable: pythonNote });
    command = python.command;
    argv = ['-E', '-s', join(ROOT, 'bench', 'asyncio_bench.py'), ...args];
  } else {
    command = process.execPath;
    const script = join(ROOT, 'bench', 'workloads', `${r.runtime}.ts`);
    argv = ['--expose-gc', '--import', 'tsx', script, ...args];
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), SIZES.childTimeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(REPORT_PREFIX));
      if (code === 0 && line !== undefined) {
        resolve(JSON.parse(line.slice(REPORT_PREFIX.length)) as Measurement);
        return;
      }
      const why =
        signal === 'SIGKILL' ? `timed out after ${SIZES.childTimeoutMs / 1000} s` : `exit ${code}`;
      const detail = stderr.trim().split('\n').slice(-3).join(' / ');
      reject(new Error(`${why}${detail ? `: ${detail}` : ''}`));
    });
  });
}

/** Runs a section: warm-ups first, then the measured runs, round-robin over its rows. */
async function runSection(section: Section, outcomes: Map<string, Outcome>): Promise<void> {
  const live: Row[] = [];
  for (const r of section.rows) {
    const outcome: Outcome = { samples: [] };
    outcomes.set(r.key, outcome);
    if (r.skip !== undefined) {
      outcome.missing = r.skip;
      continue;
    }
    live.push(r);
  }
  const attempt = async (r: Row, n: number, keep: boolean) => {
    const outcome = outcomes.get(r.key) as Outcome;
    if (outcome.missing !== undefined) return;
    try {
      const m = await measureOnce(r, n);
      if (m.unavailable !== undefined) outcome.missing = m.unavailable;
      else if (keep) outcome.samples.push(m);
    } catch (error) {
      outcome.missing = `failed: ${(error as Error).message}`;
    }
  };
  for (let w = 0; w < (section.warmups ?? WARMUPS); w++) {
    for (const r of live) await attempt(r, r.warmupN ?? r.n, false);
  }
  for (let run = 0; run < (section.runs ?? RUNS); run++) {
    for (const r of live) await attempt(r, r.n, true);
  }
  for (const r of section.rows) {
    const outcome = outcomes.get(r.key) as Outcome;
    const ms = median(outcome.samples.map((m) => m.ms));
    const status = outcome.missing ?? `${fmtMs(ms)} ms`;
    process.stderr.write(`  ${section.id.padEnd(8)} ${r.label.padEnd(60)} ${status}\n`);
  }
}

// ── Statistics and formatting ───────────────────────────────────────────────────────────────

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of one field over the samples (NaN when absent). */
function med(outcome: Outcome | undefined, field: keyof Measurement): number {
  if (outcome === undefined) return Number.NaN;
  const values = outcome.samples
    .map((m) => m[field])
    .filter((v): v is number => typeof v === 'number');
  return median(values);
}

/** Three significant figures, at most; thousands separated. */
function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
const fmtMs = fmtNum;

/** A time per operation, from ms for n operations. */
function fmtPerOp(ms: number, n: number): string {
  const ns = (ms * 1e6) / n;
  if (!Number.isFinite(ns)) return '–';
  if (ns < 1000) return `${fmtNum(ns)} ns`;
  if (ns < 1e6) return `${fmtNum(ns / 1000)} µs`;
  return `${fmtNum(ns / 1e6)} ms`;
}

const fmtMB = (bytes: number) => (Number.isFinite(bytes) ? `${fmtNum(bytes / 2 ** 20)} MB` : '–');
const fmtRatio = (x: number) => (Number.isFinite(x) ? `${fmtNum(x)}×` : '–');

/** The spread of the wall times: lowest to highest. */
function spread(outcome: Outcome): string {
  const times = outcome.samples.map((m) => m.ms);
  if (times.length < 2) return '–';
  return `${fmtMs(Math.min(...times))}–${fmtMs(Math.max(...times))}`;
}

/** Time per operation (ms) of a row. */
function perOp(outcomes: Map<string, Outcome>, rows: Map<string, Row>, key: string): number {
  const r = rows.get(key);
  if (r === undefined) return Number.NaN;
  return med(outcomes.get(key), 'ms') / r.n;
}

/** CPU time per operation (ms) of a row. */
function cpuPerOp(outcomes: Map<string, Outcome>, rows: Map<string, Row>, key: string): number {
  const r = rows.get(key);
  if (r === undefined) return Number.NaN;
  return med(outcomes.get(key), 'cpuMs') / r.n;
}

/** A Markdown table; the first column (or, with `left`, every column) aligned left. */
function table(header: string[], lines: string[][], left = false): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 || left ? '---' : '---:')).join('|')}|`,
    ...lines.map((cells) => `| ${cells.join(' | ')} |`),
  ];
}

function sectionTable(
  section: Section,
  outcomes: Map<string, Outcome>,
  rows: Map<string, Row>,
): string[] {
  const base = perOp(outcomes, rows, section.baseline);
  const lines: string[][] = [];
  const missingCells = (r: Row, outcome: Outcome, width: number) => [
    r.label,
    fmtInt(r.n),
    `*${outcome.missing}*`,
    ...Array<string>(width - 3).fill(''),
  ];
  if (section.kind === 'time') {
    const withMemory = section.id === 'B';
    const header = [
      'runtime',
      'n',
      'median ms',
      'spread (ms)',
      'CPU ms',
      `per ${section.unit}`,
      '× reference',
      ...(withMemory ? ['peak RSS', 'RSS growth'] : []),
    ];
    for (const r of section.rows) {
      const outcome = outcomes.get(r.key) ?? { samples: [], missing: 'not run' };
      if (outcome.missing !== undefined || outcome.samples.length === 0) {
        lines.push(
          missingCells(r, { ...outcome, missing: outcome.missing ?? 'no result' }, header.length),
        );
        continue;
      }
      const ms = med(outcome, 'ms');
      const peak = med(outcome, 'peakRss');
      const growth = median(
        outcome.samples.map((m) => Math.max(0, (m.peakRss ?? 0) - (m.startRss ?? 0))),
      );
      lines.push([
        r.label,
        fmtInt(r.n),
        fmtMs(ms),
        spread(outcome),
        fmtMs(med(outcome, 'cpuMs')),
        fmtPerOp(ms, r.n),
        r.key === section.baseline ? '1 (baseline)' : fmtRatio(ms / r.n / base),
        ...(withMemory ? [fmtMB(peak), fmtMB(growth)] : []),
      ]);
    }
    return table(header, lines);
  }
  if (section.kind === 'memory') {
    const baseBytes = med(outcomes.get(section.baseline), 'bytesPerTask');
    const header = ['runtime', 'n', 'bytes per task', 'spread', '× reference'];
    for (const r of section.rows) {
      const outcome = outcomes.get(r.key) ?? { samples: [], missing: 'not run' };
      if (outcome.missing !== undefined || outcome.samples.length === 0) {
        lines.push(
          missingCells(r, { ...outcome, missing: outcome.missing ?? 'no result' }, header.length),
        );
        continue;
      }
      const bytes = med(outcome, 'bytesPerTask');
      const all = outcome.samples.map((m) => m.bytesPerTask ?? Number.NaN);
      lines.push([
        r.label,
        fmtInt(r.n),
        fmtInt(Math.round(bytes)),
        all.length < 2
          ? '–'
          : `${fmtInt(Math.round(Math.min(...all)))}–${fmtInt(Math.round(Math.max(...all)))}`,
        r.key === section.baseline ? '1 (baseline)' : fmtRatio(bytes / baseBytes),
      ]);
    }
    return table(header, lines);
  }
  const header = [
    'runtime',
    'n',
    'median ms',
    'spread (ms)',
    'lateness median',
    'lateness p99',
    'CPU ms',
    'CPU per task',
    'peak RSS',
  ];
  for (const r of section.rows) {
    const outcome = outcomes.get(r.key) ?? { samples: [], missing: 'not run' };
    if (outcome.missing !== undefined || outcome.samples.length === 0) {
      lines.push(
        missingCells(r, { ...outcome, missing: outcome.missing ?? 'no result' }, header.length),
      );
      continue;
    }
    const cpu = med(outcome, 'cpuMs');
    lines.push([
      r.label,
      fmtInt(r.n),
      fmtMs(med(outcome, 'ms')),
      spread(outcome),
      `${fmtMs(med(outcome, 'lateMedianMs'))} ms`,
      `${fmtMs(med(outcome, 'lateP99Ms'))} ms`,
      fmtMs(cpu),
      fmtPerOp(cpu, r.n),
      fmtMB(med(outcome, 'peakRss')),
    ]);
  }
  return table(header, lines);
}

/** How cost grows with the number of timers: CPU per task of C at each size. */
function scalingTable(
  sections: Section[],
  outcomes: Map<string, Outcome>,
  rows: Map<string, Row>,
): string[] {
  const cs = sections.filter((s) => s.group === 'C');
  if (cs.length < 2) return [];
  const header = [
    'runtime',
    ...cs.map((s) => `CPU per task, n = ${fmtInt(rows.get(s.baseline)?.n ?? 0)}`),
    'growth, last two sizes',
  ];
  const lines: string[][] = [];
  for (const runtime of ['reference', 'asyncio', 'native', 'effection'] as const) {
    const values = cs.map((s) => {
      const key = s.rows.find((r) => r.runtime === runtime)?.key ?? '';
      return cpuPerOp(outcomes, rows, key);
    });
    const [prev, last] = values.slice(-2);
    lines.push([runtime, ...values.map((v) => fmtPerOp(v, 1)), fmtRatio(last / prev)]);
  }
  return [
    '### C. How the cost grows with the number of tasks and timers',
    '',
    ...table(header, lines),
    '',
    'Linear cost keeps the CPU per task flat as n grows (the smallest size also pays for the JIT warming up).',
    '',
  ];
}

// ── Goals ───────────────────────────────────────────────────────────────────────────────────

interface Goal {
  goal: string;
  figure: string;
  met: boolean | null;
}

function goals(outcomes: Map<string, Outcome>, rows: Map<string, Row>): Goal[] {
  const t = (key: string) => perOp(outcomes, rows, key);
  const missing = (key: string) => {
    const o = outcomes.get(key);
    return o === undefined
      ? 'not run'
      : (o.missing ?? (o.samples.length === 0 ? 'no result' : null));
  };
  const list: Goal[] = [];
  const faster = (section: string, refKey: string, pyKey: string, what: string) => {
    const why = missing(refKey) ?? missing(pyKey);
    if (why !== null) {
      list.push({
        goal: `${section}: ≥ 10× faster than CPython's asyncio`,
        figure: why,
        met: null,
      });
      return;
    }
    const ratio = t(pyKey) / t(refKey);
    list.push({
      goal: `${section}: ≥ 10× faster than CPython's asyncio`,
      figure: `asyncio takes ${fmtRatio(ratio)} the reference's time${what === '' ? '' : ` (${what})`}`,
      met: ratio >= 10,
    });
  };
  faster('A', 'A.ref', 'A.asyncio', 'bare `yield` against `sleep(0)`');
  faster('B', 'B.ref', 'B.asyncio.loop', 'both joining with a loop of awaits');
  faster('D (queued at once)', 'D.batch.ref', 'D.batch.asyncio', '');
  faster('D (chained)', 'D.chain.ref', 'D.chain.asyncio', '');
  faster('E', 'E.ref', 'E.asyncio', '');

  const within = (
    section: string,
    refKey: string,
    peerKeys: string[],
    limit: number,
    peerName: string,
  ) => {
    const goal = `${section}: within ${limit}× of ${peerName}`;
    const present = peerKeys.filter((k) => missing(k) === null);
    const why = missing(refKey) ?? (present.length === 0 ? 'no native figure' : null);
    if (why !== null) {
      list.push({ goal, figure: why, met: null });
      return;
    }
    const best = present.reduce((a, b) => (t(b) < t(a) ? b : a));
    const ratio = t(refKey) / t(best);
    const label = rows.get(best)?.label.replace(/^native: /, '') ?? best;
    list.push({
      goal,
      figure: `the reference takes ${fmtRatio(ratio)} the time of ${label}`,
      met: ratio <= limit,
    });
  };
  within('A', 'A.ref', ['A.baton'], 1.5, 'native promises (the baton)');
  const microtasks = 'native promises (the faster of `queueMicrotask` and `then`)';
  within(
    'D (queued at once)',
    'D.batch.ref',
    ['D.batch.microtask', 'D.batch.then'],
    1.5,
    microtasks,
  );
  within('D (chained)', 'D.chain.ref', ['D.chain.microtask', 'D.chain.then'], 1.5, microtasks);
  within('B', 'B.ref', ['B.native'], 3, 'native promises');

  {
    const goal = "B: bytes per task no higher than CPython's";
    const why = missing('Bmem.ref') ?? missing('Bmem.asyncio');
    if (why !== null) list.push({ goal, figure: why, met: null });
    else {
      const ref = med(outcomes.get('Bmem.ref'), 'bytesPerTask');
      const py = med(outcomes.get('Bmem.asyncio'), 'bytesPerTask');
      list.push({
        goal,
        figure: `reference ${fmtInt(Math.round(ref))} B, CPython ${fmtInt(Math.round(py))} B`,
        met: ref <= py,
      });
    }
  }
  {
    const mid = SIZES.timers[1];
    const goal = `C: lateness at ${fmtInt(mid)} timers no worse than native \`setTimeout\`'s (1 ms of slack, Node's timer resolution)`;
    const why = missing('C1.ref') ?? missing('C1.native');
    if (why !== null) list.push({ goal, figure: why, met: null });
    else {
      const ref = outcomes.get('C1.ref');
      const nat = outcomes.get('C1.native');
      const rm = med(ref, 'lateMedianMs');
      const rp = med(ref, 'lateP99Ms');
      const nm = med(nat, 'lateMedianMs');
      const np = med(nat, 'lateP99Ms');
      list.push({
        goal,
        figure: `median ${fmtMs(rm)} ms against ${fmtMs(nm)} ms; p99 ${fmtMs(rp)} ms against ${fmtMs(np)} ms`,
        met: rm <= nm + 1 && rp <= np + 1,
      });
    }
  }
  {
    const goal = 'F: within 1.2× of a plain `worker_threads` pool';
    const why = missing('F.ref') ?? missing('F.native');
    if (why !== null) list.push({ goal, figure: why, met: null });
    else {
      const ratio = t('F.ref') / t('F.native');
      list.push({
        goal,
        figure: `the reference takes ${fmtRatio(ratio)} the pool's time`,
        met: ratio <= 1.2,
      });
    }
  }
  {
    const [, mid, big] = SIZES.timers;
    const goal =
      'C: cost linear in the number of tasks and timers (CPU per task grows ≤ 1.5× from the middle size to the largest)';
    const why = missing('C1.ref') ?? missing('C2.ref');
    if (why !== null) list.push({ goal, figure: why, met: null });
    else {
      const growth = cpuPerOp(outcomes, rows, 'C2.ref') / cpuPerOp(outcomes, rows, 'C1.ref');
      list.push({
        goal,
        figure: `${fmtPerOp(cpuPerOp(outcomes, rows, 'C1.ref'), 1)} per task at ${fmtInt(mid)}, ${fmtPerOp(cpuPerOp(outcomes, rows, 'C2.ref'), 1)} at ${fmtInt(big)}: ${fmtRatio(growth)}`,
        met: growth <= 1.5,
      });
    }
  }
  return list;
}

// ── The report ──────────────────────────────────────────────────────────────────────────────

function graderSection(latency: GraderLatency | null): string[] {
  if (latency === null) return [];
  const lines = ['## Grader latency', ''];
  const stats = (times: number[]) =>
    times.length === 0
      ? ['–', '–']
      : [
          fmtMs(median(times)),
          times.length < 2 ? '–' : `${fmtMs(Math.min(...times))}–${fmtMs(Math.max(...times))}`,
        ];
  lines.push(
    ...table(
      ['what', 'runs', 'median ms', 'spread (ms)'],
      [
        [
          `cold \`npm run grade ${latency.coldId}\` (the untouched stub), start to exit`,
          String(latency.cold.length),
          ...stats(latency.cold),
        ],
        [
          `watch mode (\`npm start\`, ${latency.watchMode || '?'}, on ${latency.watchId || '?'}): saving the file to the end of the verdict`,
          String(latency.watch.length),
          ...stats(latency.watch),
        ],
      ],
    ),
    '',
    `${latency.warmups} warm-up run${latency.warmups === 1 ? '' : 's'} of each discarded. Watch mode runs in a scratch copy of the course under \`.course/\`; each save appends a comment to the exercise's file.`,
    '',
  );
  for (const error of latency.errors) lines.push(`- ${error}`);
  if (latency.errors.length > 0) lines.push('');
  return lines;
}

function report(
  sections: Section[],
  outcomes: Map<string, Outcome>,
  latency: GraderLatency | null,
  meta: { started: Date; seconds: number; load: [number[], number[]]; effection: string },
): string {
  const rows = new Map<string, Row>();
  for (const section of sections) for (const r of section.rows) rows.set(r.key, r);
  const lines: string[] = [];
  lines.push(QUICK ? '# Benchmarks (quick, rough)' : '# Benchmarks', '');
  lines.push(
    `Written by \`npm run bench${QUICK ? ' -- --quick' : ''}\` (bench/run.ts) on ${meta.started.toISOString().replace('T', ' ').slice(0, 16)} UTC; the run took ${fmtNum(meta.seconds / 60)} min.`,
    '',
  );
  const cpu = cpus()[0]?.model ?? 'unknown';
  const py =
    python === null ? `none (${pythonNote})` : `${formatVersion(python.version)} (${pythonNote})`;
  lines.push(
    ...table(
      ['machine', ''],
      [
        ['cores (`os.availableParallelism()`)', String(availableParallelism())],
        ['CPU', cpu],
        ['Node', process.version],
        ['Python', py],
        ['Effection', meta.effection],
        [
          'load average (1 min) at start and end',
          `${fmtNum(meta.load[0][0])}, ${fmtNum(meta.load[1][0])}`,
        ],
      ],
      true,
    ),
    '',
  );
  lines.push(
    QUICK
      ? `**Quick mode**: a tenth of the sizes, ${RUNS} run${RUNS === 1 ? '' : 's'} of each row and ${WARMUPS} warm-up: rough figures only. At these sizes the JIT warming up weighs on the reference and the native rows far more than on CPython, so the goals are judged on the full run (\`npm run bench\`), not on this one.`
      : `Each row: ${WARMUPS} warm-up run${WARMUPS === 1 ? '' : 's'} (discarded), then ${RUNS} measured runs, each in a fresh process (\`node --expose-gc --import tsx\`, or the Python), round-robin over the rows of a table; figures are medians.`,
    '',
    '"× reference" is the time per operation relative to the reference row of the table: 2× takes twice as long as the reference, 0.5× half as long. "spread" is the fastest and the slowest run.',
    '',
  );
  lines.push('## Goals', '');
  lines.push(
    ...table(
      ['goal', 'figure', 'met?'],
      goals(outcomes, rows).map((g) => [
        g.goal,
        g.figure,
        g.met === null ? 'not yet measurable' : g.met ? '**met**' : '**not met**',
      ]),
      true,
    ),
    '',
  );
  lines.push('## Workloads', '');
  for (const section of sections) {
    lines.push(`### ${section.title}`, '', ...sectionTable(section, outcomes, rows), '');
    for (const note of section.notes) lines.push(note, '');
    if (section.id === `C${SIZES.timers.length - 1}`)
      lines.push(...scalingTable(sections, outcomes, rows));
  }
  lines.push(...graderSection(latency));
  lines.push(
    '## How to run',
    '',
    '`npm run bench` (about 10 minutes; writes this file), `npm run bench -- --quick` (under a minute; writes `.course/bench/RESULTS-quick.md`), `npm run bench -- --only A,D` for some tables (`A`, `B`, `Bmem`, `C`, `D`, `E`, `F`, `grader`). `PYTHON=/path/to/python3` picks the Python, as for the parity tests.',
    '',
  );
  return lines.join('\n');
}

/**
 * Formats the written file with the project's biome, as `npm run format` would (it pads the
 * tables), so that a freshly written RESULTS.md passes `biome check`. A file that biome ignores
 * (under .course/) is left as it is.
 */
function formatMarkdown(file: string): void {
  const biome = join(ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  spawnSync(process.execPath, [biome, 'format', '--write', file], { cwd: ROOT, stdio: 'ignore' });
}

// ── Main ────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const started = new Date();
  const t0 = performance.now();
  const loadStart = loadavg();
  const choice = await choosePython();
  python = choice.interpreter;
  pythonNote = choice.error === null ? choice.origin : `${choice.origin}: ${choice.error}`;
  if (python === null && choice.error === null) pythonNote = 'no Python 3 found';
  const effectionVersion = (
    JSON.parse(readFileSync(join(ROOT, 'node_modules', 'effection', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

  const sections = plan();
  process.stderr.write(
    `bench: ${QUICK ? 'quick, ' : ''}${RUNS} runs after ${WARMUPS} warm-up; Python ${python === null ? 'none' : formatVersion(python.version)}\n`,
  );
  const outcomes = new Map<string, Outcome>();
  for (const section of sections) await runSection(section, outcomes);

  let latency: GraderLatency | null = null;
  if (!flags['no-grader'] && (ONLY === null || ONLY.has('grader'))) {
    process.stderr.write('  grader latency…\n');
    latency = await measureGraderLatency({ runs: RUNS, warmups: WARMUPS });
  }

  const markdown = report(sections, outcomes, latency, {
    started,
    seconds: (performance.now() - t0) / 1000,
    load: [loadStart, loadavg()],
    effection: effectionVersion,
  });
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${markdown}\n`);
  formatMarkdown(OUT);
  const raw = join(ROOT, '.course', 'bench', QUICK ? 'raw-quick.json' : 'raw.json');
  mkdirSync(dirname(raw), { recursive: true });
  writeFileSync(
    raw,
    `${JSON.stringify({ outcomes: Object.fromEntries(outcomes), latency }, null, 1)}\n`,
  );
  console.log(readFileSync(OUT, 'utf8'));
  process.stderr.write(
    `\nbench: wrote ${relative(ROOT, OUT)} in ${fmtNum((performance.now() - t0) / 1000)} s\n`,
  );
}

await main();
