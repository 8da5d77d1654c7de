/**
 * The shape of one self-check step: a name, whether it holds, and the lines to print.
 */
import pc from 'picocolors';

export interface CheckResult {
  name: string;
  ok: boolean;
  /** Printed under the step's heading. */
  lines: string[];
  /** A one-line summary for the final table. */
  summary: string;
}

export const OK = pc.green('✓');
export const FAIL = pc.red('✗');
export const NONE = pc.dim('–');

export function mark(ok: boolean): string {
  return ok ? OK : FAIL;
}

/** Program output as compared with a transcript: trailing spaces and blank ends ignored. */
export function normaliseOutput(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}
