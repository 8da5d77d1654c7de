import {
  CancelledError,
  type Coroutine,
  currentTask,
  run,
  sleep,
  type Task,
  taskGroup,
  timeout,
} from '../../../src/index.ts';
import { type Log, stamp } from '../scenario.ts';

class MyCancelled extends CancelledError {}

function describe(exc: unknown): string {
  return exc instanceof Error ? `${exc.constructor.name}(${exc.message})` : String(exc);
}

export default async function scenario(log: Log): Promise<void> {
  function* raisesSubclass(): Coroutine<never> {
    yield* sleep(1);
    throw new MyCancelled('child');
  }

  function* main(): Coroutine<void> {
    const me = currentTask() as Task<unknown>;
    let child: Task<never> | undefined;
    let sibling: Task<string> | undefined;
    // biome-ignore lint/correctness/useYield: the body only starts children.
    yield* taskGroup(function* (tg) {
      child = tg.createTask(raisesSubclass());
      sibling = tg.createTask(sleep(2, 'sibling'));
    });
    log(
      `${stamp()} group 1: child.cancelled()=${child?.cancelled() ? 'True' : 'False'} ` +
        `sibling=${sibling?.result()} cancelling=${me.cancelling()}`,
    );

    let waiting: Task<null> | undefined;
    try {
      yield* taskGroup(function* (tg) {
        waiting = tg.createTask(sleep(5));
        yield* sleep(1);
        throw new MyCancelled('body');
      });
    } catch (exc) {
      log(
        `${stamp()} group 2: ${describe(exc)} waiting.cancelled()=${waiting?.cancelled() ? 'True' : 'False'} ` +
          `cancelling=${me.cancelling()}`,
      );
    }

    try {
      yield* timeout(1, function* () {
        try {
          yield* sleep(5);
        } catch (exc) {
          if (exc instanceof CancelledError) throw new MyCancelled('timeout body');
          throw exc;
        }
      });
    } catch (exc) {
      const cause = (exc as { cause?: unknown }).cause;
      log(
        `${stamp()} timeout: ${(exc as Error).constructor.name} caused by ${describe(cause)} ` +
          `cancelling=${me.cancelling()}`,
      );
    }
  }

  await run(main(), { clock: 'virtual' });
}
