import {
  type Coroutine,
  createTask,
  currentTask,
  getRunningLoop,
  run,
  sleep,
} from '../../../src/index.ts';
import { type Log, repr } from '../scenario.ts';

// Python's threading.Event objects are slots of a SharedArrayBuffer: 0 release, 1 finished.
export default async function scenario(log: Log): Promise<void> {
  const job = (buffer: SharedArrayBuffer) => {
    const events = new Int32Array(buffer);
    Atomics.wait(events, 0, 0, 10_000);
    Atomics.store(events, 1, 1);
    return 'job result';
  };
  const buffer = new SharedArrayBuffer(8);
  const events = new Int32Array(buffer);
  const finished = () => Atomics.load(events, 1) === 1;

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const loop = getRunningLoop();
    const fut = loop.runInExecutor(null, job, buffer);
    const shutdown = createTask(loop.shutdownDefaultExecutor(), { name: 'shutdown' });
    yield* sleep(0.02);
    log(
      `before the release: shutdown done: ${repr(shutdown.done())}; job finished: ${repr(finished())}`,
    );
    Atomics.store(events, 0, 1);
    Atomics.notify(events, 0);
    yield* shutdown;
    log(`shutdown returned; job finished: ${repr(finished())}`);
    log(`the job future: ${repr(yield* fut)}`);
  }

  await run(main());
}
