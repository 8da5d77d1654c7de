import {
  type Coroutine,
  currentTask,
  run,
  sleep,
  type TaskGroup,
  taskGroup,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* leaf(name: string, delay: number): Coroutine<void> {
    yield* sleep(delay);
    log(`${stamp()} ${name} done`);
  }

  function* root(tg: TaskGroup): Coroutine<void> {
    yield* sleep(0.5);
    log(`${stamp()} root: adds two children, group is ${tg}`);
    tg.createTask(leaf('leaf-1', 1), { name: 'leaf-1' });
    tg.createTask(leaf('leaf-2', 2), { name: 'leaf-2' });
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    let group: TaskGroup | undefined;
    // biome-ignore lint/correctness/useYield: the body only starts a child.
    yield* taskGroup(function* (tg) {
      group = tg;
      tg.createTask(root(tg), { name: 'root' });
      log(`${stamp()} body ends: ${tg}`);
    });
    const tg = group as TaskGroup;
    log(`${stamp()} group done: ${tg}`);
    try {
      tg.createTask(leaf('never', 0));
    } catch (exc) {
      log(repr(exc));
    }
  }

  await run(main(), { clock: 'virtual' });
}
