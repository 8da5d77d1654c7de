import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  run,
  sleep,
  taskGroup,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

// asyncio cancels the children in the order of a set: each child logs into its own list,
// printed sorted at the end, so that only what asyncio guarantees is compared.
export default async function scenario(log: Log): Promise<void> {
  const children: string[] = [];

  function* child(name: string, cleanup: number): Coroutine<void> {
    try {
      yield* sleep(10);
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      yield* sleep(cleanup);
      children.push(`${name}: cancelled, cleanup done at ${stamp()}`);
      throw exc;
    }
  }

  function* runner(): Coroutine<void> {
    yield* taskGroup(function* (tg) {
      tg.createTask(child('quick', 0), { name: 'quick' });
      tg.createTask(child('slow', 1), { name: 'slow' });
      try {
        yield* sleep(10);
      } catch (exc) {
        if (exc instanceof CancelledError) log(`${stamp()} body: caught ${repr(exc)}`);
        throw exc;
      }
    });
    log('after the group (never)');
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const r = createTask(runner(), { name: 'runner' });
    yield* sleep(0.5);
    log(`${stamp()} main: r.cancel("stop") -> ${repr(r.cancel('stop'))}`);
    try {
      yield* r;
    } catch (exc) {
      log(`${stamp()} main: runner raised ${repr(exc)}, cancelled()=${repr(r.cancelled())}`);
    }
    for (const line of children.sort()) log(line);
  }

  await run(main(), { clock: 'virtual' });
}
