import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  run,
  sleep,
  type Task,
  waitFor,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* inner(): Coroutine<string> {
    yield* sleep(1);
    return 'done';
  }

  function* waiter(innerTask: Task<string>): Coroutine<void> {
    try {
      const value = yield* waitFor(innerTask, 100);
      log(`wait_for returned ${repr(value)} (never)`);
    } catch (exc) {
      if (exc instanceof CancelledError) log(`${stamp()} waiter: wait_for raised ${repr(exc)}`);
      throw exc;
    }
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const innerTask = createTask(inner(), { name: 'inner' });
    const task = createTask(waiter(innerTask), { name: 'waiter' });
    // main waits on inner first, so it resumes before the waiter does.
    yield* innerTask;
    log(
      `${stamp()} inner.done()=${repr(innerTask.done())} task.cancel() -> ${repr(task.cancel())}`,
    );
    try {
      yield* task;
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log(`${stamp()} waiter raised ${repr(exc)}, cancelled()=${repr(task.cancelled())}`);
    }
    log(`inner result: ${repr(innerTask.result())}`);
  }

  await run(main(), { clock: 'virtual' });
}
