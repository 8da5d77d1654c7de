/**
 * Functions that the suites of lesson 06, and the reference's own threads tests, run in worker
 * threads with `{ module, export }`: work that needs imports, from a TypeScript module, which the
 * worker loads through tsx.
 */

import { createHash } from 'node:crypto';
import { threadId } from 'node:worker_threads';

/** The SHA-256 digest of `text`, in hex: it needs `node:crypto`. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The id of the worker thread that runs it. */
export function currentThreadId(): number {
  return threadId;
}

/** An async function: the worker awaits it. */
export async function slowUpper(text: string): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  return text.toUpperCase();
}

/** Not a function: `{ module, export: 'notAFunction' }` fails. */
export const notAFunction = 42;
