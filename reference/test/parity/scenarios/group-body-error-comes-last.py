"""An error raised by the body cancels the children and joins the group last, after the errors the children raised while being cancelled (catalogue 4.5, 4.9)."""
import asyncio

from parity import run, stamp


async def fails_in_cleanup():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f'{stamp()} child: cancelled, raises in its cleanup')
        raise ValueError('child cleanup')


async def main():
    asyncio.current_task().set_name('main')
    try:
        async with asyncio.TaskGroup() as tg:
            a = tg.create_task(fails_in_cleanup(), name='a')
            b = tg.create_task(asyncio.sleep(10, 'b'), name='b')
            await asyncio.sleep(1)
            print(f'{stamp()} body: raises')
            raise RuntimeError('body')
    except ExceptionGroup as eg:
        print(f'{stamp()} main: {eg!r}')
    print(f'a.cancelled()={a.cancelled()} b.cancelled()={b.cancelled()}')


run(main())
