# requires: 3.13
"""An error that ends an expired body gets a TimeoutError inserted before the CancelledError in its chain, and so do the members of a task group's error (catalogue 5.18; new in 3.13).

Python walks the implicit __context__ chain, which JavaScript does not have: the reference walks
the explicit `cause` chain instead. So the TypeScript side sets `cause` where Python sets
__context__ by itself, and each side prints the chain it walks. (An error raised in a finally
block has a __context__ in Python but no cause in JavaScript: it is left as it is there.)
"""
import asyncio

from parity import run, stamp


def chain(exc):
    links = []
    while exc is not None:
        links.append(repr(exc))
        exc = exc.__context__
    return ' -> '.join(links)


async def crash():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        raise ValueError('child cleanup')


async def main():
    asyncio.current_task().set_name('main')
    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                raise ValueError('cleanup failed')
    except ValueError as exc:
        print(f'{stamp()} {chain(exc)}')

    try:
        async with asyncio.timeout(1):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(crash(), name='crash')
                await asyncio.sleep(10)
    except ExceptionGroup as eg:
        print(f'{stamp()} {eg!r}')
        print(f'member: {chain(eg.exceptions[0])}')


run(main())
