import { newEventLoop } from '../../../src/index.ts';
import { type Log, stamp } from '../scenario.ts';

// asyncio leaves the order of equal deadlines open (the reference breaks ties in scheduling
// order): only what both guarantee is logged.
export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  const fired: string[] = [];
  const report = () => log(`${stamp(loop)} together: ${[...fired].sort().join(' ')}`);
  const atOne = (name: string) => {
    // Runs in the next iteration, so after every timer due in this one.
    if (fired.length === 0) loop.callSoon(report);
    fired.push(name);
  };

  loop.callAt(2, () => log(`${stamp(loop)} late`));
  for (const name of ['c', 'a', 'd', 'b']) loop.callAt(1, atOne, name);
  loop.callAt(0.5, () => log(`${stamp(loop)} early`));
  loop.callAt(2.5, () => loop.stop());
  await loop.runForever();
  loop.close();
}
