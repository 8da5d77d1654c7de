/**
 * The loop's error reports (asyncio's `call_exception_handler` family): their context, the
 * custom handler type, and how the default handler prints a report.
 *
 * @module
 */

import type { Future } from './futures.ts';
import type { Handle } from './handles.ts';
import type { EventLoop } from './loop.ts';
import { repr } from './repr.ts';
import type { Task } from './tasks.ts';

/** What the exception handler receives: asyncio's context keys, all of them optional. */
export interface ExceptionContext {
  /** What went wrong. */
  message?: string;
  /** The error, if there is one. */
  exception?: unknown;
  /** The handle whose callback failed. */
  handle?: Handle;
  /** The future concerned. */
  future?: Future<unknown>;
  /** The task concerned. */
  task?: Task<unknown>;
  /** Other keys, as asyncio allows (`'context'` when a handler failed, for example). */
  [key: string]: unknown;
}

/** A custom exception handler, called as `handler(loop, context)`. */
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => unknown;

/**
 * Formats a report as asyncio's default handler logs it: the message (or 'Unhandled exception
 * in event loop'), then `key: repr(value)` for the other keys in sorted order, then the
 * error's stack.
 *
 * @param context - The report.
 * @returns The text to print.
 */
export function formatExceptionContext(context: ExceptionContext): string {
  const lines = [context.message || 'Unhandled exception in event loop'];
  for (const key of Object.keys(context).sort()) {
    if (key !== 'message' && key !== 'exception') lines.push(`${key}: ${repr(context[key])}`);
  }
  const exc = context.exception;
  if (exc != null) lines.push(exc instanceof Error && exc.stack ? exc.stack : repr(exc));
  return lines.join('\n');
}

/**
 * Throws unless `handler` may be installed: a function, `null` or `undefined`.
 *
 * @throws TypeError('A callable object or None is expected, got ...').
 */
export function checkExceptionHandler(handler: unknown): void {
  if (handler != null && typeof handler !== 'function') {
    throw new TypeError(`A callable object or None is expected, got ${repr(handler)}`);
  }
}

/**
 * Calls `handler(loop, context)`, or the loop's default handler when `handler` is `null`. If
 * a custom handler throws, the default handler reports that too, with the original context
 * under `'context'`; if even the default handler throws, `console.error` says so. Nothing
 * escapes: reporting an error must never stop the loop.
 */
export function callHandler(
  loop: EventLoop,
  handler: ExceptionHandler | null,
  context: ExceptionContext,
): void {
  if (handler !== null) {
    try {
      handler(loop, context);
      return;
    } catch (exc) {
      context = { message: 'Unhandled error in exception handler', exception: exc, context };
    }
  }
  try {
    loop.defaultExceptionHandler(context);
  } catch (exc) {
    console.error('Exception in default exception handler', exc);
  }
}
