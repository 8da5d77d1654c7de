import { type Coroutine, newEventLoop, sleep } from '../../../src/index.ts';
import { type Log, outcome, repr, ticker } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });

  function* body(): Coroutine<void> {
    try {
      log('body: started (never printed)');
      yield* sleep(1);
    } finally {
      log('body: finally (never printed either)');
    }
  }

  ticker(loop, 2, log);
  const t = loop.createTask(body(), { name: 'never' });
  log(`cancel("early") -> ${repr(t.cancel('early'))}`);
  log(`cancelling()=${t.cancelling()} done()=${repr(t.done())}`);
  log(`repr(t): ${t}`);
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  log(`cancelled()=${repr(t.cancelled())}`);
  log(`result(): ${outcome(() => t.result())}`);
  log(`result() again: ${outcome(() => t.result())}`);
  loop.close();
}
