import { newEventLoop } from '../../../src/index.ts';
import { type Log, repr, stamp, ticker } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  const fut = loop.createFuture<string>();
  const x = () => {
    log(`${stamp(loop)} x: runs before the stop callback, queues y`);
    loop.callSoon(() => log(`${stamp(loop)} y`));
  };
  const complete = () => {
    log(`${stamp(loop)} complete: queues x, then sets the result`);
    loop.callSoon(x);
    fut.setResult('done');
  };

  loop.callLater(1, complete);
  log(`result: ${repr(await loop.runUntilComplete(fut))}`);
  log(`${stamp(loop)} returned; y has not run`);
  // The stop callback was removed: a second run on the done future is one more iteration (the
  // callback added again), in which y runs first.
  log(`again: ${repr(await loop.runUntilComplete(fut))}`);
  const other = loop.createFuture<string>();
  ticker(loop, 3, log);
  loop.callLater(2, (v: string) => other.setResult(v), 'other');
  log(`other: ${repr(await loop.runUntilComplete(other))}`);
  log(`${stamp(loop)} returned`);
  loop.close();
}
