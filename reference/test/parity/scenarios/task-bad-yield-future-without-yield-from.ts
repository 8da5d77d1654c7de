import { type Coroutine, type Future, getRunningLoop, newEventLoop } from '../../../src/index.ts';
import { type Log, repr, stamp, ticker } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* bad(fut: Future<string>): Coroutine<void> {
    try {
      yield fut; // the mistake: `yield` instead of `yield*`
    } catch (exc) {
      log(`${stamp()} bad: caught ${repr(exc)}`);
    }
    log(`blocking flag: ${repr(fut._asyncioFutureBlocking)}`);
    log(`${stamp()} bad: now awaits it properly`);
    const value = yield* fut;
    log(`${stamp()} bad: got ${repr(value)}`);
    getRunningLoop().stop();
  }

  const loop = newEventLoop({ clock: 'virtual' });
  ticker(loop, 3, log);
  const fut = loop.createFuture<string>();
  loop.callLater(1, (v: string) => fut.setResult(v), 'late');
  loop.createTask(bad(fut), { name: 'bad' });
  await loop.runForever();
  loop.close();
}
