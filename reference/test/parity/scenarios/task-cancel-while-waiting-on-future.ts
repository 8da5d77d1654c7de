import { CancelledError, type Coroutine, type Future, newEventLoop } from '../../../src/index.ts';
import { type Log, outcome, repr, stamp, ticker } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });

  function* waiter(fut: Future<unknown>): Coroutine<void> {
    try {
      log('waiter: awaits fut');
      yield* fut;
    } catch (exc) {
      if (exc instanceof CancelledError) log(`${stamp()} waiter: caught ${repr(exc)}`);
      throw exc;
    } finally {
      loop.stop();
    }
  }

  const canceller = () => {
    log(`t.cancel("boom") -> ${repr(t.cancel('boom'))}`);
    log(
      `fut.cancelled()=${repr(fut.cancelled())} t.done()=${repr(t.done())} ` +
        `t.cancelling()=${t.cancelling()}`,
    );
    log(`repr(t): ${t}`);
  };

  ticker(loop, 3, log);
  const fut = loop.createFuture();
  const t = loop.createTask(waiter(fut), { name: 'waiter' });
  loop.callSoon(canceller);
  await loop.runForever();
  log(`cancelled()=${repr(t.cancelled())} cancelling()=${t.cancelling()}`);
  log(`result(): ${outcome(() => t.result())}`);
  log(`result() again: ${outcome(() => t.result())}`);
  log(`exception(): ${outcome(() => t.exception())}`);
  log(`cancel() once done -> ${repr(t.cancel())}`);
  loop.close();
}
