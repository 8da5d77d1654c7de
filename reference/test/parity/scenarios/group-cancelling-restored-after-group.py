# requires: 3.13
"""A group that cancelled its parent to abort withdraws that cancellation: after the group, cancelling() is back to 0 and the parent awaits normally, also when a cleanup in the body raised too (catalogue 4.15, gh-95289)."""
import asyncio

from parity import run, stamp


async def fail_after(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def main():
    me = asyncio.current_task()
    me.set_name('main')
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_after(0, RuntimeError('child')), name='child')
    except ExceptionGroup as eg:
        print(f'{stamp()} caught {eg!r}, cancelling()={me.cancelling()}')
    try:
        async with asyncio.TaskGroup() as tg:
            try:
                tg.create_task(fail_after(0, RuntimeError('child')), name='child')
                await asyncio.sleep(1)
            finally:
                print(f'{stamp()} cleanup: cancelling()={me.cancelling()}, raises')
                raise ValueError('cleanup')
    except ExceptionGroup as eg:
        print(f'{stamp()} caught {eg!r}, cancelling()={me.cancelling()}')
    await asyncio.sleep(1)
    print(f'{stamp()} main: slept normally, cancelling()={me.cancelling()}')


run(main())
