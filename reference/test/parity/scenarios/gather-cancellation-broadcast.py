"""Cancelling a gather cancels its children and ends it with CancelledError once they are done, even with return_exceptions; a task awaiting the gather that is cancelled does the same; a gather whose children are all done refuses cancel() (catalogue 3b.8, 3b.9)."""
import asyncio

from parity import run, stamp


async def child(name, delay, cleanup):
    try:
        await asyncio.sleep(delay)
        return name
    except asyncio.CancelledError as exc:
        await asyncio.sleep(cleanup)
        print(f'{stamp()} {name}: cancelled with {exc!r}, cleanup done')
        raise


async def main():
    asyncio.current_task().set_name('main')
    a = asyncio.create_task(child('a', 10, 0), name='a')
    b = asyncio.create_task(child('b', 10, 1), name='b')
    outer = asyncio.gather(a, b, return_exceptions=True)
    await asyncio.sleep(0)
    print(f'{stamp()} outer.cancel("stop") -> {outer.cancel("stop")}, done()={outer.done()}')
    try:
        await outer
    except asyncio.CancelledError as exc:
        print(f'{stamp()} gather raised {exc!r}, cancelled()={outer.cancelled()}')

    c = asyncio.create_task(child('c', 10, 0), name='c')
    gathered = asyncio.gather(c)

    async def waiter():
        return await gathered

    w = asyncio.create_task(waiter(), name='waiter')
    await asyncio.sleep(1)
    print(f'{stamp()} w.cancel() -> {w.cancel()}')
    try:
        await w
    except asyncio.CancelledError as exc:
        print(f'{stamp()} waiter raised {exc!r}, cancelled()={w.cancelled()}, c.cancelled()={c.cancelled()}')
    print(f'gathered.cancel() -> {gathered.cancel()}')

    done = asyncio.gather(child('e', 0, 0))
    result = await done
    print(f'{stamp()} result {result!r}, cancel() -> {done.cancel()}, result {done.result()!r}')


run(main())
