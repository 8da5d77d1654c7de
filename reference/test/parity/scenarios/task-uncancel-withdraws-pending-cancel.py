# requires: 3.13
"""uncancel() bringing the count back to 0 also withdraws a cancellation not yet delivered (catalogue 3.18, new in 3.13)."""
import asyncio

from parity import new_event_loop, outcome, ticker

loop = new_event_loop()


async def waiter(fut):
    await fut
    print('waiter: resumed normally, returns 42')
    return 42


def race():
    fut.set_result(None)
    print(f'cancel() -> {t.cancel()} cancelling()={t.cancelling()}')
    # Python 3.12 keeps the pending cancellation here; 3.13 withdraws it.
    print(f'uncancel() -> {t.uncancel()}')


ticker(loop, 3)
fut = loop.create_future()
t = loop.create_task(waiter(fut), name='waiter')
loop.call_soon(race)
print(f'run_until_complete: {outcome(lambda: loop.run_until_complete(t))}')
print(f'cancelled()={t.cancelled()}')
loop.close()
