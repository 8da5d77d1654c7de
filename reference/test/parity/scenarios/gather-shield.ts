import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  getRunningLoop,
  run,
  shield,
  sleep,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* inner(): Coroutine<string> {
    yield* sleep(1);
    log(`${stamp()} inner: finished`);
    return 'inner result';
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const loop = getRunningLoop();
    const task = createTask(inner(), { name: 'inner' });

    function* waiter(): Coroutine<string> {
      return yield* shield(task);
    }

    const w = createTask(waiter(), { name: 'waiter' });
    yield* sleep(0.5);
    log(`${stamp()} w.cancel() -> ${repr(w.cancel())}`);
    try {
      yield* w;
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log(`${stamp()} waiter raised ${repr(exc)}, task.cancelled()=${repr(task.cancelled())}`);
    }
    const result = yield* task;
    log(`${stamp()} inner returned ${repr(result)}`);

    log(`shield of a done task is the task: ${repr(shield(task) === task)}`);
    const fut = loop.createFuture();
    const outer = shield(fut);
    fut.cancel();
    yield* sleep(0);
    log(`inner cancelled -> outer.cancelled()=${repr(outer.cancelled())}`);
  }

  await run(main(), { clock: 'virtual' });
}
