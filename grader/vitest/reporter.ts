/**
 * A vitest reporter that writes the run's results as JSON (`RunResults`) for the grader to
 * read. It prints nothing: the grader formats what the learner sees.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import type { SerializedError } from '@vitest/utils';
import type { Reporter, TestModule } from 'vitest/node';
import type { ErrorInfo, ModuleResult, RunResults, SideEvent, TestInfo } from './plan.ts';

export default class JsonResultsReporter implements Reporter {
  private readonly options: { output: string; sideChannel: string };

  constructor(options: { output: string; sideChannel: string }) {
    this.options = options;
  }

  /**
   * Tells the watchdog that a file is finished, also when it failed to load and so never
   * reached a test: without this, the file's `load` line would look like a hang.
   */
  onTestModuleEnd(module: TestModule): void {
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
    const results: RunResults = {
      modules: testModules.map(toModuleResult),
      unhandled: unhandledErrors.map(toErrorInfo),
    };
    writeFileSync(this.options.output, JSON.stringify(results));
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
