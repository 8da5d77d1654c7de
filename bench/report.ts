/**
 * The Markdown report, bench/RESULTS.md: the machine, the goals, a table per workload and the
 * grader's latency.
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { formatVersion } from '../reference/test/parity/python.ts';
import { goals } from './goals.ts';
import { type GraderLatency, ROOT } from './grader-latency.ts';
import { describePython, type Outcome } from './measure.ts';
import { QUICK, RUNS, SIZES, WARMUPS } from './options.ts';
import type { Row, Section } from './plan.ts';
import { fmtMs, fmtNum, median, table } from './stats.ts';
import { scalingTable, sectionTable } from './tables.ts';

export function graderSection(latency: GraderLatency | null): string[] {
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

export function report(
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
  const py = describePython((interpreter) => formatVersion(interpreter.version));
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
      : `Each row: ${RUNS} measured runs, each in a fresh process (\`node --expose-gc --import tsx\`, or the Python), round-robin over the rows of a table; figures are medians.`,
    '',
    `Warm-up: in the timed tables (A, B, D, E, F), each process first runs its workload once, untimed, then the measured run: the steady state, once V8 has compiled the runtime, as a long-running program sees it. The first run is kept as "cold ms": a TypeScript runtime pays for compiling itself there, where CPython and V8's built-in promises do not, so the gap between the two columns is the JIT's warm-up. The other tables (memory, timers, G) run ${WARMUPS} whole process${WARMUPS === 1 ? '' : 'es'} first, discarded.`,
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
    '`npm run bench` (about 10 minutes; writes this file), `npm run bench -- --quick` (under a minute; writes `.course/bench/RESULTS-quick.md`), `npm run bench -- --only A,D` for some tables (`A`, `B`, `Bmem`, `C`, `D`, `E`, `F`, `G`, `grader`). `PYTHON=/path/to/python3` picks the Python, as for the parity tests.',
    '',
  );
  return lines.join('\n');
}

/**
 * Formats the written file with the project's biome, as `npm run format` would (it pads the
 * tables), so that a freshly written RESULTS.md passes `biome check`. A file that biome ignores
 * (under .course/) is left as it is.
 */
export function formatMarkdown(file: string): void {
  const biome = join(ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  spawnSync(process.execPath, [biome, 'format', '--write', file], { cwd: ROOT, stdio: 'ignore' });
}
