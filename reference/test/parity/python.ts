/**
 * Finding the Python that runs the parity scenarios (COURSE.md section 7).
 *
 * - `PYTHON` set: that interpreter (a path, or a command on `PATH`), and only that one. If it
 *   does not run, every scenario fails and says so: CI asked for it explicitly.
 * - `PYTHON` unset: the newest Python 3 that actually runs, among pyenv's versions
 *   (`$PYENV_ROOT` or `~/.pyenv`, else `pyenv root`), uv's managed Pythons, and every `python3`,
 *   `python3.N` and `python` on `PATH`. Each candidate is run once (`sys.version_info`), so a
 *   pyenv shim that exists but fails (`python3.13` when 3.13 is not the selected version) is
 *   simply passed over. pyenv's shims directory is skipped once its versions were listed: each
 *   shim only forwards to one of them.
 *
 * The full list of runnable interpreters is also what decides whether skipping a scenario that
 * needs a newer Python is allowed: not when one that would do is installed.
 *
 * @module
 */

import { execFile } from 'node:child_process';
import { accessSync, constants, readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** A Python version, `[major, minor, micro]`. */
export type Version = readonly [number, number, number];

/** An interpreter that ran. */
export interface Interpreter {
  /** What to execute: an absolute path, or the command given in `PYTHON`. */
  command: string;
  /** Its version. */
  version: Version;
}

/** The outcome of the search. */
export interface PythonChoice {
  /** The interpreter to use, or `null` when there is none. */
  interpreter: Interpreter | null;
  /** Where it came from, for the run's summary: `PYTHON=...` or `found ...`. */
  origin: string;
  /** Set when `PYTHON` names an interpreter that does not run: why. */
  error: string | null;
}

const PROBE = 'import sys; print(*sys.version_info[:3])';

/** Runs `command` and returns its version, or an error message. */
export function probe(command: string): Promise<Version | string> {
  return new Promise((resolve) => {
    // -E: ignore PYTHON* variables, -s: no user site: the probe sees what the scenarios will.
    execFile(command, ['-E', '-s', '-c', PROBE], { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) {
        const detail = stderr.trim().replace(/\s*\n\s*/g, ' / ');
        const how = typeof error.code === 'number' ? `exit code ${error.code}` : error.message;
        resolve(detail === '' ? how : `${how}: ${detail}`);
        return;
      }
      const parts = stdout.trim().split(' ').map(Number);
      const [major = Number.NaN, minor = Number.NaN, micro = Number.NaN] = parts;
      if (parts.length !== 3 || parts.some(Number.isNaN)) {
        resolve(`unexpected output ${JSON.stringify(stdout.trim())}`);
        return;
      }
      resolve([major, minor, micro]);
    });
  });
}

/** `3.13.0`. */
export function formatVersion(version: readonly number[]): string {
  return version.join('.');
}

/** Compares two versions (or `[major, minor]` prefixes) like a sort function. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function pyenvRootFromCommand(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('pyenv', ['root'], { timeout: 15_000 }, (error, stdout) => {
      resolve(error ? null : stdout.trim() || null);
    });
  });
}

/** Every Python 3 that might be installed: paths to executables, not yet run. */
async function candidates(): Promise<string[]> {
  const found: string[] = [];
  let pyenvRoot = process.env.PYENV_ROOT || join(homedir(), '.pyenv');
  let versions = listDir(join(pyenvRoot, 'versions'));
  if (versions.length === 0) {
    const root = await pyenvRootFromCommand();
    if (root !== null) {
      pyenvRoot = root;
      versions = listDir(join(root, 'versions'));
    }
  }
  for (const version of versions)
    found.push(join(pyenvRoot, 'versions', version, 'bin', 'python3'));
  // uv's managed Pythons (`uv python install`).
  const uvDir = join(
    process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'),
    'uv',
    'python',
  );
  for (const entry of listDir(uvDir)) found.push(join(uvDir, entry, 'bin', 'python3'));

  const shims = join(pyenvRoot, 'shims');
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '' || (versions.length > 0 && dir === shims)) continue;
    for (const name of listDir(dir)) {
      if (/^python(3(\.\d+)?)?$/.test(name)) found.push(join(dir, name));
    }
  }
  // One probe per real file: /usr/bin/python3 and /usr/bin/python3.11 are the same program.
  const seen = new Set<string>();
  return found.filter((path) => {
    if (!isExecutable(path)) return false;
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return false;
    }
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

/** Every Python 3 installed that runs, newest first. */
export async function installedPythons(): Promise<Interpreter[]> {
  const paths = await candidates();
  const probed = await Promise.all(
    paths.map(async (command) => ({ command, v: await probe(command) })),
  );
  const found: Interpreter[] = [];
  for (const { command, v } of probed) {
    if (typeof v !== 'string' && v[0] === 3) found.push({ command, version: v });
  }
  return found.sort((a, b) => compareVersions(b.version, a.version));
}

/** The interpreter of `PYTHON`, else the newest that runs. */
export async function choosePython(): Promise<PythonChoice> {
  const fromEnv = process.env.PYTHON;
  if (fromEnv) {
    const v = await probe(fromEnv);
    if (typeof v === 'string') {
      return { interpreter: null, origin: `PYTHON=${fromEnv}`, error: `it does not run: ${v}` };
    }
    return {
      interpreter: { command: fromEnv, version: v },
      origin: `PYTHON=${fromEnv}`,
      error: null,
    };
  }
  const [newest] = await installedPythons();
  if (newest === undefined) return { interpreter: null, origin: 'none found', error: null };
  return { interpreter: newest, origin: `found ${newest.command}`, error: null };
}
