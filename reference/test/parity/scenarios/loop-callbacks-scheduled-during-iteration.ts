import { newEventLoop } from '../../../src/index.ts';
import type { Log } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  const b = () => log('b');
  const a = () => {
    log('a: schedules b');
    loop.callSoon(b);
  };
  const c = () => log('c');

  // One iteration runs a, stop and c: the handles ready when it began. b was queued by a during
  // that iteration, so it waits for the next one, and stop() ends runForever before it.
  loop.callSoon(a);
  loop.callSoon(() => loop.stop());
  loop.callSoon(c);
  await loop.runForever();
  log('run_forever returned');
  // The next run starts with b; stop() again ends it after that iteration.
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  log('run_forever returned');
  loop.close();
}
