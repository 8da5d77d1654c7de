import {
  type Coroutine,
  createTask,
  currentTask,
  getRunningLoop,
  run,
} from '../../../src/index.ts';
import { type Log, ticker } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* child(name: string, value: number): Coroutine<number> {
    log(`${name} start`);
    yield;
    log(`${name} end`);
    return value;
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    ticker(getRunningLoop(), 3, log);
    const t1 = createTask(child('child1', 1), { name: 'child1' });
    const t2 = createTask(child('child2', 2), { name: 'child2' });
    log('main before await');
    log(`main got ${yield* t1}`);
    log(`main got ${yield* t2}`);
  }

  await run(main(), { clock: 'virtual' });
}
