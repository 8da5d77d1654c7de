import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  run,
  sleep,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* selfcancel(): Coroutine<void> {
    const me = currentTask();
    if (me === null) throw new Error('not in a task');
    log(`selfcancel: cancel() -> ${repr(me.cancel())} cancelling()=${me.cancelling()}`);
    log('selfcancel: still running after cancel()');
    try {
      yield* sleep(100);
    } catch (exc) {
      if (exc instanceof CancelledError)
        log(`${stamp()} selfcancel: sleep(100) raised ${repr(exc)}`);
      throw exc;
    }
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const t = createTask(selfcancel(), { name: 'selfcancel' });
    try {
      yield* t;
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log(`${stamp()} main: awaiting it raised ${repr(exc)}`);
    }
    log(`cancelled()=${repr(t.cancelled())} cancel() -> ${repr(t.cancel())}`);
  }

  await run(main(), { clock: 'virtual' });
}
