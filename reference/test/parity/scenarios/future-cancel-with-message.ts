import { type Future, newEventLoop, ValueError } from '../../../src/index.ts';
import { type Log, outcome, repr } from '../scenario.ts';

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  const fut = loop.createFuture<number>();
  fut.addDoneCallback((f: Future<number>) => log(`callback: cancelled=${repr(f.cancelled())}`));

  log(`cancel("boom") -> ${repr(fut.cancel('boom'))}`);
  log(`done=${repr(fut.done())} cancelled=${repr(fut.cancelled())}`);
  log(`result(): ${outcome(() => fut.result())}`);
  log(`exception(): ${outcome(() => fut.exception())}`);
  log(`cancel() again -> ${repr(fut.cancel())}`);
  log(`set_result(1): ${outcome(() => fut.setResult(1))}`);
  log(`set_exception(ValueError()): ${outcome(() => fut.setException(new ValueError()))}`);
  log(`repr: ${fut}`);

  const plain = loop.createFuture();
  plain.cancel();
  log(`without a message, result(): ${outcome(() => plain.result())}`);

  loop.callSoon(() => loop.stop());
  await loop.runForever();
  loop.close();
}
