import {
  type Coroutine,
  currentTask,
  run,
  sleep,
  type Timeout,
  TimeoutError,
  timeout,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* main(): Coroutine<void> {
    const me = currentTask();
    if (me === null) throw new Error('not in a task');
    me.setName('main');
    let outer: Timeout | undefined;
    try {
      yield* timeout(5, function* (cm) {
        outer = cm;
        let inner: Timeout | undefined;
        try {
          yield* timeout(1, function* (cm2) {
            inner = cm2;
            yield* sleep(10);
          });
        } catch (exc) {
          if (!(exc instanceof TimeoutError)) throw exc;
          log(
            `${stamp()} inner raised ${repr(exc)}: inner.expired()=${repr(inner?.expired())} ` +
              `outer.expired()=${repr(cm.expired())}`,
          );
        }
        log(`${stamp()} still in the outer timeout: ${cm}, cancelling()=${me.cancelling()}`);
        yield* sleep(10);
        log('after the sleep (never)');
      });
    } catch (exc) {
      if (!(exc instanceof TimeoutError)) throw exc;
      log(
        `${stamp()} outer raised ${repr(exc)}: outer.expired()=${repr(outer?.expired())}, ` +
          `cancelling()=${me.cancelling()}`,
      );
    }
  }

  await run(main(), { clock: 'virtual' });
}
