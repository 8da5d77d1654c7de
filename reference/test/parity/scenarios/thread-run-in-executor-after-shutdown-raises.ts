import {
  type Coroutine,
  getRunningLoop,
  run,
  toThread,
  WorkerPoolExecutor,
  wrapPromise,
} from '../../../src/index.ts';
import { type Log, outcome, repr } from '../scenario.ts';

// CPython's set_default_executor names its class in the message (ThreadPoolExecutor), the
// reference names WorkerPoolExecutor: only the error's type is logged.
export default async function scenario(log: Log): Promise<void> {
  const pow = (a: number, b: number) => a ** b;

  function* main(): Coroutine<void> {
    const loop = getRunningLoop();
    log(`before: ${repr(yield* toThread(pow, 2, 5))}`);
    yield* loop.shutdownDefaultExecutor();
    log('shutdown_default_executor() returned');
    log(`run_in_executor(None): ${outcome(() => loop.runInExecutor(null, pow, 2, 5))}`);
    try {
      yield* toThread(pow, 2, 5);
    } catch (exc) {
      log(`to_thread: ${repr(exc)}`);
    }
    yield* loop.shutdownDefaultExecutor();
    log('a second shutdown_default_executor() returns too');
    const executor = new WorkerPoolExecutor({ maxWorkers: 1 });
    log(`own executor: ${repr(yield* loop.runInExecutor(executor, pow, 2, 6))}`);
    // CPython's executor.shutdown(wait=True) blocks the loop's thread; here it is a promise.
    yield* wrapPromise(executor.shutdown({ wait: true }));
    log(`after its shutdown: ${outcome(() => loop.runInExecutor(executor, pow, 2, 6))}`);
    try {
      loop.setDefaultExecutor({} as WorkerPoolExecutor);
    } catch (exc) {
      log(`set_default_executor(object()): ${(exc as Error).name}`);
    }
  }

  await run(main());
}
