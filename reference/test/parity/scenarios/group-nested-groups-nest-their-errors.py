"""An inner group's ExceptionGroup becomes one member of the outer group; when an outer child fails first, the inner group only passes the cancellation on and the outer group is flat (catalogue 4.11)."""
import asyncio

from parity import run, stamp


async def crash_after(delay, name):
    await asyncio.sleep(delay)
    raise ValueError(name)


async def inner_first():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_after(10, 'outer child'), name='outer-child')
        async with asyncio.TaskGroup() as g2:
            g2.create_task(crash_after(0.1, 'inner child'), name='inner-child')


async def outer_first():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_after(0.1, 'outer child'), name='outer-child')
        try:
            async with asyncio.TaskGroup() as g2:
                g2.create_task(crash_after(10, 'inner child'), name='inner-child')
        except asyncio.CancelledError as exc:
            print(f'{stamp()} inner group raised {exc!r}')
            raise


async def main():
    asyncio.current_task().set_name('main')
    for scenario in (inner_first, outer_first):
        try:
            await scenario()
        except ExceptionGroup as eg:
            print(f'{stamp()} {scenario.__name__}: {eg!r}')


run(main())
