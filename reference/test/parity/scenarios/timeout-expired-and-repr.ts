import {
  CancelledError,
  type Coroutine,
  currentTask,
  getRunningLoop,
  run,
  sleep,
  Timeout,
  TimeoutError,
  timeout,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    yield* sleep(1.5);
    // asyncio.timeout(10) is Timeout(loop.time() + 10), entered by `async with`.
    const cm = new Timeout(getRunningLoop().time() + 10);
    log(`${stamp()} created: ${cm} when()=${repr(cm.when())}`);
    yield* cm.enter();
    log(`active: ${cm} expired()=${repr(cm.expired())}`);
    yield* cm.exit();
    log(`finished: ${cm} expired()=${repr(cm.expired())}`);
    // biome-ignore lint/correctness/useYield: the body only shows the repr.
    yield* timeout(0.12345, function* (t) {
      log(`active: ${t}`);
    });
    const disabled = yield* timeout(null, function* (t) {
      log(`disabled: ${t} when()=${repr(t.when())}`);
      yield* sleep(100);
      return t;
    });
    log(`${stamp()} disabled: expired()=${repr(disabled.expired())}`);
    let expiring: Timeout | undefined;
    try {
      yield* timeout(1, function* (t) {
        expiring = t;
        try {
          yield* sleep(10);
        } catch (exc) {
          if (exc instanceof CancelledError) {
            log(`${stamp()} expiring: ${t} expired()=${repr(t.expired())}`);
          }
          throw exc;
        }
      });
    } catch (exc) {
      if (!(exc instanceof TimeoutError)) throw exc;
      log(`${stamp()} expired: ${expiring} expired()=${repr(expiring?.expired())}`);
    }
  }

  await run(main(), { clock: 'virtual' });
}
