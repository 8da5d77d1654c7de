import { type Future, newEventLoop } from '../../../src/index.ts';
import { type Log, repr } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  const fut = loop.createFuture<string>();
  fut.addDoneCallback((f: Future<string>) => log(`D: done callback, result=${repr(f.result())}`));

  const setter = () => {
    // A was queued before setResult and B after it: D, queued by setResult, runs between.
    loop.callSoon(() => log('A'));
    fut.setResult('x');
    log('set_result returned: D has not run');
    loop.callSoon(() => log('B'));
    loop.callSoon(() => loop.stop());
  };

  loop.callSoon(setter);
  await loop.runForever();
  log('run_forever returned');
  await loop.runUntilComplete(fut);
  loop.close();
}
