import {
  type Coroutine,
  createTask,
  currentTask,
  run,
  sleep,
  timeout,
  ValueError,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* foreignCancelBefore(label: string): Coroutine<void> {
    yield* timeout(10, function* (cm) {
      log(`${label}: ${cm}`);
      currentTask()?.cancel('foreign');
      yield* sleep(10);
    });
  }

  function* foreignCancelOnTop(label: string): Coroutine<void> {
    yield* timeout(1, function* (cm) {
      log(`${label}: ${cm}`);
      try {
        yield* sleep(10);
      } finally {
        currentTask()?.cancel('foreign');
        yield* sleep(1);
      }
    });
  }

  function* foreignError(label: string): Coroutine<void> {
    // biome-ignore lint/correctness/useYield: the body throws before any await.
    yield* timeout(1, function* (cm) {
      log(`${label}: ${cm}`);
      throw new ValueError('foreign');
    });
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    for (const [name, coro] of [
      ['before', foreignCancelBefore],
      ['on top', foreignCancelOnTop],
      ['error', foreignError],
    ] as const) {
      const t = createTask(coro(name), { name });
      try {
        yield* t;
      } catch (exc) {
        log(`${stamp()} ${name}: raised ${repr(exc)}`);
      }
    }
  }

  await run(main(), { clock: 'virtual' });
}
