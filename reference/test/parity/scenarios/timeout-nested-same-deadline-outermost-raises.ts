import {
  CancelledError,
  type Coroutine,
  currentTask,
  getRunningLoop,
  run,
  sleep,
  type Timeout,
  TimeoutError,
  timeoutAt,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* main(): Coroutine<void> {
    const me = currentTask();
    if (me === null) throw new Error('not in a task');
    me.setName('main');
    const deadline = getRunningLoop().time() + 1;
    let outer: Timeout | undefined;
    let inner: Timeout | undefined;
    try {
      yield* timeoutAt(deadline, function* (cm1) {
        outer = cm1;
        try {
          yield* timeoutAt(deadline, function* (cm2) {
            inner = cm2;
            yield* sleep(10);
          });
        } catch (exc) {
          if (exc instanceof CancelledError) {
            log(
              `${stamp()} inner timeout let through ${repr(exc)}, cancelling()=${me.cancelling()}`,
            );
          }
          throw exc;
        }
      });
    } catch (exc) {
      if (!(exc instanceof TimeoutError)) throw exc;
      log(`${stamp()} outer timeout raised ${repr(exc)}, cause=${repr(exc.cause)}`);
    }
    log(
      `outer.expired()=${repr(outer?.expired())} inner.expired()=${repr(inner?.expired())} ` +
        `cancelling()=${me.cancelling()}`,
    );
  }

  await run(main(), { clock: 'virtual' });
}
