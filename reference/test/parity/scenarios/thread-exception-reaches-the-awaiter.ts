import { type Coroutine, getRunningLoop, run, toThread } from '../../../src/index.ts';
import { type Log, outcome, repr } from '../scenario.ts';

// The error is rebuilt on the loop's side (a worker shares no objects): TypeError keeps its
// class, and the worker's own ValueError class comes back as an Error named 'ValueError'.
export default async function scenario(log: Log): Promise<void> {
  // Self-contained: the ValueError class travels inside the function's source.
  const fail = (kind: string) => {
    if (kind === 'type') throw new TypeError('nope');
    class ValueError extends Error {}
    ValueError.prototype.name = 'ValueError';
    throw new ValueError('bad value');
  };

  function* main(): Coroutine<void> {
    const loop = getRunningLoop();
    try {
      yield* toThread(fail, 'type');
    } catch (exc) {
      log(`to_thread: caught ${repr(exc)}, a TypeError: ${repr(exc instanceof TypeError)}`);
    }
    try {
      yield* toThread(fail, 'value');
    } catch (exc) {
      log(`to_thread: caught ${repr(exc)}`);
    }
    const fut = loop.runInExecutor(null, fail, 'value');
    try {
      yield* fut;
    } catch {
      // as the Python side: `except Exception: pass`
    }
    log(`exception(): ${repr(fut.exception())}`);
    log(`result(): ${outcome(() => fut.result())}`);
  }

  await run(main());
}
