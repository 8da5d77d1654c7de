import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  gather,
  run,
  sleep,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* child(name: string, delay: number, cleanup: number): Coroutine<string> {
    try {
      yield* sleep(delay);
      return name;
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      yield* sleep(cleanup);
      log(`${stamp()} ${name}: cancelled with ${repr(exc)}, cleanup done`);
      throw exc;
    }
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const a = createTask(child('a', 10, 0), { name: 'a' });
    const b = createTask(child('b', 10, 1), { name: 'b' });
    const outer = gather([a, b], { returnExceptions: true });
    yield* sleep(0);
    const cancelled = outer.cancel('stop');
    log(`${stamp()} outer.cancel("stop") -> ${repr(cancelled)}, done()=${repr(outer.done())}`);
    try {
      yield* outer;
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log(`${stamp()} gather raised ${repr(exc)}, cancelled()=${repr(outer.cancelled())}`);
    }

    const c = createTask(child('c', 10, 0), { name: 'c' });
    const gathered = gather([c]);
    function* waiter(): Coroutine<[string]> {
      return yield* gathered;
    }
    const w = createTask(waiter(), { name: 'waiter' });
    yield* sleep(1);
    log(`${stamp()} w.cancel() -> ${repr(w.cancel())}`);
    try {
      yield* w;
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log(
        `${stamp()} waiter raised ${repr(exc)}, cancelled()=${repr(w.cancelled())}, ` +
          `c.cancelled()=${repr(c.cancelled())}`,
      );
    }
    log(`gathered.cancel() -> ${repr(gathered.cancel())}`);

    const done = gather([child('e', 0, 0)]);
    const result = yield* done;
    log(
      `${stamp()} result ${repr(result)}, cancel() -> ${repr(done.cancel())}, ` +
        `result ${repr(done.result())}`,
    );
  }

  await run(main(), { clock: 'virtual' });
}
