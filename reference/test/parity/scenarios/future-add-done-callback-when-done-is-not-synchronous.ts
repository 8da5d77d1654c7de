import { type Future, newEventLoop } from '../../../src/index.ts';
import { type Log, repr } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  const fut = loop.createFuture<number>();
  fut.setResult(42);

  fut.addDoneCallback((f: Future<number>) => log(`cb: result=${repr(f.result())}`));
  log('add_done_callback returned: cb has not run');
  // The callback was queued with callSoon: it runs in the next iteration, after what was
  // already queued before it, and before what is queued after it.
  loop.callSoon(() => log('queued after cb'));
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  log('after one iteration');
  loop.close();
}
