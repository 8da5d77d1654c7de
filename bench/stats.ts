/**
 * Statistics over the measured runs, and the number formats of the tables.
 *
 * @module
 */

import type { Outcome } from './measure.ts';
import type { Row } from './plan.ts';
import type { Measurement } from './workloads/common.ts';

/** An integer with thousands separated. */
export const fmtInt = (n: number) => n.toLocaleString('en-US');

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of one field over the samples (NaN when absent). */
export function med(outcome: Outcome | undefined, field: keyof Measurement): number {
  if (outcome === undefined) return Number.NaN;
  const values = outcome.samples
    .map((m) => m[field])
    .filter((v): v is number => typeof v === 'number');
  return median(values);
}

/** Three significant figures, at most; thousands separated. */
export function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
export const fmtMs = fmtNum;

/** A time per operation, from ms for n operations. */
export function fmtPerOp(ms: number, n: number): string {
  const ns = (ms * 1e6) / n;
  if (!Number.isFinite(ns)) return '–';
  if (ns < 1000) return `${fmtNum(ns)} ns`;
  if (ns < 1e6) return `${fmtNum(ns / 1000)} µs`;
  return `${fmtNum(ns / 1e6)} ms`;
}

export const fmtMB = (bytes: number) =>
  Number.isFinite(bytes) ? `${fmtNum(bytes / 2 ** 20)} MB` : '–';
export const fmtRatio = (x: number) => (Number.isFinite(x) ? `${fmtNum(x)}×` : '–');

/** The spread of the wall times: lowest to highest. */
export function spread(outcome: Outcome): string {
  const times = outcome.samples.map((m) => m.ms);
  if (times.length < 2) return '–';
  return `${fmtMs(Math.min(...times))}–${fmtMs(Math.max(...times))}`;
}

/** Time per operation (ms) of a row. */
export function perOp(outcomes: Map<string, Outcome>, rows: Map<string, Row>, key: string): number {
  const r = rows.get(key);
  if (r === undefined) return Number.NaN;
  return med(outcomes.get(key), 'ms') / r.n;
}

/** CPU time per operation (ms) of a row. */
export function cpuPerOp(
  outcomes: Map<string, Outcome>,
  rows: Map<string, Row>,
  key: string,
): number {
  const r = rows.get(key);
  if (r === undefined) return Number.NaN;
  return med(outcomes.get(key), 'cpuMs') / r.n;
}

/** A Markdown table; the first column (or, with `left`, every column) aligned left. */
export function table(header: string[], lines: string[][], left = false): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 || left ? '---' : '---:')).join('|')}|`,
    ...lines.map((cells) => `| ${cells.join(' | ')} |`),
  ];
}
