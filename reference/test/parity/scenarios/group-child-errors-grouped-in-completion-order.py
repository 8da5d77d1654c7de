"""A failing child cancels its siblings and the body; the group raises every child error in one ExceptionGroup, in the order the children failed (catalogue 4.3, 4.4)."""
import asyncio

from parity import run, stamp


async def fail_after(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def fails_in_cleanup():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f'{stamp()} cleanup: cancelled, raises in its cleanup')
        raise ValueError('cleanup failed')


async def main():
    me = asyncio.current_task()
    me.set_name('main')
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_after(1, ValueError('late, never')), name='late')
            tg.create_task(fail_after(0.5, TypeError('first')), name='first')
            tg.create_task(fails_in_cleanup(), name='cleanup')
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError as exc:
                print(f'{stamp()} body: caught {exc!r}, cancelling()={me.cancelling()}')
                raise
            print('after the sleep (never)')
        print('after the group (never)')
    except ExceptionGroup as eg:
        print(f'{stamp()} main: {eg!r}')
    print(f'main: cancelling()={me.cancelling()}')


run(main())
