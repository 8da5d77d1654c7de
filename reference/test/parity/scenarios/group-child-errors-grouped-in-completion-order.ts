import {
  CancelledError,
  type Coroutine,
  currentTask,
  ExceptionGroup,
  run,
  sleep,
  taskGroup,
  ValueError,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* failAfter(delay: number, exc: Error): Coroutine<never> {
    yield* sleep(delay);
    throw exc;
  }

  function* failsInCleanup(): Coroutine<void> {
    try {
      yield* sleep(10);
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log(`${stamp()} cleanup: cancelled, raises in its cleanup`);
      throw new ValueError('cleanup failed');
    }
  }

  function* main(): Coroutine<void> {
    const me = currentTask();
    if (me === null) throw new Error('not in a task');
    me.setName('main');
    try {
      yield* taskGroup(function* (tg) {
        tg.createTask(failAfter(1, new ValueError('late, never')), { name: 'late' });
        tg.createTask(failAfter(0.5, new TypeError('first')), { name: 'first' });
        tg.createTask(failsInCleanup(), { name: 'cleanup' });
        try {
          yield* sleep(10);
        } catch (exc) {
          if (exc instanceof CancelledError) {
            log(`${stamp()} body: caught ${repr(exc)}, cancelling()=${me.cancelling()}`);
          }
          throw exc;
        }
        log('after the sleep (never)');
      });
      log('after the group (never)');
    } catch (eg) {
      if (!(eg instanceof ExceptionGroup)) throw eg;
      log(`${stamp()} main: ${repr(eg)}`);
    }
    log(`main: cancelling()=${me.cancelling()}`);
  }

  await run(main(), { clock: 'virtual' });
}
