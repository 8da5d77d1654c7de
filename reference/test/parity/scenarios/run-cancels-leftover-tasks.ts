import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  type EventLoop,
  type ExceptionContext,
  getRunningLoop,
  run,
  sleep,
  ValueError,
} from '../../../src/index.ts';
import { type Log, repr, stamp } from '../scenario.ts';

// asyncio cancels the leftovers in the order of a set, which is not defined: each task logs into
// its own list, printed after run returns, so that only what asyncio guarantees is compared.
export default async function scenario(log: Log): Promise<void> {
  const events = new Map<string, string[]>();
  const note = (name: string, line: string) => {
    const list = events.get(name) ?? [];
    list.push(`${stamp()} ${line}`);
    events.set(name, list);
  };

  function* sleeper(name: string, delay: number): Coroutine<void> {
    try {
      yield* sleep(delay);
      note(name, 'woke up (never)');
    } catch (exc) {
      if (exc instanceof CancelledError) note(name, `caught ${repr(exc)}`);
      throw exc;
    } finally {
      note(name, 'finally');
    }
  }

  function* slowCleanup(): Coroutine<void> {
    try {
      yield* sleep(10);
    } finally {
      note('slow', 'cleanup awaits sleep(1)');
      yield* sleep(1);
      note('slow', 'cleanup done');
    }
  }

  function* failingCleanup(): Coroutine<void> {
    try {
      yield* sleep(10);
    } finally {
      // biome-ignore lint/correctness/noUnsafeFinally: the point: cleanup that fails.
      throw new ValueError('cleanup failed');
    }
  }

  const handler = (_loop: EventLoop, context: ExceptionContext) => {
    log(`handler: keys=${repr(Object.keys(context).sort())}`);
    log(`handler: message=${context.message}`);
    log(`handler: exception=${repr(context.exception)}`);
    log(`handler: task=${repr(context.task)}`);
  };

  function* main(): Coroutine<string> {
    currentTask()?.setName('main');
    getRunningLoop().setExceptionHandler(handler);
    createTask(sleeper('a', 5), { name: 'a' });
    createTask(sleeper('b', 1), { name: 'b' });
    createTask(slowCleanup(), { name: 'slow' });
    createTask(failingCleanup(), { name: 'failing' });
    yield* sleep(0.5);
    log(`${stamp()} main returns`);
    return 'main result';
  }

  log(`run returned ${repr(await run(main(), { clock: 'virtual' }))}`);
  for (const name of [...events.keys()].sort()) {
    for (const line of events.get(name) ?? []) log(`${name}: ${line}`);
  }
}
