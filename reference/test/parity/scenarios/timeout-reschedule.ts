import {
  CancelledError,
  type Coroutine,
  currentTask,
  getRunningLoop,
  RuntimeError,
  run,
  sleep,
  Timeout,
  TimeoutError,
  timeout,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

// Python prints the float deadlines given to reschedule() as 3.0; the reference's repr() of
// the number 3 is 3 (JavaScript has one number type), so whole deadlines print with .toFixed(1).
export default async function scenario(log: Log): Promise<void> {
  const whenRepr = (when: number | null) => (when === null ? 'None' : when.toFixed(1));

  const attempt = (cm: Timeout, when: number | null, label: string) => {
    try {
      cm.reschedule(when);
      log(`${label}: when()=${whenRepr(cm.when())}`);
    } catch (exc) {
      if (!(exc instanceof RuntimeError)) throw exc;
      log(`${label}: ${repr(exc)}`);
    }
  };

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const loop = getRunningLoop();
    attempt(new Timeout(loop.time() + 1), 2, 'not entered');
    let cm = yield* timeout(1, function* (cm) {
      attempt(cm, loop.time() + 3, 'later');
      yield* sleep(2);
      log(`${stamp()} past the first deadline`);
      attempt(cm, null, 'none');
      yield* sleep(5);
      log(`${stamp()} past the second deadline`);
      return cm;
    });
    attempt(cm, 9, 'finished');
    try {
      yield* timeout(10, function* (t) {
        cm = t;
        attempt(t, loop.time() + 0.5, 'earlier');
        try {
          yield* sleep(10);
        } catch (exc) {
          if (exc instanceof CancelledError) attempt(t, 20, `${stamp()} expiring`);
          throw exc;
        }
      });
    } catch (exc) {
      if (!(exc instanceof TimeoutError)) throw exc;
      log(`${stamp()} timed out`);
    }
    attempt(cm, 30, 'expired');
  }

  await run(main(), { clock: 'virtual' });
}
