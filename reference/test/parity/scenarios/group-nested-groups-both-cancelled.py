# requires: 3.13
"""When an inner and an outer group both fail, each withdraws its own cancellation only: cancelling() is 1 between the groups and 0 at the end (catalogue 4.17; 3.12 gave 2 and 1)."""
import asyncio

from parity import run, stamp


async def raise_after(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def main():
    me = asyncio.current_task()
    me.set_name('main')
    try:
        async with asyncio.TaskGroup() as outer_tg:
            try:
                async with asyncio.TaskGroup() as inner_tg:
                    inner_tg.create_task(raise_after(0, RuntimeError('inner')), name='inner')
                    outer_tg.create_task(raise_after(0, ValueError('outer')), name='outer')
            except* RuntimeError as eg:
                print(f'{stamp()} caught {eg!r}, cancelling()={me.cancelling()}')
            print(f'{stamp()} between the groups: cancelling()={me.cancelling()}')
    except* ValueError as eg:
        print(f'{stamp()} caught {eg!r}, cancelling()={me.cancelling()}')
    print(f'{stamp()} at the end: cancelling()={me.cancelling()}')


run(main())
