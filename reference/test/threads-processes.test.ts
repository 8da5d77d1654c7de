/**
 * Threads in a process of their own: what only a whole process shows. A program that uses
 * toThread inside run() exits by itself (run shut the default executor down), idle workers do
 * not keep a process alive, and function source transformed by tsx (which inserts `__name`)
 * runs in a worker. Each child gets a generous time limit: a child that hangs fails the test.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/** Runs a fixture under tsx, as `npm run example` runs a program; resolves with its output. */
function runUnderTsx(
  fixture: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('threads in a process of their own', { timeout: 90_000 }, () => {
  test('under tsx, function source with __name runs in a worker, and the process exits by itself', async () => {
    const { code, stdout, stderr } = await runUnderTsx('threads-tsx-child.ts');
    expect(stderr).toBe('');
    expect(stdout).toBe(
      ['source has __name: true', 'result: Box square 49', 'run returned', ''].join('\n'),
    );
    expect(code).toBe(0);
  });

  test('a pool that is never shut down does not keep the process alive once its workers idle', async () => {
    const { code, stdout, stderr } = await runUnderTsx('threads-idle-child.ts');
    expect(stderr).toBe('');
    expect(stdout).toBe('results: 2 20\n');
    expect(code).toBe(0);
  });
});
