import {
  CancelledError,
  type Coroutine,
  currentTask,
  getRunningLoop,
  run,
  type Timeout,
  TimeoutError,
  timeout,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* race(resultFirst: boolean): Coroutine<void> {
    const loop = getRunningLoop();
    const fut = loop.createFuture<string>();

    // Both in one callback, in this order: what runs first next iteration wins.
    const finish = (cm: Timeout) => {
      if (resultFirst) {
        fut.setResult('result');
        cm.reschedule(loop.time());
      } else {
        cm.reschedule(loop.time());
        fut.setResult('result');
      }
    };

    let timer: Timeout | undefined;
    try {
      yield* timeout(10, function* (cm) {
        timer = cm;
        loop.callLater(1, finish, cm);
        let value: string;
        try {
          value = yield* fut;
        } catch (exc) {
          if (exc instanceof CancelledError) log(`${stamp()} body: the await raised ${repr(exc)}`);
          throw exc;
        }
        log(`${stamp()} body: got ${repr(value)}`);
      });
    } catch (exc) {
      if (!(exc instanceof TimeoutError)) throw exc;
      log(`${stamp()} timed out: ${repr(exc)}`);
    }
    const py = resultFirst ? 'True' : 'False';
    log(`result_first=${py}: expired()=${repr(timer?.expired())} fut=${fut}`);
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    yield* race(true);
    yield* race(false);
  }

  await run(main(), { clock: 'virtual' });
}
