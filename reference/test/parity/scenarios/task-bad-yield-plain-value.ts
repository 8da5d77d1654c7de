import { type Coroutine, getRunningLoop, newEventLoop } from '../../../src/index.ts';
import { type Log, repr, stamp, ticker } from '../scenario.ts';

// `yield 42` in a function typed `Coroutine` does not type-check: TypeScript catches the
// mistake before asyncio's Task would. The generator is typed loosely to make it anyway.
export default async function scenario(log: Log): Promise<void> {
  function* bad(): Generator<unknown, string, unknown> {
    for (const value of [42, 'x', true, 1.5, [1, 'two'], { a: 1 }]) {
      log(`bad: yields ${repr(value)}`);
      try {
        yield value;
      } catch (exc) {
        log(`${stamp()} bad: caught ${repr(exc)}`);
      }
    }
    getRunningLoop().stop();
    return 'survived';
  }

  const loop = newEventLoop({ clock: 'virtual' });
  ticker(loop, 13, log);
  const t = loop.createTask(bad() as Coroutine<string>, { name: 'bad' });
  await loop.runForever();
  log(`result: ${repr(t.result())}`);
  loop.close();
}
