import {
  type Coroutine,
  currentTask,
  ExceptionGroup,
  RuntimeError,
  run,
  sleep,
  taskGroup,
  ValueError,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* raiseAfter(delay: number, exc: Error): Coroutine<never> {
    yield* sleep(delay);
    throw exc;
  }

  /** Python's `except* cls as eg`: the matching part of a group, or the group rethrown. */
  const exceptStar = (eg: unknown, cls: typeof RuntimeError): ExceptionGroup => {
    if (!(eg instanceof ExceptionGroup)) throw eg;
    const [match, rest] = eg.split(cls);
    if (rest !== null || match === null) throw eg;
    return match;
  };

  function* main(): Coroutine<void> {
    const me = currentTask();
    if (me === null) throw new Error('not in a task');
    me.setName('main');
    try {
      yield* taskGroup(function* (outerTg) {
        try {
          // biome-ignore lint/correctness/useYield: the body only starts children.
          yield* taskGroup(function* (innerTg) {
            innerTg.createTask(raiseAfter(0, new RuntimeError('inner')), { name: 'inner' });
            outerTg.createTask(raiseAfter(0, new ValueError('outer')), { name: 'outer' });
          });
        } catch (eg) {
          const match = exceptStar(eg, RuntimeError);
          log(`${stamp()} caught ${repr(match)}, cancelling()=${me.cancelling()}`);
        }
        log(`${stamp()} between the groups: cancelling()=${me.cancelling()}`);
      });
    } catch (eg) {
      const match = exceptStar(eg, ValueError);
      log(`${stamp()} caught ${repr(match)}, cancelling()=${me.cancelling()}`);
    }
    log(`${stamp()} at the end: cancelling()=${me.cancelling()}`);
  }

  await run(main(), { clock: 'virtual' });
}
