"""A cancel() that comes after the awaited future completed but before the task woke up still cancels: the result is discarded (catalogue 3.16)."""
import asyncio

from parity import new_event_loop, outcome, ticker

loop = new_event_loop()


async def waiter(fut):
    try:
        value = await fut
    except asyncio.CancelledError as exc:
        print(f'waiter: caught {exc!r} instead of the result')
        raise
    print(f'waiter: got {value!r} (never printed)')
    return value


def race():
    # The future completes, so the task's wake-up is queued; cancel() then finds the future
    # done, and can only ask for the next step to throw CancelledError.
    fut.set_result('result')
    print(f'cancel("late") -> {t.cancel("late")} fut.cancelled()={fut.cancelled()} cancelling()={t.cancelling()}')


ticker(loop, 3)
fut = loop.create_future()
t = loop.create_task(waiter(fut), name='waiter')
loop.call_soon(race)
loop.call_later(1, loop.stop)
loop.run_forever()
print(f'cancelled()={t.cancelled()} result(): {outcome(t.result)}')
loop.close()
