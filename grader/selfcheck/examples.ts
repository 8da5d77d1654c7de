/**
 * The example programs run on the reference and on the solutions, on the virtual clock, and
 * print exactly their committed transcripts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listExamples, runExample } from '../examples.ts';
import type { Target } from '../resolve.ts';
import { type CheckResult, FAIL, normaliseOutput, OK } from './check.ts';

const TARGETS: Target[] = ['reference', 'solutions'];

export async function checkExamples(root: string): Promise<CheckResult> {
  const examples = listExamples(root);
  const lines: string[] = [];
  let ok = true;
  for (const example of examples) {
    if (!example.transcript) {
      ok = false;
      lines.push(`  ${FAIL} ${example.path} has no transcript (${example.name}.transcript.txt)`);
      continue;
    }
    const expected = normaliseOutput(readFileSync(join(root, example.transcript), 'utf8'));
    const results = await Promise.all(
      TARGETS.map((target) =>
        runExample(root, example, target, { virtual: true, timeoutMs: 60_000 }),
      ),
    );
    const verdicts = results.map((result, i) => {
      const target = TARGETS[i];
      if (result.code !== 0)
        return `${FAIL} ${target} (exit ${result.code}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')})`;
      if (normaliseOutput(result.stdout) !== expected)
        return `${FAIL} ${target} (output differs from ${example.transcript})`;
      return `${OK} ${target}`;
    });
    if (verdicts.some((verdict) => verdict.startsWith(FAIL))) ok = false;
    lines.push(`  ${example.name.padEnd(24)} ${verdicts.join('  ')}`);
  }
  return {
    name: 'Example programs match their transcripts',
    ok,
    lines,
    summary: `${examples.length} examples on the reference and the solutions`,
  };
}
