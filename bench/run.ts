/**
 * `npm run bench`: the same workloads on the reference runtime, CPython's asyncio, native
 * `async`/`await` on Node and Effection, side by side; medians of repeated runs, each in a fresh
 * process, and the ratio of each peer to the reference. Writes bench/RESULTS.md and prints it.
 *
 * - `npm run bench`: full sizes, 5 measured runs of each row after a warm-up (inside each process
 *   of the timed tables, a whole process before the others).
 * - `npm run bench -- --quick`: a tenth of the sizes, 1 run, no warm-up; a rough table in under
 *   a minute, written to `.course/bench/RESULTS-quick.md` so that it never replaces the real one.
 * - `--only A,B,C,D,E,F,G,grader` (sections; `Bmem` is B's memory), `--runs N`, `--warmups N`,
 *   `--out FILE`, `--no-grader`.
 *
 * Python is the interpreter the parity runner uses (reference/test/parity/python.ts): `PYTHON`,
 * else the newest Python 3 that runs.
 *
 * @module
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { choosePython, formatVersion } from '../reference/test/parity/python.ts';
import { type GraderLatency, measureGraderLatency, ROOT } from './grader-latency.ts';
import { type Outcome, runSection, setPython } from './measure.ts';
import { flags, ONLY, OUT, QUICK, RUNS, WARMUPS } from './options.ts';
import { plan } from './plan.ts';
import { formatMarkdown, report } from './report.ts';
import { fmtNum } from './stats.ts';

async function main(): Promise<void> {
  const started = new Date();
  const t0 = performance.now();
  const loadStart = loadavg();
  const choice = await choosePython();
  const python = choice.interpreter;
  const found = choice.error === null ? choice.origin : `${choice.origin}: ${choice.error}`;
  setPython(python, python === null && choice.error === null ? 'no Python 3 found' : found);
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
