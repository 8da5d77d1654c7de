"""A generator yielded instead of delegated to is refused: 'yield was used instead of yield from for generator in task ...' (catalogue 3.6).

In TypeScript the mistake is `yield child()` instead of `yield* child()`. The Python side yields
a generator object from a generator-based coroutine. asyncio shows the generator as
`<generator object child at 0x...>`; a JavaScript generator object does not know its function's
name, so the reference shows `<generator object>` and the harness compares the two as equal.
"""
import asyncio
import types

from parity import new_event_loop, stamp, ticker


def child():
    yield None


@types.coroutine
def yield_generator():
    yield child()


async def bad():
    try:
        await yield_generator()
    except RuntimeError as exc:
        print(f'{stamp()} bad: caught {exc!r}')
    asyncio.get_running_loop().stop()


loop = new_event_loop()
ticker(loop, 3)
loop.create_task(bad(), name='bad')
loop.run_forever()
loop.close()
