import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  run,
  sleep,
  TimeoutError,
  timeout,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* timesOut(): Coroutine<string> {
    const me = currentTask();
    if (me === null) throw new Error('not in a task');
    try {
      yield* timeout(1, () => sleep(10));
    } catch (exc) {
      if (!(exc instanceof TimeoutError)) throw exc;
      log(`${stamp()} caught ${repr(exc)}, cancelling()=${me.cancelling()}`);
    }
    yield* sleep(1);
    log(`${stamp()} slept normally`);
    try {
      me.cancel();
      yield* sleep(1);
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log(`${stamp()} swallowed a cancel, cancelling()=${me.cancelling()}`);
    } finally {
      try {
        yield* timeout(0, () => sleep(1));
      } catch (exc) {
        if (exc instanceof TimeoutError) {
          log(
            `${stamp()} timeout(0) in finally raised ${repr(exc)}, cancelling()=${me.cancelling()}`,
          );
        }
      }
    }
    return 'finished';
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const t = createTask(timesOut(), { name: 'times-out' });
    const result = yield* t;
    log(`${stamp()} task returned ${repr(result)}, cancelled()=${repr(t.cancelled())}`);
  }

  await run(main(), { clock: 'virtual' });
}
