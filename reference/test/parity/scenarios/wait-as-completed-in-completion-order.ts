import {
  asCompleted,
  type Coroutine,
  createTask,
  currentTask,
  run,
  sleep,
  TimeoutError,
  wait,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

// The awaitables are given as tasks: CPython's as_completed wraps coroutines in tasks in the
// order of a set (the reference, in argument order).
export default async function scenario(log: Log): Promise<void> {
  function* child(name: string, delay: number): Coroutine<string> {
    yield* sleep(delay);
    log(`${stamp()} ${name}: done`);
    return name;
  }

  const start = (specs: [string, number][]) =>
    specs.map(([name, delay]) => createTask(child(name, delay), { name }));

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    let tasks = start([
      ['slow', 3],
      ['fast', 1],
      ['medium', 2],
    ]);
    for (const nextDone of asCompleted(tasks)) {
      const result = yield* nextDone;
      log(`${stamp()} got ${repr(result)}`);
    }

    tasks = start([
      ['quick', 1],
      ['late', 5],
      ['later', 6],
    ]);
    const iterator = asCompleted(tasks, { timeout: 2 });
    yield* sleep(3);
    log(`${stamp()} starts iterating`);
    for (const nextDone of iterator) {
      try {
        const result = yield* nextDone;
        log(`${stamp()} got ${repr(result)}`);
      } catch (exc) {
        if (!(exc instanceof TimeoutError)) throw exc;
        log(`${stamp()} ${repr(exc)}`);
      }
    }
    log(`${stamp()} cancelled: ${repr(tasks.map((t) => t.cancelled()))}`);
    yield* wait(tasks);
  }

  await run(main(), { clock: 'virtual' });
}
