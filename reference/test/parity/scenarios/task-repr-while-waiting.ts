import { type Coroutine, type Future, newEventLoop, sleep } from '../../../src/index.ts';
import type { Log } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });

  function* waiter(fut: Future<number>): Coroutine<number> {
    return yield* fut;
  }

  const show = () => {
    log(`fut: ${fut}`);
    log(`task: ${t}`);
  };

  const fut = loop.createFuture<number>();
  const t = loop.createTask(waiter(fut), { name: 'waiter' });
  log(`before its first step: ${t}`);
  loop.callSoon(show);
  loop.callSoon((v: number) => fut.setResult(v), 7);
  await loop.runUntilComplete(t);
  log(`done: ${t}`);

  const sleeper = loop.createTask(sleep(0), { name: 'sleeper' });
  log(`sleeper: ${sleeper}`);
  await loop.runUntilComplete(sleeper);
  log(`sleeper done: ${sleeper}`);
  loop.close();
}
