import { type Coroutine, createTask, run, toThread } from '../../../src/index.ts';
import { type Log, repr } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  // The Python side counts under a lock; here every worker adds to one shared slot.
  const calls = new SharedArrayBuffer(4);
  const square = (n: number, counter: SharedArrayBuffer) => {
    Atomics.add(new Int32Array(counter), 0, 1);
    return n * n;
  };

  function* main(): Coroutine<void> {
    const tasks = Array.from({ length: 10 }, (_, n) =>
      createTask(toThread(square, n, calls), { name: `call-${n}` }),
    );
    const results: number[] = [];
    for (const task of tasks) results.push(yield* task);
    log(`results: ${repr(results)}`);
    log(`calls: ${repr(Atomics.load(new Int32Array(calls), 0))}`);
    log(`names: ${repr(tasks.map((task) => task.getName()))}`);
  }

  await run(main());
}
