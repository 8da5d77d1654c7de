import {
  type Coroutine,
  getRunningLoop,
  run,
  sleep,
  WorkerPoolExecutor,
  wrapPromise,
} from '../../../src/index.ts';
import { type Log, repr } from '../scenario.ts';

// Python's threading.Event objects are slots of a SharedArrayBuffer: 0 started, 1 release,
// 2 ran (set by the second job, if it ever runs).
export default async function scenario(log: Log): Promise<void> {
  const blocker = (buffer: SharedArrayBuffer) => {
    const events = new Int32Array(buffer);
    Atomics.store(events, 0, 1);
    Atomics.wait(events, 1, 0, 10_000);
    return 'first';
  };
  const second = (buffer: SharedArrayBuffer) => {
    Atomics.store(new Int32Array(buffer), 2, 1);
    return 'second';
  };
  const buffer = new SharedArrayBuffer(12);
  const events = new Int32Array(buffer);

  function* main(): Coroutine<void> {
    const loop = getRunningLoop();
    const executor = new WorkerPoolExecutor({ maxWorkers: 1 });
    const first = loop.runInExecutor(executor, blocker, buffer);
    const queued = loop.runInExecutor(executor, second, buffer);
    while (Atomics.load(events, 0) !== 1) yield* sleep(0.005);
    log(`first job started; cancel() of the queued one -> ${repr(queued.cancel())}`);
    yield* sleep(0);
    Atomics.store(events, 1, 1);
    Atomics.notify(events, 1);
    log(`first: ${repr(yield* first)}`);
    yield* wrapPromise(executor.shutdown({ wait: true }));
    log(
      `queued cancelled: ${repr(queued.cancelled())}; it ran: ${repr(Atomics.load(events, 2) === 1)}`,
    );
  }

  await run(main());
}
