import { type Coroutine, type Future, newEventLoop, type Task } from '../../../src/index.ts';
import { type Log, repr, ticker } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });

  function* waiter(fut: Future<string>): Coroutine<string> {
    log('waiter: awaits fut');
    const value = yield* fut;
    log(`waiter: resumed with ${repr(value)}`);
    return 'waiter done';
  }

  function* follower(task: Task<string>): Coroutine<void> {
    log('follower: awaits the waiter task');
    const value = yield* task;
    log(`follower: resumed with ${repr(value)}`);
  }

  const setter = () => {
    log('setter: fut.set_result("v")');
    fut.setResult('v');
  };

  ticker(loop, 5, log);
  const fut = loop.createFuture<string>();
  const t = loop.createTask(waiter(fut), { name: 'waiter' });
  const f = loop.createTask(follower(t), { name: 'follower' });
  loop.callSoon(setter);
  await loop.runUntilComplete(f);
  loop.close();
}
