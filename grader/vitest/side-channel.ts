/**
 * A setup file of grading runs. Before each test starts it appends the test's name to the
 * side channel, synchronously, so that if the learner's code never returns (`while (true) {}`)
 * the grader, watching the file from another process, can name the test that hung. Reporter
 * events cannot do this: they are batched and never leave a worker that is stuck.
 *
 * It also beats a heartbeat while the worker's event loop is free. A test that waits for a
 * promise that never settles keeps beating (vitest's own timeout ends it); only code that
 * never gives control back goes silent. So the watchdog judges a hang by silence, not by how
 * long a test has run, and a slow machine does not turn a timeout into a hang.
 */
import { appendFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach } from 'vitest';
import type { SideEvent } from './plan.ts';

const path = process.env.COURSE_SIDE_CHANNEL;
// vitest's worker state names the project and the test file while the file is still loading,
// before any hook has run. It is internal, hence the guarded access.
const worker = (globalThis as { __vitest_worker__?: WorkerState }).__vitest_worker__;
const project = worker?.ctx?.projectName ?? '';
const file = worker?.filepath ?? '';

interface WorkerState {
  filepath?: string;
  ctx?: { projectName?: string };
}

function note(event: SideEvent['event'], name?: string): void {
  if (!path) return;
  const line: SideEvent = { event, project, file, name, at: Date.now() };
  appendFileSync(path, `${JSON.stringify(line)}\n`);
}

/** How often the worker says it is alive (ms); the watchdog allows many missed beats. */
const HEARTBEAT_MS = 250;

// Written while the test file is being imported: a hang before any test starts (in the
// learner's module's top-level code) is then reported against the file.
note('load');
const heartbeat = setInterval(() => note('beat'), HEARTBEAT_MS);
heartbeat.unref();
beforeEach((context) => note('start', context.task.name));
afterEach((context) => note('end', context.task.name));
afterAll(() => clearInterval(heartbeat));
