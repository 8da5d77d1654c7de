import {
  CancelledError,
  type Coroutine,
  currentTask,
  ExceptionGroup,
  RuntimeError,
  run,
  sleep,
  TaskGroup,
  taskGroup,
  ValueError,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const tryCreate = (tg: TaskGroup, label: string) => {
    const coro = sleep(0);
    try {
      tg.createTask(coro);
    } catch (exc) {
      if (!(exc instanceof RuntimeError)) throw exc;
      // A closed generator is done: Python's inspect.getcoroutinestate() says CORO_CLOSED.
      const closed = coro.next().done === true;
      log(`${label}: ${repr(exc)} closed=${repr(closed)}`);
    }
  };

  function* failSoon(): Coroutine<never> {
    yield* sleep(0.001);
    throw new ValueError('child failed');
  }

  function* late(g: TaskGroup): Coroutine<void> {
    try {
      yield* sleep(1);
    } catch (exc) {
      if (exc instanceof CancelledError) tryCreate(g, `${stamp()} shutting down`);
      throw exc;
    }
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const tg = new TaskGroup();
    tryCreate(tg, 'not entered');
    yield* tg.enter();
    log(`entered: ${tg}`);
    try {
      yield* tg.enter();
    } catch (exc) {
      log(`enter again: ${repr(exc)}`);
    }
    yield* tg.exit();
    tryCreate(tg, 'finished');

    try {
      // biome-ignore lint/correctness/useYield: the body only starts children.
      yield* taskGroup(function* (g) {
        g.createTask(failSoon(), { name: 'fail-soon' });
        g.createTask(late(g), { name: 'late' });
      });
    } catch (eg) {
      if (!(eg instanceof ExceptionGroup)) throw eg;
      log(`${stamp()} ${repr(eg)}`);
    }
  }

  await run(main(), { clock: 'virtual' });
}
