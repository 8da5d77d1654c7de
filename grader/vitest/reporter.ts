/**
 * A vitest reporter that writes the run's results for the grader to read, as JSON lines (see
 * `ResultLine`): each test file's results as soon as the file is finished, so that a run the
 * watchdog kills still tells what it learned, then a last line when the run ends. It prints
 * nothing: the grader formats what the learner sees.
 */
import { appendFileSync } from 'node:fs';
import type { SerializedError } from '@vitest/utils';
import type { Reporter, TestModule } from 'vitest/node';
import type { ErrorInfo, ModuleResult, ResultLine, SideEvent, TestInfo } from './plan.ts';

export default class JsonResultsReporter implements Reporter {
  private readonly options: { output: string; sideChannel: string };
  /** The test files already written, by project and path. */
  private readonly written = new Set<string>();

  constructor(options: { output: string; sideChannel: string }) {
    this.options = options;
  }

  /**
   * Tells the watchdog that a file is finished, also when it failed to load and so never
   * reached a test: without this, the file's `load` line would look like a hang.
   */
  onTestModuleEnd(module: TestModule): void {
    this.writeModule(module);
    const line: SideEvent = {
      event: 'done',
      project: module.project.name,
      file: module.moduleId,
      at: Date.now(),
    };
    appendFileSync(this.options.sideChannel, `${JSON.stringify(line)}\n`);
  }

  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    for (const module of testModules) this.writeModule(module);
    this.write({ end: true, unhandled: unhandledErrors.map(toErrorInfo) });
  }

  private writeModule(module: TestModule): void {
    const key = `${module.project.name}\0${module.moduleId}`;
    if (this.written.has(key)) return;
    this.written.add(key);
    this.write({ module: toModuleResult(module) });
  }

  private write(line: ResultLine): void {
    appendFileSync(this.options.output, `${JSON.stringify(line)}\n`);
  }
}

function toModuleResult(module: TestModule): ModuleResult {
  const tests: TestInfo[] = [];
  for (const test of module.children.allTests()) {
    const result = test.result();
    tests.push({
      name: test.name,
      fullName: test.fullName,
      state: result.state,
      errors: (result.errors ?? []).map(toErrorInfo),
      line: test.location?.line,
    });
  }
  return {
    project: module.project.name,
    file: module.moduleId,
    errors: module.errors().map(toErrorInfo),
    tests,
  };
}

function toErrorInfo(error: SerializedError): ErrorInfo {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    name: text(error.name),
    message: String(error.message ?? ''),
    expected: text(error.expected),
    actual: text(error.actual),
    diff: text(error.diff),
    frames: (error.stacks ?? []).map((frame) => ({
      file: frame.file,
      line: frame.line,
      column: frame.column,
      method: frame.method,
    })),
  };
}
