import { newEventLoop } from '../../../src/index.ts';
import { type Log, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  const first = () => {
    log('first: schedules later');
    loop.callSoon(() => log('later (next run)'));
  };
  const stopper = () => {
    log('stopper: calls stop() twice');
    loop.stop();
    loop.stop();
  };

  loop.callSoon(first);
  loop.callSoon(stopper);
  loop.callSoon(() => log('after the stopper, same iteration'));
  loop.callLater(0, () => log(`${stamp(loop)} due timer, same iteration`));
  await loop.runForever();
  log(`${stamp(loop)} run_forever returned`);
  // stop() does not leak into the next run: it runs until something stops it again.
  loop.callLater(1, () => loop.stop());
  await loop.runForever();
  log(`${stamp(loop)} second run_forever returned`);
  loop.close();
}
