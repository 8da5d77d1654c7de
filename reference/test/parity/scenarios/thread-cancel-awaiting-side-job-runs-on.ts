import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  type Future,
  getRunningLoop,
  run,
  sleep,
} from '../../../src/index.ts';
import { type Log, repr } from '../scenario.ts';

// Python's threading.Event objects are slots of a SharedArrayBuffer here: 0 started, 1 release,
// 2 finished. The job waits until the loop releases it: no timing decides anything.
export default async function scenario(log: Log): Promise<void> {
  const job = (buffer: SharedArrayBuffer) => {
    const events = new Int32Array(buffer);
    Atomics.store(events, 0, 1);
    Atomics.wait(events, 1, 0, 10_000);
    Atomics.store(events, 2, 1);
    return 'a result nobody gets';
  };
  const buffer = new SharedArrayBuffer(12);
  const events = new Int32Array(buffer);
  const isSet = (slot: number) => Atomics.load(events, slot) === 1;

  function* waitForJob(fut: Future<string>): Coroutine<void> {
    try {
      yield* fut;
    } catch (exc) {
      if (exc instanceof CancelledError) log('waiter: CancelledError');
      throw exc;
    }
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const loop = getRunningLoop();
    const fut = loop.runInExecutor(null, job, buffer);
    const waiter = createTask(waitForJob(fut), { name: 'waiter' });
    yield* sleep(0); // the waiter starts and waits for the job's future
    while (!isSet(0)) yield* sleep(0.005);
    log(`job started; waiter.cancel() -> ${repr(waiter.cancel())}`);
    try {
      yield* waiter;
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log('main: the waiter ended with CancelledError');
    }
    log(`future cancelled: ${repr(fut.cancelled())}; job finished: ${repr(isSet(2))}`);
    Atomics.store(events, 1, 1);
    Atomics.notify(events, 1);
    yield* loop.shutdownDefaultExecutor();
    log(`after shutdown_default_executor: job finished: ${repr(isSet(2))}`);
    log(`future still cancelled: ${repr(fut.cancelled())}`);
  }

  await run(main());
}
