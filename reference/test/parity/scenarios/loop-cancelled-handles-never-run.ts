import { newEventLoop } from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  const canceller = () => {
    log('canceller: cancels the next handle and a timer');
    victim.cancel();
    victim.cancel();
    timer.cancel();
    log(
      `victim.cancelled()=${repr(victim.cancelled())} timer.cancelled()=${repr(timer.cancelled())}`,
    );
  };

  loop.callSoon(canceller);
  const victim = loop.callSoon(() => log('victim ran'));
  const timer = loop.callLater(1, () => log('timer ran'));
  const early = loop.callSoon(() => log('early ran'));
  early.cancel();
  loop.callSoon(() => log('last ran'));
  loop.callLater(2, () => log(`${stamp(loop)} timer at 2 ran`));
  loop.callLater(3, () => loop.stop());
  await loop.runForever();
  log(`${stamp(loop)} stopped`);
  loop.close();
}
