import {
  type Coroutine,
  createTask,
  currentTask,
  run,
  sleep,
  ValueError,
} from '../../../src/index.ts';
import { type Log, outcome, repr } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* failing(): Coroutine<void> {
    yield* sleep(1);
    throw new ValueError('bad');
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const t = createTask(failing(), { name: 'failing' });
    try {
      yield* t;
    } catch (exc) {
      if (!(exc instanceof ValueError)) throw exc;
      log(`main: caught ${repr(exc)}; the task's own error: ${repr(exc === t.exception())}`);
    }
    log(`done()=${repr(t.done())} cancelled()=${repr(t.cancelled())}`);
    log(`exception(): ${repr(t.exception())}`);
    log(`result(): ${outcome(() => t.result())}`);
    log(`cancel() -> ${repr(t.cancel())}`);
  }

  await run(main(), { clock: 'virtual' });
}
