import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  gather,
  run,
  sleep,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* child(delay: number, value: string): Coroutine<string> {
    yield* sleep(delay);
    return value;
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const a = createTask(child(1, 'a'), { name: 'a' });
    const b = createTask(child(2, 'b'), { name: 'b' });
    const outer = gather([a, b]);
    yield* sleep(0);
    log(`${stamp()} a.cancel("bye") -> ${repr(a.cancel('bye'))}`);
    try {
      yield* outer;
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log(`${stamp()} gather raised ${repr(exc)}: cancelled()=${repr(outer.cancelled())} ${outer}`);
    }
    log(`b.done()=${repr(b.done())}`);
    const result = yield* b;
    log(`${stamp()} b returned ${repr(result)}`);

    const c = createTask(child(1, 'c'), { name: 'c' });
    const d = createTask(child(2, 'd'), { name: 'd' });
    const withErrors = gather([c, d], { returnExceptions: true });
    yield* sleep(0);
    c.cancel('bye');
    const results = yield* withErrors;
    log(`${stamp()} return_exceptions: ${repr(results)}`);
  }

  await run(main(), { clock: 'virtual' });
}
