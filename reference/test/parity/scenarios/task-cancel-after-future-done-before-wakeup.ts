import { CancelledError, type Coroutine, type Future, newEventLoop } from '../../../src/index.ts';
import { type Log, outcome, repr, ticker } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });

  function* waiter(fut: Future<string>): Coroutine<string> {
    let value: string;
    try {
      value = yield* fut;
    } catch (exc) {
      if (exc instanceof CancelledError) log(`waiter: caught ${repr(exc)} instead of the result`);
      throw exc;
    }
    log(`waiter: got ${repr(value)} (never printed)`);
    return value;
  }

  const race = () => {
    // The future completes, so the task's wake-up is queued; cancel() then finds the future
    // done, and can only ask for the next step to throw CancelledError.
    fut.setResult('result');
    log(
      `cancel("late") -> ${repr(t.cancel('late'))} fut.cancelled()=${repr(fut.cancelled())} ` +
        `cancelling()=${t.cancelling()}`,
    );
  };

  ticker(loop, 3, log);
  const fut = loop.createFuture<string>();
  const t = loop.createTask(waiter(fut), { name: 'waiter' });
  loop.callSoon(race);
  loop.callLater(1, () => loop.stop());
  await loop.runForever();
  log(`cancelled()=${repr(t.cancelled())} result(): ${outcome(() => t.result())}`);
  loop.close();
}
