import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  ExceptionGroup,
  type Future,
  getRunningLoop,
  RuntimeError,
  run,
  sleep,
  taskGroup,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  function* raiseError(started: Future<null>): Coroutine<never> {
    started.setResult(null);
    yield* sleep(0);
    throw new RuntimeError('child');
  }

  function* inner(started: Future<null>): Coroutine<void> {
    const me = currentTask();
    if (me === null) throw new Error('not in a task');
    try {
      yield* taskGroup(function* (tg) {
        tg.createTask(raiseError(started), { name: 'raise-error' });
        yield* sleep(1);
        log('sleep in the group (never)');
      });
    } catch (eg) {
      // Python's `except* RuntimeError`: the whole group matches here.
      if (!(eg instanceof ExceptionGroup) || eg.split(RuntimeError)[1] !== null) throw eg;
      log(`${stamp()} inner: caught ${repr(eg)}, cancelling()=${me.cancelling()}`);
    }
    try {
      yield* sleep(1);
      log('sleep after the group (never)');
    } catch (exc) {
      if (exc instanceof CancelledError) {
        log(`${stamp()} inner: sleep after the group raised ${repr(exc)}`);
      }
      throw exc;
    }
  }

  function* main(): Coroutine<void> {
    currentTask()?.setName('main');
    const started = getRunningLoop().createFuture<null>();
    const t = createTask(inner(started), { name: 'inner' });
    yield* started;
    const before = t.cancelling();
    const cancelled = t.cancel();
    log(
      `${stamp()} main: cancelling()=${before}, t.cancel() -> ${repr(cancelled)}, ` +
        `cancelling()=${t.cancelling()}`,
    );
    try {
      yield* t;
    } catch (exc) {
      if (!(exc instanceof CancelledError)) throw exc;
      log(`${stamp()} main: inner raised ${repr(exc)}, cancelled()=${repr(t.cancelled())}`);
    }
  }

  await run(main(), { clock: 'virtual' });
}
