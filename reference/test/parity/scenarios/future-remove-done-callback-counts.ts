import { newEventLoop } from '../../../src/index.ts';
import type { Log } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  const cb1 = () => log('cb1 ran');
  const cb2 = () => log('cb2 ran');
  const cb3 = () => log('cb3 ran');

  const fut = loop.createFuture<null>();
  fut.addDoneCallback(cb1);
  fut.addDoneCallback(cb2);
  log(`remove(cb2) -> ${fut.removeDoneCallback(cb2)}`);
  log(`remove(cb3) -> ${fut.removeDoneCallback(cb3)}`);
  fut.addDoneCallback(cb2);
  for (let i = 0; i < 5; i++) fut.addDoneCallback(cb1);
  log(`remove(cb1) -> ${fut.removeDoneCallback(cb1)}`);
  fut.setResult(null);
  await loop.runUntilComplete(fut);
  log('first future done');

  // Once the future is done, its callbacks are already queued: removing finds nothing and the
  // callback still runs.
  const late = loop.createFuture<null>();
  late.addDoneCallback(cb3);
  late.setResult(null);
  log(`remove(cb3) after set_result -> ${late.removeDoneCallback(cb3)}`);
  await loop.runUntilComplete(late);
  log('second future done');
  loop.close();
}
