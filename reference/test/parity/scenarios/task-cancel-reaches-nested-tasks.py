"""Cancelling a task cancels what it awaits, transitively: the task it awaits and that task's future; each level sees CancelledError (catalogue 3.15)."""
import asyncio

from parity import new_event_loop, ticker

loop = new_event_loop()


async def inner(fut):
    try:
        await fut
    except asyncio.CancelledError as exc:
        print(f'inner: caught {exc!r}')
        raise


async def outer(task):
    try:
        await task
    except asyncio.CancelledError as exc:
        print(f'outer: caught {exc!r}')
        raise


def canceller():
    print(f'outer.cancel("stop") -> {o.cancel("stop")}')
    print(f'fut.cancelled()={fut.cancelled()} inner.cancelling()={i.cancelling()} outer.cancelling()={o.cancelling()}')
    print(f'inner.done()={i.done()} outer.done()={o.done()}')


ticker(loop, 4)
fut = loop.create_future()
i = loop.create_task(inner(fut), name='inner')
o = loop.create_task(outer(i), name='outer')
loop.call_soon(canceller)
loop.call_later(1, loop.stop)
loop.run_forever()
print(f'cancelled: fut={fut.cancelled()} inner={i.cancelled()} outer={o.cancelled()}')

# The same through a coroutine awaited directly (no task in between): test_yield_future_passes_cancel.
proof = 0
waiter = loop.create_future()


async def inner_coro():
    global proof
    try:
        await waiter
    except asyncio.CancelledError:
        proof += 1
        raise


async def outer_coro():
    global proof
    try:
        await inner_coro()
    except asyncio.CancelledError:
        proof += 100
    else:
        proof += 10


f = loop.create_task(outer_coro(), name='outer-coro')
loop.call_soon(f.cancel)
loop.run_until_complete(f)
print(f'proof={proof} waiter.cancelled()={waiter.cancelled()} f.cancelled()={f.cancelled()}')
loop.close()
