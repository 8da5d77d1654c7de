import {
  type Coroutine,
  createTask,
  currentTask,
  getRunningLoop,
  run,
  sleep,
} from '../../../src/index.ts';
import { type Log, stamp, ticker } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* worker(): Coroutine<void> {
    const loop = getRunningLoop();
    loop.callSoon(() => log('callback queued before sleep(0)'));
    log('worker: sleep(0)');
    yield; // asyncio.sleep(0)
    log('worker: resumed');
    const value = yield* sleep(0, 10);
    log(`worker: sleep(0, result=10) -> ${value}`);
    yield* sleep(-1);
    log(`${stamp()} worker: after sleep(-1), no timer`);
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    ticker(getRunningLoop(), 4, log);
    yield* createTask(worker(), { name: 'worker' });
  }

  await run(main(), { clock: 'virtual' });
}
