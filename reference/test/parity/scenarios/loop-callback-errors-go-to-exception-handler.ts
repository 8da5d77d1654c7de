import {
  type EventLoop,
  type ExceptionContext,
  newEventLoop,
  RuntimeError,
  ValueError,
} from '../../../src/index.ts';
import { type Log, repr } from '../scenario.ts';

// Named functions, as the handler's message names the callback (`boom()`), with the same
// names on both sides.
function boom(): void {
  throw new ValueError('boom');
}

function failing(): void {
  throw new RuntimeError('done callback failed');
}

export default async function scenario(log: Log): Promise<void> {
  const loop = newEventLoop({ clock: 'virtual' });
  const handler = (_loop: EventLoop, context: ExceptionContext) => {
    log(`handler: keys=${repr(Object.keys(context).sort())}`);
    log(`handler: message=${context.message}`);
    log(`handler: exception=${repr(context.exception)}`);
    log(`handler: handle=${repr(context.handle)}`);
  };

  loop.setExceptionHandler(handler);
  loop.callSoon(boom);
  loop.callSoon(() => log('the next callback ran'));
  const fut = loop.createFuture<null>();
  fut.addDoneCallback(failing);
  fut.addDoneCallback(() => log('next done callback ran'));
  fut.setResult(null);
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  log('run_forever returned normally');
  loop.close();
}
