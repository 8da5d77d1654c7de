import { type Coroutine, getRunningLoop, isFuture, run, toThread } from '../../../src/index.ts';
import { type Log, repr } from '../scenario.ts';

// Threads run on the real clock: a virtual clock would only stand still while they run.
export default async function scenario(log: Log): Promise<void> {
  // What travels to a worker is the function's source: it must be self-contained.
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const power = (a: number, b: number) => a ** b;

  function* main(): Coroutine<void> {
    const loop = getRunningLoop();
    log(`default executor before: ${repr(loop._defaultExecutor !== null)}`);
    log(`to_thread(sum, [40, 2]): ${repr(yield* toThread(sum, [40, 2]))}`);
    log(`default executor after: ${repr(loop._defaultExecutor !== null)}`);
    const fut = loop.runInExecutor(null, power, 2, 10);
    log(
      `isfuture: ${repr(isFuture(fut))}; its loop is the running loop: ${repr(fut.getLoop() === loop)}`,
    );
    const value = yield* fut;
    log(`await: ${repr(value)}; done(): ${repr(fut.done())}; result(): ${repr(fut.result())}`);
  }

  await run(main());
}
