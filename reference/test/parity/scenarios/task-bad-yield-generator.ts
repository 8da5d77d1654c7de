import { type Coroutine, getRunningLoop, newEventLoop } from '../../../src/index.ts';
import { type Log, repr, stamp, ticker } from '../scenario.ts';

// A JavaScript generator object knows neither its function's name nor an address: the
// reference shows `<generator object>` where asyncio shows `<generator object child at 0x...>`,
// and the harness compares the two as equal (harness.ts, normalisePythonLine).
export default async function scenario(log: Log): Promise<void> {
  function* child(): Coroutine<void> {
    yield;
  }

  // `yield child()` in a function typed `Coroutine` does not type-check; typed loosely here.
  function* bad(): Generator<unknown, void, unknown> {
    try {
      yield child(); // the mistake: `yield` instead of `yield*`
    } catch (exc) {
      log(`${stamp()} bad: caught ${repr(exc)}`);
    }
    getRunningLoop().stop();
  }

  const loop = newEventLoop({ clock: 'virtual' });
  ticker(loop, 3, log);
  loop.createTask(bad() as Coroutine<void>, { name: 'bad' });
  await loop.runForever();
  loop.close();
}
