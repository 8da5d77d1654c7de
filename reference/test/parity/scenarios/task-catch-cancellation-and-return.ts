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
  function* stubborn(): Coroutine<number> {
    try {
      yield* sleep(10);
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      const me = currentTask();
      log(`${stamp()} stubborn: caught ${repr(exc)}, cancelling()=${me?.cancelling()}`);
    }
    yield* sleep(1);
    log(`${stamp()} stubborn: slept 1 more, returns 42`);
    return 42;
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const t = createTask(stubborn(), { name: 'stubborn' });
    yield* sleep(0.5);
    log(`${stamp()} main: cancel("stop") -> ${repr(t.cancel('stop'))}`);
    const result = yield* t;
    log(
      `${stamp()} main: got ${repr(result)}; cancelled()=${repr(t.cancelled())} ` +
        `cancelling()=${t.cancelling()}`,
    );
  }

  await run(main(), { clock: 'virtual' });
}
