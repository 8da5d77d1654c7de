"""A future yielded without await (without `*` in TypeScript) is refused: 'yield was used instead of yield from in task ...' (catalogue 3.6).

In TypeScript the mistake is `yield fut` instead of `yield* fut`: the future's iterator never
ran, so its blocking flag is false. The Python side yields the future from a generator-based
coroutine, where `yield fut` instead of `yield from fut` leaves the flag false just the same.
"""
import asyncio
import types

from parity import new_event_loop, stamp, ticker


@types.coroutine
def yield_bare(fut):
    yield fut


async def bad(fut):
    try:
        await yield_bare(fut)
    except RuntimeError as exc:
        print(f'{stamp()} bad: caught {exc!r}')
    print(f'blocking flag: {fut._asyncio_future_blocking}')
    print(f'{stamp()} bad: now awaits it properly')
    value = await fut
    print(f'{stamp()} bad: got {value!r}')
    asyncio.get_running_loop().stop()


loop = new_event_loop()
ticker(loop, 3)
fut = loop.create_future()
loop.call_later(1, fut.set_result, 'late')
loop.create_task(bad(fut), name='bad')
loop.run_forever()
loop.close()
