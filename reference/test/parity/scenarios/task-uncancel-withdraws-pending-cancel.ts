import { type Coroutine, type Future, newEventLoop } from '../../../src/index.ts';
import { type Log, repr, settled, ticker } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });

  function* waiter(fut: Future<null>): Coroutine<number> {
    yield* fut;
    log('waiter: resumed normally, returns 42');
    return 42;
  }

  const race = () => {
    fut.setResult(null);
    log(`cancel() -> ${repr(t.cancel())} cancelling()=${t.cancelling()}`);
    // Python 3.12 keeps the pending cancellation here; 3.13 withdraws it.
    log(`uncancel() -> ${t.uncancel()}`);
  };

  ticker(loop, 3, log);
  const fut = loop.createFuture<null>();
  const t = loop.createTask(waiter(fut), { name: 'waiter' });
  loop.callSoon(race);
  log(`run_until_complete: ${await settled(loop.runUntilComplete(t))}`);
  log(`cancelled()=${repr(t.cancelled())}`);
  loop.close();
}
