/**
 * Invariant 6 of COURSE.md section 6: lessons never lie. Every ` ```ts ` block of `lessons/`
 * type-checks against the reference (the solutions, for the warm-up lessons that have no
 * reference module); every ` ```ts run ` block also runs, and prints exactly the ` ```output `
 * block that follows it. ` ```ts nocheck ` blocks are counted, not checked.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Manifest } from '../manifest.ts';
import { extractCodeBlocks } from '../markdown/index.ts';
import { aliasesOf, resolveModules } from '../resolve.ts';
import { typecheck } from '../typecheck.ts';
import { type CheckResult, FAIL, normaliseOutput } from './check.ts';

const require = createRequire(import.meta.url);
const TSX_LOADER = require.resolve('tsx');

interface WrittenBlock {
  /** `lessons/03-loop.md:120`, for messages. */
  where: string;
  file: string;
  run: boolean;
  output?: string;
}

export async function checkLessonBlocks(manifest: Manifest): Promise<CheckResult> {
  const root = manifest.root;
  const dir = join(root, '.course', 'selfcheck', 'blocks');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const blocks: WrittenBlock[] = [];
  let skipped = 0;
  for (const lesson of manifest.lessons) {
    const path = join(root, lesson.textPath);
    if (!existsSync(path)) continue;
    for (const block of extractCodeBlocks(readFileSync(path, 'utf8'))) {
      if (block.lang !== 'ts' && block.lang !== 'typescript') continue;
      if (block.flags.has('nocheck')) {
        skipped++;
        continue;
      }
      const file = join(dir, `${lesson.slug}-line${block.line}.ts`);
      // `export {}` makes every block a module of its own, as a learner's file would be.
      writeFileSync(file, `${block.code}\nexport {};\n`);
      blocks.push({
        where: `${lesson.textPath}:${block.line}`,
        file,
        run: block.flags.has('run'),
        output: block.output,
      });
    }
  }

  const lines: string[] = [];
  const aliases = aliasesOf(resolveModules(manifest, 'reference'), root);
  const errors =
    blocks.length > 0
      ? await typecheck({ root, files: blocks.map((block) => block.file), aliases })
      : [];
  for (const error of errors) {
    const block = blocks.find((candidate) =>
      error.file.endsWith(candidate.file.slice(root.length + 1)),
    );
    const offsetLine = block
      ? `${block.where} (block line ${error.line})`
      : `${error.file}:${error.line}`;
    lines.push(`  ${FAIL} ${offsetLine}: ${error.code} ${error.message.split('\n')[0]}`);
  }

  const runnable = blocks.filter((block) => block.run);
  const results = await mapLimit(runnable, 2, (block) => runBlock(root, block));
  results.forEach((problem, i) => {
    if (problem) lines.push(`  ${FAIL} ${runnable[i]?.where}: ${problem}`);
  });
  rmSync(dir, { recursive: true, force: true });
  return {
    name: 'Lesson code blocks',
    ok: lines.length === 0,
    lines,
    summary: `${blocks.length} blocks type-checked, ${runnable.length} run, ${skipped} marked nocheck`,
  };
}

/** Runs a block with tsx against the reference; returns a problem, or undefined when it holds. */
function runBlock(root: string, block: WrittenBlock): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=course-reference', '--import', TSX_LOADER, block.file],
      { cwd: root, timeout: 30_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
      (error, stdout, stderr) => {
        if (error) {
          resolve(
            `it does not run: ${(stderr || error.message).trim().split('\n').slice(0, 6).join(' | ')}`,
          );
          return;
        }
        if (block.output === undefined) return resolve(undefined);
        const actual = normaliseOutput(stdout);
        const expected = normaliseOutput(block.output);
        resolve(
          actual === expected
            ? undefined
            : `its output differs from the lesson's.\n      lesson: ${JSON.stringify(expected)}\n      actual: ${JSON.stringify(actual)}`,
        );
      },
    );
  });
}

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
