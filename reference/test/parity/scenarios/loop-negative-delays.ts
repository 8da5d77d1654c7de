import { newEventLoop } from '../../../src/index.ts';
import { fmtTime, type Log, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  const say = (name: string) => log(`${stamp(loop)} ${name}`);

  loop.callLater(-1, say, 'a (delay -1)');
  loop.callLater(-2, say, 'b (delay -2)');
  loop.callLater(0, say, 'c (delay 0)');
  loop.callSoon(say, 'd (call_soon)');
  const h = loop.callLater(-3, say, 'e (delay -3)');
  log(`when of delay -3: ${fmtTime(h.when())}`);
  loop.callLater(1, () => loop.stop());
  await loop.runForever();
  loop.close();
}
