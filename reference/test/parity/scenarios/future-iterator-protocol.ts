import { newEventLoop, ValueError } from '../../../src/index.ts';
import { type Log, repr } from '../scenario.ts';

export default function scenario(log: Log): void {
  const loop = newEventLoop({ clock: 'virtual' });
  const fut = loop.createFuture<string>();
  log(`blocking flag before: ${repr(fut._asyncioFutureBlocking)}`);
  let it = fut[Symbol.iterator]();
  const first = it.next();
  log(
    `first step yields the future itself: ${repr(!first.done && first.value === fut)}, ` +
      `blocking flag: ${repr(fut._asyncioFutureBlocking)}`,
  );
  try {
    it.next();
  } catch (exc) {
    log(`resumed while still pending: ${repr(exc)}`);
  }

  const done = loop.createFuture<number>();
  done.setResult(5);
  const step = done[Symbol.iterator]().next();
  if (step.done) {
    log(
      `a done future returns at once: ${repr(step.value)}, ` +
        `blocking flag: ${repr(done._asyncioFutureBlocking)}`,
    );
  }

  const failed = loop.createFuture();
  failed.setException(new ValueError('bad'));
  try {
    failed[Symbol.iterator]().next();
  } catch (exc) {
    log(`a failed future raises at once: ${repr(exc)}`);
  }

  fut.setResult('late');
  it = fut[Symbol.iterator]();
  const again = it.next();
  if (again.done) log(`once done, a new await returns ${repr(again.value)}`);
  loop.close();
}
