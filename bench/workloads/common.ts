/**
 * What every TypeScript workload process shares: its command line, its clocks and memory
 * probes, and the one line of JSON it reports to `bench/run.ts`.
 *
 * A workload process runs one measurement of one workload and exits. It is started as
 * `node --expose-gc --import tsx bench/workloads/<runtime>.ts <workload> <n> <variant> <warm|cold>`
 * and prints `@@bench {json}` (see {@link Measurement}).
 *
 * @module
 */

/** What one run of one workload measured. Every field but `ms` is optional. */
export interface Measurement {
  /** Wall time of the measured section, in ms. */
  ms: number;
  /**
   * With `warm`: the wall time of the process's first, untimed run of the same workload, in ms,
   * taken before the JIT had compiled anything.
   */
  coldMs?: number;
  /** CPU time (user + system, every thread) of the measured section, in ms. */
  cpuMs?: number;
  /** Peak resident set size of the process, in bytes (the high-water mark, baseline included). */
  peakRss?: number;
  /** Resident set size just before the measured section, in bytes. */
  startRss?: number;
  /** Heap growth per live task after a forced garbage collection, in bytes. */
  bytesPerTask?: number;
  /** Median lateness of the timers (actual wake-up minus intended), in ms. */
  lateMedianMs?: number;
  /** 99th percentile of that lateness, in ms. */
  lateP99Ms?: number;
  /** Set instead of the figures when the workload cannot run here: why. */
  unavailable?: string;
}

/** The prefix of the report line. */
export const REPORT_PREFIX = '@@bench ';

/** The workload process's arguments: `<workload> <n> [variant] [warm|cold]`. */
export interface WorkloadArgs {
  workload: string;
  n: number;
  variant: string;
  /** Run the workload once untimed in this process first, so that the JIT has warmed up. */
  warm: boolean;
}

/** Parses `process.argv`. */
export function parseArgs(argv: readonly string[] = process.argv.slice(2)): WorkloadArgs {
  const [workload = '', n = '0', variant = '', mode = 'cold'] = argv;
  const size = Number(n);
  if (workload === '' || !Number.isInteger(size) || size <= 0 || !/^(warm|cold)$/.test(mode)) {
    throw new Error(`usage: <workload> <n> [variant] [warm|cold], got ${argv.join(' ')}`);
  }
  return { workload, n: size, variant, warm: mode === 'warm' };
}

/** One workload of a runtime: measures a run of size `n`. */
export type Workload = (n: number, variant: string) => Promise<Measurement>;

/** What a workload returns when it cannot run here: why. */
export function unavailable(why: string): Measurement {
  return { ms: 0, unavailable: why };
}

/**
 * Runs the workload that the command line names, from `workloads`, and reports it. With
 * `warm`, it runs twice: a fresh process has compiled nothing yet, and a runtime written in
 * TypeScript pays for that on its first run where CPython and V8's built-in promises do not;
 * the second run measures the steady state, and the first is kept as `coldMs`.
 */
export function runWorkloads(workloads: Readonly<Record<string, Workload>>): void {
  report(async () => {
    const { workload, n, variant, warm } = parseArgs();
    const measure = workloads[workload];
    if (measure === undefined) return unavailable(`no workload ${workload} for this runtime`);
    if (!warm) return measure(n, variant);
    const cold = await measure(n, variant);
    if (cold.unavailable !== undefined) return cold;
    forceGc(); // The second run must not pay for the first one's garbage.
    return { ...(await measure(n, variant)), coldMs: cold.ms };
  });
}

/**
 * Runs `main`, prints what it returns as the report line and ends the process (a leftover
 * worker or timer must not keep it alive). An error is printed and exits with status 1.
 */
function report(main: () => Promise<Measurement>): void {
  main().then(
    (measurement) => {
      const line = `${REPORT_PREFIX}${JSON.stringify(measurement)}\n`;
      process.stdout.write(line, () => process.exit(0));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** Forces a full garbage collection (twice, so that weak and finalised objects go too). */
export function forceGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  gc();
  gc();
}

/** The V8 heap in use after a forced garbage collection, in bytes. */
export function heapAfterGc(): number {
  forceGc();
  return process.memoryUsage().heapUsed;
}

/** The process's peak RSS so far, in bytes. */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** CPU time used by the process so far (user + system), in ms. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A stopwatch over a measured section: wall and CPU time, and the RSS before it started. */
export class Stopwatch {
  readonly startRss = process.memoryUsage().rss;
  readonly #t0 = performance.now();
  readonly #c0 = cpuMs();

  /** The wall time, CPU time and memory of the section so far. */
  stop(): Required<Pick<Measurement, 'ms' | 'cpuMs' | 'peakRss' | 'startRss'>> {
    return {
      ms: performance.now() - this.#t0,
      cpuMs: cpuMs() - this.#c0,
      peakRss: peakRss(),
      startRss: this.startRss,
    };
  }
}

/** The median and the 99th percentile of `values` (sorted in place). */
export function lateness(values: Float64Array): { lateMedianMs: number; lateP99Ms: number } {
  values.sort();
  const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))];
  return { lateMedianMs: at(0.5), lateP99Ms: at(0.99) };
}

/**
 * The delays of workload C: whole milliseconds, uniform from 0 to 100. Whole, because Node keeps
 * one timer list per distinct duration: fractional delays would make native `setTimeout` pay for
 * 100,000 lists, which no real program does.
 */
export function randomDelaysMs(n: number): Float64Array {
  const delays = new Float64Array(n);
  for (let i = 0; i < n; i++) delays[i] = Math.floor(Math.random() * 101);
  return delays;
}

/** Workload F's job: a small CPU-bound loop. Self-contained, so that its source can travel. */
export function cpuJob(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sqrt(i);
  return s;
}

/** Workload F's sizes: how many jobs, how many loop turns each, and how many workers. */
export const F_JOB_SIZE = 20_000;
/** Workload G's job: long enough (about 25 ms in V8) that two at once visibly halve the time. */
export const G_JOB_SIZE = 10_000_000;
export const F_WORKERS = 2;
/** Jobs run before the timed section, to start both workers. */
export const F_WARMUP_JOBS = 4;

/** Throws unless `actual === expected`: a workload that computed the wrong thing must not count. */
export function check(what: string, actual: unknown, expected: unknown): void {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
  }
}

/** Throws unless `actual` is within a relative 1e-9 of `expected` (sums of floating point). */
export function checkClose(what: string, actual: number, expected: number): void {
  if (!(Math.abs(actual - expected) <= 1e-9 * Math.abs(expected))) {
    throw new Error(`${what}: expected ${expected}, got ${actual}`);
  }
}
