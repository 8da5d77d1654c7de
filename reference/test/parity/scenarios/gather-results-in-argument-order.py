"""gather's results follow argument order, not completion order; an awaitable given twice runs once; the first error fails the gather at once and cancels nothing (catalogue 3b.2, 3b.4, 3b.5)."""
import asyncio

from parity import run, stamp


async def child(name, delay):
    print(f'{stamp()} {name}: starts')
    await asyncio.sleep(delay)
    print(f'{stamp()} {name}: done')
    return name


async def fail(delay):
    await asyncio.sleep(delay)
    raise ValueError('failed')


async def main():
    asyncio.current_task().set_name('main')
    twice = child('twice', 2)
    results = await asyncio.gather(child('slow', 3), twice, child('fast', 1), twice)
    print(f'{stamp()} {results!r}')

    slow = asyncio.create_task(child('survivor', 2), name='survivor')
    outer = asyncio.gather(fail(1), slow)
    try:
        await outer
    except ValueError as exc:
        print(f'{stamp()} gather raised {exc!r}, survivor.cancelled()={slow.cancelled()}')
    result = await slow
    print(f'{stamp()} survivor returned {result!r}')
    print(f'empty: {await asyncio.gather()!r}')


run(main())
