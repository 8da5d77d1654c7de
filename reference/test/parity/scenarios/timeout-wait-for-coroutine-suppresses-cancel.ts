import {
  CancelledError,
  type Coroutine,
  currentTask,
  run,
  sleep,
  TimeoutError,
  waitFor,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* cleansUp(): Coroutine<void> {
    log(`${stamp()} cleans_up runs in ${currentTask()?.getName()}`);
    try {
      yield* sleep(10);
    } finally {
      yield* sleep(0.5);
      log(`${stamp()} cleans_up: cleanup done`);
    }
  }

  function* return42(): Coroutine<number | undefined> {
    try {
      yield* sleep(10);
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log(`${stamp()} return_42: suppresses ${repr(exc)}`);
      return 42;
    }
  }

  function* main(): Coroutine<void> {
    const me = currentTask();
    if (me === null) throw new Error('not in a task');
    me.setName('main');
    try {
      yield* waitFor(cleansUp(), 1);
    } catch (exc) {
      if (!(exc instanceof TimeoutError)) throw exc;
      log(`${stamp()} wait_for raised ${repr(exc)}, cause=${repr(exc.cause)}`);
    }
    let result: unknown = yield* waitFor(return42(), 1);
    log(`${stamp()} wait_for returned ${repr(result)}, cancelling()=${me.cancelling()}`);
    result = yield* waitFor(sleep(1, 'on time'), null);
    log(`${stamp()} wait_for(None) returned ${repr(result)}`);
  }

  await run(main(), { clock: 'virtual' });
}
