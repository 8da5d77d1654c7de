/**
 * A throwaway copy of the fixture course (`fixtures/course`), for tests that change the
 * learner's files. Copies live under the repository's `.course/` (so that `vitest` and the
 * other packages resolve from its node_modules) and are git repositories of their own (so that
 * `reset` finds the original stubs in their history).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURE = join(REPO, 'grader', 'test', 'fixtures', 'course');
const CLI = join(REPO, 'grader', 'cli.ts');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Both streams, colors stripped. */
  output: string;
}

export class FixtureCourse {
  readonly root: string;

  constructor() {
    const parent = join(REPO, '.course', 'test-fixtures');
    mkdirSync(parent, { recursive: true });
    this.root = mkdtempSync(join(parent, 'course-'));
    cpSync(FIXTURE, this.root, { recursive: true });
    this.write(
      'tsconfig.json',
      JSON.stringify({ extends: join(REPO, 'tsconfig.json'), include: ['**/*.ts'] }),
    );
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', this.root, ...args], { stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git(
      '-c',
      'user.name=test',
      '-c',
      'user.email=test@example.com',
      'commit',
      '-q',
      '-m',
      'course',
    );
  }

  /** Runs the grader's command line on this course. */
  run(args: string[], env: Record<string, string> = {}, input?: string): Promise<RunResult> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
        cwd: REPO,
        env: { ...cleanEnv(), COURSE_ROOT: this.root, NO_COLOR: '1', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.stdin.end(input ?? '');
      child.on('close', (code) =>
        resolve({ code, stdout, stderr, output: `${stdout}\n${stderr}` }),
      );
    });
  }

  /** Starts a long-running command (`start`), for tests that talk to it. */
  spawn(args: string[], env: Record<string, string> = {}) {
    return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: REPO,
      env: { ...cleanEnv(), COURSE_ROOT: this.root, NO_COLOR: '1', ...env },
    });
  }

  read(path: string): string {
    return readFileSync(join(this.root, path), 'utf8');
  }

  write(path: string, content: string): void {
    mkdirSync(dirname(join(this.root, path)), { recursive: true });
    writeFileSync(join(this.root, path), content);
  }

  /** Makes the learner's file the solution's. */
  solve(lesson: string, file: string): void {
    this.write(`exercises/${lesson}/${file}`, this.read(`solutions/${lesson}/${file}`));
  }

  /** Makes the learner's file the solution's with one mistake: `find` replaced by `replace`. */
  solveWith(lesson: string, file: string, find: string, replace: string): void {
    const solution = this.read(`solutions/${lesson}/${file}`);
    if (!solution.includes(find))
      throw new Error(`"${find}" is not in solutions/${lesson}/${file}`);
    this.write(`exercises/${lesson}/${file}`, solution.replace(find, replace));
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The environment without npm's variables: each test says which npm flags it simulates. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('npm_')) delete env[key];
  }
  delete env.FORCE_COLOR;
  return env;
}
