import {
  CancelledError,
  type Coroutine,
  currentTask,
  ExceptionGroup,
  RuntimeError,
  run,
  sleep,
  type Task,
  taskGroup,
  ValueError,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* failsInCleanup(): Coroutine<void> {
    try {
      yield* sleep(10);
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log(`${stamp()} child: cancelled, raises in its cleanup`);
      throw new ValueError('child cleanup');
    }
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    let a: Task<void> | undefined;
    let b: Task<string> | undefined;
    try {
      yield* taskGroup(function* (tg) {
        a = tg.createTask(failsInCleanup(), { name: 'a' });
        b = tg.createTask(sleep(10, 'b'), { name: 'b' });
        yield* sleep(1);
        log(`${stamp()} body: raises`);
        throw new RuntimeError('body');
      });
    } catch (eg) {
      if (!(eg instanceof ExceptionGroup)) throw eg;
      log(`${stamp()} main: ${repr(eg)}`);
    }
    log(`a.cancelled()=${repr(a?.cancelled())} b.cancelled()=${repr(b?.cancelled())}`);
  }

  await run(main(), { clock: 'virtual' });
}
