# requires: 3.13
"""An outside cancel that arrives while the group is failing is not lost: inside except* cancelling() is 1, and the next await after the group is cancelled (catalogue 4.16; 3.12 lost it)."""
import asyncio

from parity import run, stamp


async def raise_error(started):
    started.set_result(None)
    await asyncio.sleep(0)
    raise RuntimeError('child')


async def inner(started):
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(raise_error(started), name='raise-error')
            await asyncio.sleep(1)
            print('sleep in the group (never)')
    except* RuntimeError as eg:
        print(f'{stamp()} inner: caught {eg!r}, cancelling()={me.cancelling()}')
    try:
        await asyncio.sleep(1)
        print('sleep after the group (never)')
    except asyncio.CancelledError as exc:
        print(f'{stamp()} inner: sleep after the group raised {exc!r}')
        raise


async def main():
    asyncio.current_task().set_name('main')
    started = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(inner(started), name='inner')
    await started
    print(f'{stamp()} main: cancelling()={t.cancelling()}, t.cancel() -> {t.cancel()}, cancelling()={t.cancelling()}')
    try:
        await t
    except asyncio.CancelledError as exc:
        print(f'{stamp()} main: inner raised {exc!r}, cancelled()={t.cancelled()}')


run(main())
