import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  getRunningLoop,
  type ReturnWhen,
  run,
  sleep,
  type Task,
  ValueError,
  type WaitOptions,
  wait,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

// Sets have no defined order: they are printed sorted by task name.
export default async function scenario(log: Log): Promise<void> {
  function* child(delay: number, fails = false): Coroutine<number> {
    yield* sleep(delay);
    if (fails) throw new ValueError('failed');
    return delay;
  }

  const names = (tasks: Set<Task<unknown>>) => repr([...tasks].map((t) => t.getName()).sort());

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const modes: ReturnWhen[] = ['FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED'];
    for (const mode of modes) {
      const tasks = [
        createTask(child(1), { name: 'one' }),
        createTask(child(2, true), { name: 'two-fails' }),
        createTask(child(3), { name: 'three' }),
      ];
      const [done, pending] = yield* wait(tasks, { returnWhen: mode });
      log(`${stamp()} ${mode}: done=${names(done)} pending=${names(pending)}`);
      yield* wait(tasks);
    }

    const slow = createTask(child(5), { name: 'slow' });
    const [done, pending] = yield* wait([slow], { timeout: 1 });
    log(
      `${stamp()} timeout: done=${names(done)} pending=${names(pending)} ` +
        `slow.cancelled()=${repr(slow.cancelled())}`,
    );

    const w = createTask(wait([slow]), { name: 'waiter' });
    yield* sleep(1);
    w.cancel();
    try {
      yield* w;
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log(`${stamp()} waiter raised ${repr(exc)}, slow.cancelled()=${repr(slow.cancelled())}`);
    }
    const result = yield* slow;
    log(`${stamp()} slow returned ${repr(result)}`);

    const fut = getRunningLoop().createFuture();
    const attempts: [unknown, WaitOptions?][] = [
      [fut],
      [[]],
      [[fut], { returnWhen: 'bogus' as ReturnWhen }],
    ];
    for (const [aws, options] of attempts) {
      try {
        yield* wait(aws as Task<unknown>[], options);
      } catch (exc) {
        log(repr(exc));
      }
    }
  }

  await run(main(), { clock: 'virtual' });
}
