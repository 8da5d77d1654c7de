"""cancel(msg) on a task waiting for a future cancels the future at once; the CancelledError(msg) reaches the coroutine at its await in the next iteration (catalogue 3.10)."""
import asyncio

from parity import new_event_loop, outcome, stamp, ticker

loop = new_event_loop()


async def waiter(fut):
    try:
        print('waiter: awaits fut')
        await fut
    except asyncio.CancelledError as exc:
        print(f'{stamp()} waiter: caught {exc!r}')
        raise
    finally:
        loop.stop()


def canceller():
    print(f't.cancel("boom") -> {t.cancel("boom")}')
    print(f'fut.cancelled()={fut.cancelled()} t.done()={t.done()} t.cancelling()={t.cancelling()}')
    print(f'repr(t): {t!r}')


ticker(loop, 3)
fut = loop.create_future()
t = loop.create_task(waiter(fut), name='waiter')
loop.call_soon(canceller)
loop.run_forever()
print(f'cancelled()={t.cancelled()} cancelling()={t.cancelling()}')
print(f'result(): {outcome(t.result)}')
print(f'result() again: {outcome(t.result)}')
print(f'exception(): {outcome(t.exception)}')
print(f'cancel() once done -> {t.cancel()}')
loop.close()
