/**
 * CPython parity (COURSE.md section 7): each scenario of `scenarios/` is written twice, in
 * Python against asyncio and in TypeScript against the reference; both print an ordered log of
 * events, and the two logs must be identical.
 *
 * The interpreter is `PYTHON`, else the newest Python 3 that runs (see `python.ts`). A scenario
 * that needs a newer Python than that (`# requires: 3.13`) is skipped, saying so, unless an
 * installed interpreter could run it: then the test fails and names it. Without any Python,
 * every scenario is skipped with a message. The run ends by printing how many ran and how many
 * were skipped, and why. How to add a scenario: `README.md` beside this file.
 */

import { pathToFileURL } from 'node:url';
import { afterAll, describe, test } from 'vitest';
import {
  discoverScenarios,
  lineDiff,
  normalisePythonLine,
  type PythonResult,
  runPythonSides,
  type ScenarioFiles,
} from './harness.ts';
import {
  choosePython,
  compareVersions,
  formatVersion,
  type Interpreter,
  installedPythons,
} from './python.ts';
import type { Log, Scenario } from './scenario.ts';

const scenarios = discoverScenarios();
const choice = await choosePython();
const python = choice.interpreter;

/** Whether `python` is recent enough for `scenario`. */
const canRun = (interpreter: Interpreter, scenario: ScenarioFiles) =>
  compareVersions(interpreter.version, scenario.requires) >= 0;

// Only a PYTHON chosen by hand can be older than an installed interpreter (otherwise the newest
// was taken): then look for one that could run what PYTHON cannot, as skipping it is a failure.
const installed =
  python !== null && process.env.PYTHON && scenarios.some((s) => !canRun(python, s))
    ? await installedPythons()
    : [];

const runnable = scenarios.filter(
  (s): s is ScenarioFiles & { py: string; ts: string } =>
    python !== null && s.py !== null && s.ts !== null && canRun(python, s),
);

// Started now, so that the Python sides run while the TypeScript sides do.
const pythonResults: Promise<Map<string, PythonResult>> =
  python === null
    ? Promise.resolve(new Map())
    : runPythonSides(
        python,
        runnable.map((s) => s.py),
      );

const pythonName = python === null ? '' : `Python ${formatVersion(python.version)}`;
const ran: string[] = [];
const skipped: string[] = [];
/** Scenarios that ran and failed: a difference, or a side that threw. */
const failed: string[] = [];
/** Scenarios that the interpreter is too old for, while an installed one could run them. */
const refused: string[] = [];

function noPythonMessage(): string {
  if (choice.error !== null) return `${choice.origin}: ${choice.error}`;
  return (
    'no Python 3 found (PYTHON is unset, and nothing runs under pyenv, uv or PATH): ' +
    'CPython parity is not checked; install python3 or set PYTHON to a Python 3.13'
  );
}

/** Runs the TypeScript side; returns its log, and what it threw if it threw. */
async function runTypeScriptSide(path: string): Promise<{ lines: string[]; error: unknown }> {
  const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  if (typeof module.default !== 'function') {
    throw new Error(`${path} must export default a function (log) that runs the scenario`);
  }
  const scenario = module.default as Scenario;
  const lines: string[] = [];
  const log: Log = (line) => {
    lines.push(String(line));
  };
  try {
    await scenario(log);
    return { lines, error: undefined };
  } catch (error) {
    return { lines, error: error ?? new Error(`threw ${String(error)}`) };
  }
}

function describeError(error: unknown): string {
  return error instanceof Error
    ? (error.stack ?? `${error.name}: ${error.message}`)
    : String(error);
}

const heading =
  python !== null
    ? `${pythonName}, ${choice.origin}`
    : choice.error !== null
      ? `${choice.origin} does not run`
      : 'no Python';

describe(`CPython parity (${heading})`, () => {
  afterAll(() => {
    const lines = [
      python === null
        ? `CPython parity: ${noPythonMessage()}.`
        : `CPython parity on ${pythonName} (${choice.origin}): ` +
          `${ran.length} scenarios ran` +
          (failed.length > 0 ? ` (${failed.length} failed: ${failed.join(', ')})` : '') +
          `, ${skipped.length} skipped` +
          (refused.length > 0 ? `, ${refused.length} not allowed to skip (failed).` : '.'),
    ];
    if (python === null) {
      if (skipped.length > 0) lines.push(`  all ${skipped.length} scenarios skipped.`);
    } else for (const why of skipped) lines.push(`  skipped ${why}`);
    for (const why of refused) lines.push(`  failed, not skipped: ${why}`);
    console.log(lines.join('\n'));
  });

  for (const scenario of scenarios) {
    test(`${scenario.name}: ${scenario.title}`, async (ctx) => {
      const { name } = scenario;
      if (scenario.py === null || scenario.ts === null) {
        const missing = scenario.py === null ? `${name}.py` : `${name}.ts`;
        throw new Error(`scenario ${name} has no ${missing}: each scenario is written twice`);
      }
      if (python === null) {
        if (choice.error !== null) throw new Error(noPythonMessage());
        skipped.push(`${name}: no Python`);
        ctx.skip(noPythonMessage());
        return;
      }
      const needs = `Python ${formatVersion(scenario.requires)}`;
      if (!canRun(python, scenario)) {
        const able = installed.find((i) => canRun(i, scenario));
        if (able !== undefined) {
          refused.push(`${name}: needs ${needs}, and ${able.command} is installed`);
          throw new Error(
            `${name} needs ${needs} and ${choice.origin} is ${pythonName}, but ` +
              `${able.command} is ${formatVersion(able.version)}: skipping is not allowed ` +
              `where a Python that can run it is installed. Run with PYTHON=${able.command}.`,
          );
        }
        skipped.push(`${name}: needs ${needs}, found ${pythonName}`);
        ctx.skip(`needs ${needs}; ${choice.origin} is ${pythonName}`);
        return;
      }

      ran.push(name);
      failed.push(name); // until the logs are found identical
      const ts = await runTypeScriptSide(scenario.ts);
      const py = (await pythonResults).get(scenario.py);
      if (py === undefined) throw new Error(`the Python side of ${name} did not run`);
      const pyLines = py.lines.map(normalisePythonLine);
      const stderr = py.stderr.trim() === '' ? '' : `\nPython's stderr:\n${py.stderr.trimEnd()}`;
      if (py.error !== null) {
        throw new Error(
          `The Python side of ${name} failed on ${pythonName}:\n${py.error.trimEnd()}\n` +
            `Its log so far:\n${pyLines.join('\n')}${stderr}`,
        );
      }
      const diff = lineDiff(pyLines, ts.lines);
      if (ts.error !== undefined) {
        throw new Error(
          `The TypeScript side of ${name} threw ${describeError(ts.error)}\n` +
            `Its log so far, against CPython's (- ${pythonName} only, + reference only):\n${diff}`,
        );
      }
      const same =
        pyLines.length === ts.lines.length && pyLines.every((line, i) => line === ts.lines[i]);
      if (!same) {
        throw new Error(
          `The reference's log differs from CPython's ` +
            `(- ${pythonName} only, + reference only):\n${diff}${stderr}`,
        );
      }
      failed.splice(failed.indexOf(name), 1);
    });
  }
});
