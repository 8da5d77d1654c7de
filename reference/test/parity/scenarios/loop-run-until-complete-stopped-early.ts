import { type Coroutine, newEventLoop, sleep } from '../../../src/index.ts';
import { type Log, repr, settled, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  let x = 0;

  function* work(): Coroutine<string> {
    while (x < 4) {
      yield* sleep(0.1);
      x += 1;
      log(`${stamp()} x=${x}`);
      if (x === 2) loop.stop();
    }
    return 'finished';
  }

  const t = loop.createTask(work(), { name: 'work' });
  log(`run_until_complete: ${await settled(loop.runUntilComplete(t))}`);
  log(`${stamp(loop)} done=${repr(t.done())} x=${x}`);
  log(`run_until_complete again: ${await settled(loop.runUntilComplete(t))}`);
  log(`${stamp(loop)} done=${repr(t.done())} x=${x}`);

  const fut = loop.createFuture();
  loop.callLater(5, () => loop.stop());
  log(`a future nobody completes: ${await settled(loop.runUntilComplete(fut))}`);
  log(`${stamp(loop)} future done=${repr(fut.done())}`);
  loop.close();
}
