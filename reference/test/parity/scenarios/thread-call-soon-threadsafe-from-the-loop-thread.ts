import { newEventLoop } from '../../../src/index.ts';
import { type Log, ticker } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  ticker(loop, 2, log);

  const note = (what: string) => log(what);
  const fromACallback = () => {
    loop.callSoonThreadsafe(note, 'queued by a callback: runs in the next iteration');
    loop.callSoon(() => loop.stop());
  };

  loop.callSoon(note, 'hello');
  loop.callSoonThreadsafe(note, 'world');
  loop.callSoon(note, 'call_soon after it');
  loop.callSoonThreadsafe(fromACallback);
  await loop.runForever();
  loop.close();
  log('closed');
}
