// biome-ignore-all lint/correctness/useYield: a group body that only starts children awaits nothing itself.
import {
  CancelledError,
  type Coroutine,
  currentTask,
  ExceptionGroup,
  run,
  sleep,
  taskGroup,
  ValueError,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* crashAfter(delay: number, name: string): Coroutine<never> {
    yield* sleep(delay);
    throw new ValueError(name);
  }

  function* innerFirst(): Coroutine<void> {
    yield* taskGroup(function* (g1) {
      g1.createTask(crashAfter(10, 'outer child'), { name: 'outer-child' });
      yield* taskGroup(function* (g2) {
        g2.createTask(crashAfter(0.1, 'inner child'), { name: 'inner-child' });
      });
    });
  }

  function* outerFirst(): Coroutine<void> {
    yield* taskGroup(function* (g1) {
      g1.createTask(crashAfter(0.1, 'outer child'), { name: 'outer-child' });
      try {
        yield* taskGroup(function* (g2) {
          g2.createTask(crashAfter(10, 'inner child'), { name: 'inner-child' });
        });
      } catch (exc) {
        if (exc instanceof CancelledError) log(`${stamp()} inner group raised ${repr(exc)}`);
        throw exc;
      }
    });
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    for (const [name, body] of [
      ['inner_first', innerFirst],
      ['outer_first', outerFirst],
    ] as const) {
      try {
        yield* body();
      } catch (eg) {
        if (!(eg instanceof ExceptionGroup)) throw eg;
        log(`${stamp()} ${name}: ${repr(eg)}`);
      }
    }
  }

  await run(main(), { clock: 'virtual' });
}
