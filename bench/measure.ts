/**
 * Running the plan: each measurement in a fresh child process (Node with `--expose-gc`, or the
 * Python), warm-ups first, then the measured runs, round-robin over a table's rows.
 *
 * @module
 */

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Interpreter } from '../reference/test/parity/python.ts';
import { ROOT } from './grader-latency.ts';
import { RUNS, SIZES, WARMUPS } from './options.ts';
import type { Row, Section } from './plan.ts';
import { fmtMs, median } from './stats.ts';
import { type Measurement, REPORT_PREFIX } from './workloads/common.ts';

/** One row's outcome. */
export interface Outcome {
  samples: Measurement[];
  /** Why the row has no figures: not run, not available, or failed. */
  missing?: string;
}

/** The Python that runs the asyncio rows, and where it was found (or why there is none). */
let python: Interpreter | null = null;
let pythonNote = '';

/** Sets the Python of the asyncio rows (see `choosePython`). */
export function setPython(interpreter: Interpreter | null, note: string): void {
  python = interpreter;
  pythonNote = note;
}

/** The Python, as the report's machine table shows it. */
export function describePython(version: (interpreter: Interpreter) => string): string {
  return python === null ? `none (${pythonNote})` : `${version(python)} (${pythonNote})`;
}

/**
 * Runs one measurement of `r` at size `n` in a fresh process; with `warm`, after an untimed
 * run of the same workload in that process (see `runWorkloads`).
 */
export function measureOnce(r: Row, n: number, warm: boolean): Promise<Measurement> {
  const args = [r.workload, String(n), r.variant, warm ? 'warm' : 'cold'];
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

/** Whether a section's processes warm up before measuring: by default, the timed ones. */
export function warmInProcess(section: Section): boolean {
  return section.warmInProcess ?? section.kind === 'time';
}

/** Runs a section: warm-ups first, then the measured runs, round-robin over its rows. */
export async function runSection(section: Section, outcomes: Map<string, Outcome>): Promise<void> {
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
      const m = await measureOnce(r, n, warmInProcess(section));
      if (m.unavailable !== undefined) outcome.missing = m.unavailable;
      else if (keep) outcome.samples.push(m);
    } catch (error) {
      outcome.missing = `failed: ${(error as Error).message}`;
    }
  };
  // A process that warms up before measuring needs no warm-up process before it.
  const warmups = section.warmups ?? (warmInProcess(section) ? 0 : WARMUPS);
  for (let w = 0; w < warmups; w++) {
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
