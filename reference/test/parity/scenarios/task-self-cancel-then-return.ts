import { CancelledError, type Coroutine, currentTask, newEventLoop } from '../../../src/index.ts';
import { type Log, outcome, repr } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  // biome-ignore lint/correctness/useYield: a coroutine that returns without ever awaiting.
  function* quitter(): Coroutine<number> {
    const me = currentTask();
    if (me === null) throw new Error('not in a task');
    log(`quitter: cancel("bye") -> ${repr(me.cancel('bye'))}`);
    log('quitter: returns 12');
    return 12;
  }

  // A coroutine may also raise CancelledError itself, without any cancel() call.
  // biome-ignore lint/correctness/useYield: it raises before its first await.
  function* raiser(): Coroutine<void> {
    throw new CancelledError('by hand');
  }

  const loop = newEventLoop({ clock: 'virtual' });
  const t = loop.createTask(quitter(), { name: 'quitter' });
  const r = loop.createTask(raiser(), { name: 'raiser' });
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  log(`quitter: cancelled()=${repr(t.cancelled())} result(): ${outcome(() => t.result())}`);
  log(
    `raiser: cancelled()=${repr(r.cancelled())} cancelling()=${r.cancelling()} ` +
      `result(): ${outcome(() => r.result())}`,
  );
  loop.close();
}
