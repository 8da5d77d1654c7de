import {
  type Coroutine,
  currentTask,
  ExceptionGroup,
  RuntimeError,
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

  function* main(): Coroutine<void> {
    const me = currentTask();
    if (me === null) throw new Error('not in a task');
    me.setName('main');
    try {
      // biome-ignore lint/correctness/useYield: the body only starts children.
      yield* taskGroup(function* (tg) {
        tg.createTask(failAfter(0, new RuntimeError('child')), { name: 'child' });
      });
    } catch (eg) {
      if (!(eg instanceof ExceptionGroup)) throw eg;
      log(`${stamp()} caught ${repr(eg)}, cancelling()=${me.cancelling()}`);
    }
    try {
      yield* taskGroup(function* (tg) {
        try {
          tg.createTask(failAfter(0, new RuntimeError('child')), { name: 'child' });
          yield* sleep(1);
        } finally {
          log(`${stamp()} cleanup: cancelling()=${me.cancelling()}, raises`);
          // biome-ignore lint/correctness/noUnsafeFinally: the point: cleanup that throws.
          throw new ValueError('cleanup');
        }
      });
    } catch (eg) {
      if (!(eg instanceof ExceptionGroup)) throw eg;
      log(`${stamp()} caught ${repr(eg)}, cancelling()=${me.cancelling()}`);
    }
    yield* sleep(1);
    log(`${stamp()} main: slept normally, cancelling()=${me.cancelling()}`);
  }

  await run(main(), { clock: 'virtual' });
}
