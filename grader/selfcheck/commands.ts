/**
 * Self-check steps that are other tools' commands: the manifest's hashes, formatting and lint
 * (biome), the type check of every tree (tsc), and the course's own test projects (vitest).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CheckResult } from './check.ts';

const require = createRequire(import.meta.url);
const bin = (pkg: string, path: string) => join(require.resolve(`${pkg}/package.json`), '..', path);

export interface CommandStep {
  /** What `npm test -- <key>` calls it. */
  key: string;
  name: string;
  summary: string;
  command: string[];
  /** Show the command's output even when it succeeds (the course's own test runs). */
  showOutput?: boolean;
  /**
   * Let the command color its output on a terminal (vitest's is worth it; biome's is not). In a
   * log, such as CI's, color codes would only be noise.
   */
  color?: boolean;
}

export const STATIC_STEPS: CommandStep[] = [
  {
    key: 'sync',
    name: 'Manifest, imports and JSON schema up to date',
    summary: 'test and stub hashes, package.json imports, grade-result schema',
    command: [process.execPath, '--import', 'tsx', 'grader/cli.ts', 'sync', '--check'],
  },
  {
    key: 'lint',
    name: 'Formatting and lint (biome)',
    summary: 'biome ci',
    command: [
      bin('@biomejs/biome', 'bin/biome'),
      'ci',
      '--colors=off',
      '--max-diagnostics=20',
      '.',
    ],
  },
  {
    key: 'tsc',
    name: 'Type check of every tree (tsc)',
    summary: 'tsc -p . (strict)',
    command: [process.execPath, bin('typescript', 'bin/tsc'), '-p', '.', '--pretty', 'false'],
  },
];

/** The course's own vitest projects (reference with its parity scenarios, grader, site). */
export const OWN_TESTS: CommandStep = {
  key: 'own',
  name: "The course's own tests (reference, parity, grader, site)",
  summary: 'vitest run',
  command: [process.execPath, bin('vitest', 'vitest.mjs'), 'run', '--reporter=dot'],
  showOutput: true,
  color: true,
};

export function runCommandStep(root: string, step: CommandStep): Promise<CheckResult> {
  return new Promise((resolve) => {
    const [program = '', ...args] = step.command;
    const color =
      step.color && process.stdout.isTTY
        ? { FORCE_COLOR: '1' }
        : { NO_COLOR: '1', FORCE_COLOR: '0' };
    const child = spawn(program, args, { cwd: root, env: { ...process.env, ...color } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('close', (code) => {
      const ok = code === 0;
      const text = output.replace(/^npm warn.*\n/gm, '').trimEnd();
      const lines =
        ok && !step.showOutput ? [] : text ? text.split('\n').map((line) => `  ${line}`) : [];
      resolve({ name: step.name, ok, lines, summary: step.summary });
    });
  });
}
