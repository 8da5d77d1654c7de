/**
 * The example programs of `examples/`: small real programs that import the runtime through
 * `#course/*`, so that the same file runs on the reference, the solutions or the learner's own
 * code. Which one is chosen by a Node import condition (`course-reference`, `course-solutions`;
 * none means the learner's files), as declared in package.json's `imports`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Target } from './resolve.ts';

const require = createRequire(import.meta.url);
const TSX_LOADER = require.resolve('tsx');

export interface Example {
  name: string;
  /** `examples/<name>.ts`, relative to the root. */
  path: string;
  /** `examples/<name>.transcript.txt`: its expected output on the virtual clock, when committed. */
  transcript?: string;
}

export function listExamples(root: string): Example[] {
  const dir = join(root, 'examples');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -3);
      const transcript = `examples/${name}.transcript.txt`;
      return {
        name,
        path: `examples/${file}`,
        transcript: existsSync(join(root, transcript)) ? transcript : undefined,
      };
    });
}

export interface ExampleRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs an example on a target. `virtual` sets `COURSE_CLOCK=virtual`, which the examples pass
 * to `run()`, so that their timelines are the same on every machine.
 */
export function runExample(
  root: string,
  example: Example,
  target: Target,
  options: { virtual?: boolean; stdio?: 'pipe' | 'inherit'; timeoutMs?: number } = {},
): Promise<ExampleRun> {
  const conditions = target === 'exercises' ? [] : [`--conditions=course-${target}`];
  const env = { ...process.env, ...(options.virtual ? { COURSE_CLOCK: 'virtual' } : {}) };
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...conditions, '--import', TSX_LOADER, join(root, example.path)],
      { cwd: root, env, stdio: options.stdio ?? 'pipe', timeout: options.timeoutMs },
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
