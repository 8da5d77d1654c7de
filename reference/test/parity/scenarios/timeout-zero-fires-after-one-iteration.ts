import {
  type Coroutine,
  currentTask,
  getRunningLoop,
  run,
  sleep,
  type Timeout,
  TimeoutError,
  timeout,
} from '../../../src/index.ts';
import { type Log, repr, ticker } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* body(label: string, awaits: boolean): Coroutine<void> {
    log(`${label}: body starts`);
    if (awaits) yield* sleep(0);
    log(`${label}: body ends (never for a body that awaits)`);
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const loop = getRunningLoop();
    for (const [delay, awaits] of [
      [0, true],
      [-11, true],
      [0, false],
    ] as const) {
      const label = `timeout(${delay}) awaits=${awaits ? 'True' : 'False'}`;
      ticker(loop, 3, log);
      yield* sleep(0);
      let cm: Timeout | undefined;
      try {
        yield* timeout(delay, (t) => {
          cm = t;
          return body(label, awaits);
        });
      } catch (exc) {
        if (!(exc instanceof TimeoutError)) throw exc;
        log(`${label}: ${repr(exc)}`);
      }
      log(`${label}: expired()=${repr(cm?.expired())}`);
      yield* sleep(1);
    }
  }

  await run(main(), { clock: 'virtual' });
}
