/**
 * Watch mode: the probe that falls back to polling, and `npm start` re-grading on save and
 * moving on when the exercise passes.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { type FileWatcher, watchFiles } from '../watch.ts';
import { FixtureCourse } from './fixture.ts';

describe('the file-event probe', () => {
  const dirs: string[] = [];
  const scratch = () => {
    const parent = join(import.meta.dirname, '..', '..', '.course', 'test-fixtures');
    mkdirSync(parent, { recursive: true });
    const dir = mkdtempSync(join(parent, 'watch-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test('falls back to polling, and says so, when no file event arrives within a second', async () => {
    const options: object[] = [];
    const silent = (_paths: string[], chokidarOptions: object): FileWatcher => {
      options.push(chokidarOptions);
      return { on: () => undefined, close: async () => undefined };
    };
    const root = scratch();
    const handle = await watchFiles(root, [root], () => undefined, { factory: silent });
    expect(handle.mode).toBe('polling');
    expect(handle.note).toContain('File change events did not arrive within a second');
    expect(options.at(-1)).toMatchObject({ usePolling: true });
  });

  test('keeps native events when the probe sees its own write', async () => {
    const root = scratch();
    const handle = await watchFiles(root, [root], () => undefined);
    try {
      expect(handle.mode).toBe('events');
      expect(handle.note).toBeUndefined();
    } finally {
      await handle.close();
    }
  });
});

describe('npm start', () => {
  test('grades the current exercise, re-grades on save, and moves on when it passes', async () => {
    const course = new FixtureCourse();
    const child = course.spawn(['start']);
    let output = '';
    const seen = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`never saw "${text}" in:\n${output}`)),
          30_000,
        );
        const check = () => {
          if (output.includes(text)) {
            clearTimeout(timer);
            resolve();
          } else {
            setTimeout(check, 50);
          }
        };
        check();
      });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      await seen('You are at 01.1 Make a box');
      await seen('✗ 01.1 Make a box');
      course.solve('01-base', 'base.ts');
      await seen('Well done! On to 02.1.');
      await seen('✗ 02.1 Box a value');
      expect(output).toContain('save the file (the grader is watching)');
    } finally {
      child.kill('SIGINT');
      course.remove();
    }
  });
});
