import { type Coroutine, newEventLoop, sleep, type Task } from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });

  function* child(): Coroutine<string> {
    yield* sleep(1);
    log(`${stamp(loop)} child returns`);
    return 'c';
  }

  function* parent(task: Task<string>): Coroutine<void> {
    log('parent: awaits child');
    const value = yield* task;
    log(`parent: resumed with ${repr(value)}`);
  }

  const t = loop.createTask(child(), { name: 'child' });
  t.addDoneCallback(() => log('cb1'));
  const p = loop.createTask(parent(t), { name: 'parent' });
  t.addDoneCallback(() => log('cb2 (added before parent awaited)'));
  // Queued after the parent's first step: registered after the parent's wake-up.
  loop.callSoon(() => t.addDoneCallback(() => log('cb3 (added after parent awaited)')));
  await loop.runUntilComplete(p);
  loop.close();
}
