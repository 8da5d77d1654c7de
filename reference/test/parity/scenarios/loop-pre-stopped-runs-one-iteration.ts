import { newEventLoop } from '../../../src/index.ts';
import { type Log, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  const a = () => {
    log(`${stamp(loop)} a: schedules b`);
    loop.callSoon(() => log(`${stamp(loop)} b`));
  };

  loop.callSoon(a);
  loop.callLater(0, () => log(`${stamp(loop)} timer due now`));
  loop.callLater(1, () => log(`${stamp(loop)} timer at 1`));
  loop.stop();
  await loop.runForever();
  log(`${stamp(loop)} run_forever returned after one iteration`);
  loop.stop();
  await loop.runForever();
  log(`${stamp(loop)} again, one iteration`);
  loop.callLater(1.5, () => loop.stop());
  await loop.runForever();
  log(`${stamp(loop)} third run_forever returned`);
  loop.close();
}
