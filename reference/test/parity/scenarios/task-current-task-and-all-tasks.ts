import {
  allTasks,
  type Coroutine,
  createTask,
  currentTask,
  getRunningLoop,
  run,
  type Task,
} from '../../../src/index.ts';
import { type Log, outcome, repr } from '../scenario.ts';

const names = (tasks: Set<Task<unknown>>) => repr([...tasks].map((t) => t.getName()).sort());

export default async function scenario(log: Log): Promise<void> {
  function* worker(name: string): Coroutine<void> {
    log(`${name}: current_task()=${currentTask()?.getName()}`);
    yield;
    log(`${name}: after sleep(0), current_task()=${currentTask()?.getName()}`);
  }

  function* main(): Coroutine<void> {
    const me = currentTask();
    me?.setName('main');
    const loop = getRunningLoop();
    loop.callSoon(() => log(`callback: current_task()=${repr(currentTask())}`));
    const a = createTask(worker('a'), { name: 'a' });
    const b = createTask(worker('b'), { name: 'b' });
    log(`all_tasks()=${names(allTasks())}`);
    yield* a;
    log(`after a: all_tasks()=${names(allTasks())}`);
    yield* b;
    log(`after b: all_tasks()=${names(allTasks())}`);
    log(`current_task() is main: ${repr(currentTask() === me)}`);
  }

  log(`outside a loop, current_task(): ${outcome(() => currentTask())}`);
  log(`outside a loop, all_tasks(): ${outcome(() => allTasks())}`);
  await run(main(), { clock: 'virtual' });
}
