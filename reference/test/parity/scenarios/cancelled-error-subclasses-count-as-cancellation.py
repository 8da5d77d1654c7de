# requires: 3.13
"""A subclass of CancelledError counts as a cancellation everywhere asyncio 3.13 checks for one:
a child that raises it ends cancelled and is no error of its group, a body that raises it ends
its group with that very error, and an expired timeout turns it into TimeoutError (catalogue 4,
version notes: the issubclass checks of 3.13; 5: the exit conversion)."""
import asyncio

from parity import run, stamp


class MyCancelled(asyncio.CancelledError):
    pass


def describe(exc):
    return f'{type(exc).__name__}({exc})'


async def raises_subclass():
    await asyncio.sleep(1)
    raise MyCancelled('child')


async def main():
    me = asyncio.current_task()
    async with asyncio.TaskGroup() as tg:
        child = tg.create_task(raises_subclass())
        sibling = tg.create_task(asyncio.sleep(2, 'sibling'))
    print(f'{stamp()} group 1: child.cancelled()={child.cancelled()} '
          f'sibling={sibling.result()} cancelling={me.cancelling()}')

    try:
        async with asyncio.TaskGroup() as tg:
            waiting = tg.create_task(asyncio.sleep(5))
            await asyncio.sleep(1)
            raise MyCancelled('body')
    except BaseException as exc:
        print(f'{stamp()} group 2: {describe(exc)} waiting.cancelled()={waiting.cancelled()} '
              f'cancelling={me.cancelling()}')

    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                raise MyCancelled('timeout body')
    except BaseException as exc:
        print(f'{stamp()} timeout: {type(exc).__name__} caused by {describe(exc.__cause__)} '
              f'cancelling={me.cancelling()}')


run(main())
