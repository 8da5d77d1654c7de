/**
 * The tables of the report: one per workload, and how C's cost grows with its size.
 *
 * @module
 */

import type { Outcome } from './measure.ts';
import type { Row, Section } from './plan.ts';
import {
  cpuPerOp,
  fmtInt,
  fmtMB,
  fmtMs,
  fmtPerOp,
  fmtRatio,
  med,
  median,
  perOp,
  spread,
  table,
} from './stats.ts';

export function sectionTable(
  section: Section,
  outcomes: Map<string, Outcome>,
  rows: Map<string, Row>,
): string[] {
  const base = perOp(outcomes, rows, section.baseline);
  const lines: string[][] = [];
  /** The row's outcome when it has samples; otherwise pushes a row that says why, and null. */
  const measured = (r: Row, width: number): Outcome | null => {
    const outcome = outcomes.get(r.key) ?? { samples: [], missing: 'not run' };
    if (outcome.missing === undefined && outcome.samples.length > 0) return outcome;
    const why = outcome.missing ?? 'no result';
    lines.push([r.label, fmtInt(r.n), `*${why}*`, ...Array<string>(width - 3).fill('')]);
    return null;
  };
  if (section.kind === 'time') {
    const withMemory = section.id === 'B';
    const withCold = section.rows.some((r) =>
      outcomes.get(r.key)?.samples.some((m) => m.coldMs !== undefined),
    );
    const header = [
      'runtime',
      'n',
      'median ms',
      'spread (ms)',
      ...(withCold ? ['cold ms'] : []),
      'CPU ms',
      `per ${section.unit}`,
      '× reference',
      ...(withMemory ? ['peak RSS', 'RSS growth'] : []),
    ];
    for (const r of section.rows) {
      const outcome = measured(r, header.length);
      if (outcome === null) continue;
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
        ...(withCold ? [fmtMs(med(outcome, 'coldMs'))] : []),
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
      const outcome = measured(r, header.length);
      if (outcome === null) continue;
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
    const outcome = measured(r, header.length);
    if (outcome === null) continue;
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
export function scalingTable(
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
