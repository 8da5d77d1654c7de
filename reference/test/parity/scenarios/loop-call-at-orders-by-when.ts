import { newEventLoop } from '../../../src/index.ts';
import { fmtTime, type Log, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  const say = (name: string) => log(`${stamp(loop)} ${name}`);

  const h = loop.callAt(3, say, 'c (call_at 3)');
  log(`when()=${fmtTime(h.when())}`);
  loop.callAt(1, say, 'a (call_at 1)');
  loop.callLater(2.5, say, 'b2 (call_later 2.5)');
  loop.callAt(2, say, 'b1 (call_at 2)');
  loop.callLater(0.1, say, 'first (call_later 0.1)');
  loop.callAt(0.3, () => loop.callLater(0.2, say, 'nested (0.3 + 0.2)'));
  loop.callAt(4, () => loop.stop());
  await loop.runForever();
  log(`${stamp(loop)} stopped`);
  loop.close();
}
