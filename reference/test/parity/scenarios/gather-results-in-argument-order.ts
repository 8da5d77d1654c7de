import {
  type Coroutine,
  createTask,
  currentTask,
  gather,
  run,
  sleep,
  ValueError,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* child(name: string, delay: number): Coroutine<string> {
    log(`${stamp()} ${name}: starts`);
    yield* sleep(delay);
    log(`${stamp()} ${name}: done`);
    return name;
  }

  function* fail(delay: number): Coroutine<never> {
    yield* sleep(delay);
    throw new ValueError('failed');
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const twice = child('twice', 2);
    const results = yield* gather([child('slow', 3), twice, child('fast', 1), twice]);
    log(`${stamp()} ${repr(results)}`);

    const slow = createTask(child('survivor', 2), { name: 'survivor' });
    const outer = gather([fail(1), slow]);
    try {
      yield* outer;
    } catch (exc) {
      if (!(exc instanceof ValueError)) throw exc;
      log(`${stamp()} gather raised ${repr(exc)}, survivor.cancelled()=${repr(slow.cancelled())}`);
    }
    const result = yield* slow;
    log(`${stamp()} survivor returned ${repr(result)}`);
    log(`empty: ${repr(yield* gather([]))}`);
  }

  await run(main(), { clock: 'virtual' });
}
