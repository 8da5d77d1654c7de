/**
 * The parity harness: finds the scenario pairs, runs their Python sides, normalises what cannot
 * match, and shows a line diff when the two logs differ. `parity.test.ts` drives it.
 *
 * @module
 */

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffArrays } from 'diff';
import type { Interpreter } from './python.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** Where the scenario pairs live. */
export const SCENARIO_DIR = join(here, 'scenarios');

/** The Python runner of `py/`, which also puts `parity.py` and `virtual_clock.py` on the path. */
const RUNNER = join(here, 'py', 'run_scenarios.py');

/**
 * The oldest Python the harness supports (`asyncio.Runner(loop_factory=...)` of the virtual
 * clock): a scenario without `# requires:` needs this one.
 */
export const BASELINE: readonly [number, number] = [3, 11];

/** One scenario: `scenarios/<name>.py` and `scenarios/<name>.ts`. */
export interface ScenarioFiles {
  name: string;
  /** The Python side, or `null` when it is missing. */
  py: string | null;
  /** The TypeScript side, or `null` when it is missing. */
  ts: string | null;
  /** The oldest Python it runs on: its `# requires: 3.13` line, else {@link BASELINE}. */
  requires: readonly [number, number];
  /** What it shows: the first line of the Python side's docstring. */
  title: string;
}

/** Lists the scenarios, by name. */
export function discoverScenarios(dir = SCENARIO_DIR): ScenarioFiles[] {
  const files = readdirSync(dir);
  const names = new Set(
    files.filter((f) => /\.(py|ts)$/.test(f)).map((f) => f.replace(/\.(py|ts)$/, '')),
  );
  return [...names].sort().map((name) => {
    const py = files.includes(`${name}.py`) ? join(dir, `${name}.py`) : null;
    const ts = files.includes(`${name}.ts`) ? join(dir, `${name}.ts`) : null;
    const source = py === null ? '' : readFileSync(py, 'utf8');
    return { name, py, ts, requires: requiresOf(source), title: titleOf(source, name) };
  });
}

/** The `# requires: 3.13` line among the first lines of a Python side. */
function requiresOf(source: string): readonly [number, number] {
  const match = /^#\s*requires:\s*(\d+)\.(\d+)\s*$/m.exec(
    source.split('\n').slice(0, 5).join('\n'),
  );
  return match ? [Number(match[1]), Number(match[2])] : BASELINE;
}

/** The first line of the module docstring, without the catalogue reference. */
function titleOf(source: string, fallback: string): string {
  const match = /^(?:#[^\n]*\n|\s*\n)*\s*(?:"""|''')\s*([^\n]*?)\s*(?:"""|''')?\s*$/m.exec(source);
  const line = match?.[1]?.replace(/\s*\((?:catalogue|new in)[^)]*\)\.?$/, '').replace(/\.$/, '');
  return line || fallback;
}

/** What the Python side of one scenario printed. */
export interface PythonResult {
  /** Its log: stdout, line by line. */
  lines: string[];
  /** What it wrote to stderr (asyncio's logging goes there). */
  stderr: string;
  /** The traceback when it raised, or why it did not run. */
  error: string | null;
}

/**
 * Runs the Python sides, a few interpreters in parallel (one per core, at most 4), each running
 * its share of the scenarios one after the other (`py/run_scenarios.py`): starting Python and
 * importing asyncio costs more than most scenarios take.
 *
 * @returns The result of each scenario, by path.
 */
export async function runPythonSides(
  python: Interpreter,
  paths: readonly string[],
): Promise<Map<string, PythonResult>> {
  const workers = Math.max(1, Math.min(availableParallelism(), 4, paths.length));
  const shares: string[][] = Array.from({ length: workers }, () => []);
  paths.forEach((path, i) => {
    shares[i % workers]?.push(path);
  });
  const results = new Map<string, PythonResult>();
  await Promise.all(shares.map((share) => runShare(python, share, results)));
  return results;
}

function runShare(
  python: Interpreter,
  paths: string[],
  results: Map<string, PythonResult>,
): Promise<void> {
  return new Promise((resolve) => {
    // -B: no __pycache__ beside the scenarios; -E: ignore PYTHON* variables (no
    // PYTHONASYNCIODEBUG, no PYTHONDEVMODE: asyncio's non-debug mode, as the reference);
    // -s: no user site.
    const child = spawn(python.command, ['-B', '-E', '-s', RUNNER, '--json', ...paths], {
      cwd: here,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    let finished = false;
    const finish = (why: string) => {
      if (finished) return;
      finished = true;
      for (const line of stdout.split('\n')) {
        if (line.trim() === '') continue;
        const r = JSON.parse(line) as {
          path: string;
          stdout: string;
          stderr: string;
          error: string | null;
        };
        results.set(r.path, { lines: splitLines(r.stdout), stderr: r.stderr, error: r.error });
      }
      for (const path of paths) {
        if (!results.has(path)) results.set(path, { lines: [], stderr, error: why });
      }
      resolve();
    };
    child.on('error', (error) => finish(`could not start ${python.command}: ${error.message}`));
    child.on('close', (code, signal) =>
      finish(
        `the Python runner ended (${signal ?? `exit code ${code}`}) before this scenario:\n${stderr}`,
      ),
    );
  });
}

/** A log's lines, without the empty string after the last newline. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * Rewrites, in a line of the Python side's log, what the reference cannot print, so that the
 * rest can be compared exactly. These are the only differences the harness forgives; a scenario
 * never normalises anything itself.
 *
 * 1. `coro=<main() running at /path/x.py:12>` in a task's repr: where the coroutine is suspended.
 *    A JavaScript generator has no repr that says so: removed, with its leading space.
 * 2. `<generator object child at 0x7f...>`: a JavaScript generator object knows neither its
 *    function's name nor an address: `<generator object>`, the reference's repr.
 * 3. ` at /path/x.py:14` after a callback (`Exception in callback boom() at /path/x.py:14`,
 *    `<Handle boom() at /path/x.py:14>`): the source location of a Python function. Removed.
 */
export function normalisePythonLine(line: string): string {
  return removeCoroReprs(line)
    .replace(/<generator object [\w.<>]+ at 0x[0-9a-fA-F]+>/g, '<generator object>')
    .replace(/ at (?:[A-Za-z]:)?[\\/][^<>]*?\.py:\d+/g, '');
}

/** Removes ` coro=<...>` with its nested `<...>` (a coroutine named `main.<locals>.child`). */
function removeCoroReprs(line: string): string {
  let out = line;
  for (let start = out.indexOf(' coro=<'); start !== -1; start = out.indexOf(' coro=<', start)) {
    let depth = 0;
    let end = start + ' coro='.length;
    for (; end < out.length; end++) {
      if (out[end] === '<') depth++;
      else if (out[end] === '>' && --depth === 0) break;
    }
    out = out.slice(0, start) + out.slice(end + 1);
  }
  return out;
}

/**
 * Shows how the TypeScript log differs from the Python one, line by line: `-` for a line only
 * CPython printed, `+` for one only the reference printed, the common lines unmarked.
 */
export function lineDiff(python: string[], typescript: string[]): string {
  const out: string[] = [];
  for (const change of diffArrays(python, typescript)) {
    const mark = change.added ? '+ ' : change.removed ? '- ' : '  ';
    for (const line of change.value) out.push(`${mark}${line}`);
  }
  return out.join('\n');
}
