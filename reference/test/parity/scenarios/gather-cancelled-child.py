"""A cancelled child does not cancel the gather: without return_exceptions the gather finishes with the child's CancelledError as its error, not cancelled; with it, the child's place holds CancelledError('') (catalogue 3b.6, 3b.7)."""
import asyncio

from parity import run, stamp


async def child(delay, value):
    await asyncio.sleep(delay)
    return value


async def main():
    asyncio.current_task().set_name('main')
    a = asyncio.create_task(child(1, 'a'), name='a')
    b = asyncio.create_task(child(2, 'b'), name='b')
    outer = asyncio.gather(a, b)
    await asyncio.sleep(0)
    print(f'{stamp()} a.cancel("bye") -> {a.cancel("bye")}')
    try:
        await outer
    except asyncio.CancelledError as exc:
        print(f'{stamp()} gather raised {exc!r}: cancelled()={outer.cancelled()} {outer!r}')
    print(f'b.done()={b.done()}')
    result = await b
    print(f'{stamp()} b returned {result!r}')

    c = asyncio.create_task(child(1, 'c'), name='c')
    d = asyncio.create_task(child(2, 'd'), name='d')
    outer = asyncio.gather(c, d, return_exceptions=True)
    await asyncio.sleep(0)
    c.cancel('bye')
    results = await outer
    print(f'{stamp()} return_exceptions: {results!r}')


run(main())
