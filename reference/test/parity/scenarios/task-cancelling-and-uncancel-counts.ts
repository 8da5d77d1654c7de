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
  function* sleeper(): Coroutine<string> {
    const me = currentTask();
    if (me === null) throw new Error('not in a task');
    try {
      yield* sleep(10);
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log(`${stamp()} sleeper: caught ${repr(exc)} once, cancelling()=${me.cancelling()}`);
      log(`uncancel() -> ${me.uncancel()}`);
      log(`uncancel() -> ${me.uncancel()}`);
      log(`uncancel() -> ${me.uncancel()}`);
    }
    yield* sleep(1);
    log(`${stamp()} sleeper: not cancelled again, returns`);
    return 'ok';
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const t = createTask(sleeper(), { name: 'sleeper' });
    yield* sleep(0);
    log(
      `cancel() -> ${repr(t.cancel())}, cancel() -> ${repr(t.cancel())}, ` +
        `cancelling()=${t.cancelling()}`,
    );
    const result = yield* t;
    log(`${stamp()} main: got ${repr(result)}`);
    log(`done: cancel() -> ${repr(t.cancel())} cancelling()=${t.cancelling()}`);
    log(`done: uncancel() -> ${t.uncancel()} cancelled()=${repr(t.cancelled())}`);
  }

  await run(main(), { clock: 'virtual' });
}
