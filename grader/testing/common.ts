/**
 * Test helpers that no lesson owns: they use nothing of the course's runtime, so every lesson's
 * helper file re-exports those its suites need, and a suite still imports from one place.
 */

/** Resolves after `ms` milliseconds of real time, on Node's own timers. */
export function realDelay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What `settle` says about a promise. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Waits for a promise and says how it settled, without throwing. */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Describes an error for a log a learner can read: `RuntimeError: message`, only the name when
 * the message is empty (`CancelledError`), and `thrown <type>: <value>` for a value that is not
 * an Error.
 */
export function errorText(error: unknown): string {
  if (error instanceof Error)
    return error.message === '' ? error.name : `${error.name}: ${error.message}`;
  return `thrown ${typeof error}: ${String(error)}`;
}
