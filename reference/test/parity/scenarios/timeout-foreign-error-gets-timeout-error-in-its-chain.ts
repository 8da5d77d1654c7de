import {
  CancelledError,
  type Coroutine,
  currentTask,
  ExceptionGroup,
  run,
  sleep,
  taskGroup,
  timeout,
  ValueError,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

// Python walks the implicit __context__ chain, which JavaScript does not have: the reference
// walks the explicit `cause` chain instead. So this side sets `cause` where Python sets
// __context__ by itself, and each side prints the chain it walks.
export default async function scenario(log: Log): Promise<void> {
  const chain = (exc: unknown): string => {
    const links: string[] = [];
    for (let link = exc; link != null; link = (link as { cause?: unknown }).cause) {
      links.push(repr(link));
    }
    return links.join(' -> ');
  };

  function* crash(): Coroutine<void> {
    try {
      yield* sleep(10);
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      throw new ValueError('child cleanup', { cause: exc });
    }
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    try {
      yield* timeout(1, function* () {
        try {
          yield* sleep(10);
        } catch (exc) {
          if (!(exc instanceof CancelledError)) throw exc;
          throw new ValueError('cleanup failed', { cause: exc });
        }
      });
    } catch (exc) {
      if (!(exc instanceof ValueError)) throw exc;
      log(`${stamp()} ${chain(exc)}`);
    }

    try {
      yield* timeout(1, () =>
        taskGroup(function* (tg) {
          tg.createTask(crash(), { name: 'crash' });
          yield* sleep(10);
        }),
      );
    } catch (eg) {
      if (!(eg instanceof ExceptionGroup)) throw eg;
      log(`${stamp()} ${repr(eg)}`);
      log(`member: ${chain(eg.exceptions[0])}`);
    }
  }

  await run(main(), { clock: 'virtual' });
}
