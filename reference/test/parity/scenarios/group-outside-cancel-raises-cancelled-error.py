"""Cancelling the parent from outside cancels the body and every child; once the children are done the group raises CancelledError, not a group (catalogue 4.8).

asyncio cancels the children in the order of a set: each child logs into its own list, printed
sorted at the end, so that only what asyncio guarantees is compared.
"""
import asyncio

from parity import run, stamp

children = []


async def child(name, cleanup):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        await asyncio.sleep(cleanup)
        children.append(f'{name}: cancelled, cleanup done at {stamp()}')
        raise


async def runner():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child('quick', 0), name='quick')
        tg.create_task(child('slow', 1), name='slow')
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError as exc:
            print(f'{stamp()} body: caught {exc!r}')
            raise
    print('after the group (never)')


async def main():
    asyncio.current_task().set_name('main')
    r = asyncio.create_task(runner(), name='runner')
    await asyncio.sleep(0.5)
    print(f'{stamp()} main: r.cancel("stop") -> {r.cancel("stop")}')
    try:
        await r
    except BaseException as exc:
        print(f'{stamp()} main: runner raised {exc!r}, cancelled()={r.cancelled()}')
    for line in sorted(children):
        print(line)


run(main())
