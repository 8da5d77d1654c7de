import { type Coroutine, currentTask, getRunningLoop, newEventLoop } from '../../../src/index.ts';
import { type Log, repr, ticker } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* selfish(): Coroutine<string> {
    const me = currentTask();
    if (me === null) throw new Error('not in a task');
    try {
      yield* me;
    } catch (exc) {
      log(`selfish: caught ${repr(exc)}`);
    }
    getRunningLoop().stop();
    return 'still alive';
  }

  const loop = newEventLoop({ clock: 'virtual' });
  ticker(loop, 3, log);
  const t = loop.createTask(selfish(), { name: 'selfish' });
  await loop.runForever();
  log(`result: ${repr(t.result())}`);
  loop.close();
}
