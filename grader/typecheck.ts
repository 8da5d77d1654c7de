/**
 * Type-checks the learner's files with `tsc`. TypeScript 7 refuses `tsc file.ts` beside a
 * tsconfig, so each check writes a small tsconfig that extends the course's, lists only the
 * files to check, and maps `#course/*` to the modules of the run (the same ones the tests use).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative } from 'node:path';

const require = createRequire(import.meta.url);
const TSC = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');

export interface TscError {
  /** Relative to the course root. */
  file: string;
  line: number;
  column: number;
  /** Such as `TS2322`. */
  code: string;
  message: string;
}

export interface TypecheckRequest {
  /** The course root (where its tsconfig.json is). */
  root: string;
  /** Files to check, relative to the root or absolute. */
  files: string[];
  /** Specifier → absolute path, as in the run's aliases. */
  aliases: Record<string, string>;
  /** The tsconfig to extend; the course root's by default. */
  baseConfig?: string;
}

/** Runs tsc once and returns every error it reports (in any file it had to read). */
export async function typecheck(request: TypecheckRequest): Promise<TscError[]> {
  const scratch = join(request.root, '.course', 'runs');
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'tsc-'));
  const paths: Record<string, string[]> = {};
  for (const [specifier, file] of Object.entries(request.aliases)) paths[specifier] = [file];
  const config = {
    extends: request.baseConfig ?? join(request.root, 'tsconfig.json'),
    compilerOptions: { paths, noEmit: true },
    files: request.files.map((file) => (isAbsolute(file) ? file : join(request.root, file))),
    include: [],
  };
  const configPath = join(dir, 'tsconfig.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  try {
    const output = await runTsc(configPath, request.root);
    return parseTscOutput(output, request.root);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runTsc(configPath: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [TSC, '-p', configPath, '--pretty', 'false'],
      // tsc prints paths relative to its working directory: the root, as the report wants.
      { cwd, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // tsc exits 2 when it reports errors: that is a result, not a failure to run.
        const exitCode = (error as { code?: unknown } | null)?.code;
        if (error && typeof exitCode !== 'number') return reject(error);
        resolve(`${stdout}${stderr}`);
      },
    );
  });
}

const LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/** Parses `tsc --pretty false` output, run in `root`. */
export function parseTscOutput(output: string, root: string): TscError[] {
  const errors: TscError[] = [];
  let last: TscError | undefined;
  for (const line of output.split('\n')) {
    const match = LINE.exec(line);
    if (match) {
      const [, file = '', lineNo, column, code = '', message = ''] = match;
      const absolute = isAbsolute(file) ? file : join(root, file);
      last = {
        file: relative(root, absolute),
        line: Number(lineNo),
        column: Number(column),
        code,
        message,
      };
      errors.push(last);
    } else if (last && line.startsWith('  ')) {
      // A message's explanation continues on indented lines.
      last.message += `\n${line.trim()}`;
    } else if (line.trim() && !match) {
      errors.push({ file: '', line: 0, column: 0, code: 'tsc', message: line.trim() });
      last = undefined;
    }
  }
  return errors;
}
