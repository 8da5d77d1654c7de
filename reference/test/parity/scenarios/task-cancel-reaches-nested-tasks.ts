import {
  CancelledError,
  type Coroutine,
  type Future,
  newEventLoop,
  type Task,
} from '../../../src/index.ts';
import { type Log, repr, ticker } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });

  function* inner(fut: Future<unknown>): Coroutine<void> {
    try {
      yield* fut;
    } catch (exc) {
      if (exc instanceof CancelledError) log(`inner: caught ${repr(exc)}`);
      throw exc;
    }
  }

  function* outer(task: Task<void>): Coroutine<void> {
    try {
      yield* task;
    } catch (exc) {
      if (exc instanceof CancelledError) log(`outer: caught ${repr(exc)}`);
      throw exc;
    }
  }

  const canceller = () => {
    log(`outer.cancel("stop") -> ${repr(o.cancel('stop'))}`);
    log(
      `fut.cancelled()=${repr(fut.cancelled())} inner.cancelling()=${i.cancelling()} ` +
        `outer.cancelling()=${o.cancelling()}`,
    );
    log(`inner.done()=${repr(i.done())} outer.done()=${repr(o.done())}`);
  };

  ticker(loop, 4, log);
  const fut = loop.createFuture();
  const i = loop.createTask(inner(fut), { name: 'inner' });
  const o = loop.createTask(outer(i), { name: 'outer' });
  loop.callSoon(canceller);
  loop.callLater(1, () => loop.stop());
  await loop.runForever();
  log(
    `cancelled: fut=${repr(fut.cancelled())} inner=${repr(i.cancelled())} ` +
      `outer=${repr(o.cancelled())}`,
  );

  // The same through a coroutine awaited directly (no task in between).
  let proof = 0;
  const waiter = loop.createFuture();

  function* innerCoro(): Coroutine<void> {
    try {
      yield* waiter;
    } catch (exc) {
      if (exc instanceof CancelledError) proof += 1;
      throw exc;
    }
  }

  function* outerCoro(): Coroutine<void> {
    try {
      yield* innerCoro();
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      proof += 100;
      return;
    }
    proof += 10;
  }

  const f = loop.createTask(outerCoro(), { name: 'outer-coro' });
  loop.callSoon(() => f.cancel());
  await loop.runUntilComplete(f);
  log(
    `proof=${proof} waiter.cancelled()=${repr(waiter.cancelled())} ` +
      `f.cancelled()=${repr(f.cancelled())}`,
  );
  loop.close();
}
