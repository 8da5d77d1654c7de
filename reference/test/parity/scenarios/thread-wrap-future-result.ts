import {
  type Coroutine,
  getRunningLoop,
  isFuture,
  run,
  WorkerPoolExecutor,
  wrapPromise,
} from '../../../src/index.ts';
import { type Log, repr } from '../scenario.ts';

// The reference's executor returns a JavaScript promise, which wrapPromise wraps as asyncio's
// wrap_future wraps a concurrent.futures.Future.
export default async function scenario(log: Log): Promise<void> {
  const pow = (a: number, b: number) => a ** b;
  const fail = () => {
    class ValueError extends Error {}
    ValueError.prototype.name = 'ValueError';
    throw new ValueError('from the thread');
  };

  function* main(): Coroutine<void> {
    const loop = getRunningLoop();
    const executor = new WorkerPoolExecutor({ maxWorkers: 1 });
    const fut = wrapPromise(executor.submit(pow, 2, 8));
    log(
      `isfuture: ${repr(isFuture(fut))}; its loop is the running loop: ${repr(fut.getLoop() === loop)}`,
    );
    log(`result: ${repr(yield* fut)}`);
    const failing = wrapPromise(executor.submit(fail));
    try {
      yield* failing;
    } catch (exc) {
      log(`exception: ${repr(exc)}`);
    }
    const own = loop.createFuture();
    log(`wrap_future(own) is own: ${repr(wrapPromise(own) === own)}`);
    yield* wrapPromise(executor.shutdown({ wait: true }));
  }

  await run(main());
}
