"""A coroutine that yields a plain value gets RuntimeError('Task got bad yield: ...') thrown in at the next iteration (catalogue 3.6).

In TypeScript the mistake is `yield 42` in a coroutine. A Python coroutine cannot yield, so a
generator-based coroutine (types.coroutine) yields the value to the task, as asyncio's Task
sees it.
"""
import asyncio
import types

from parity import new_event_loop, stamp, ticker


@types.coroutine
def yield_value(value):
    yield value


async def bad():
    for value in (42, 'x', True, 1.5, [1, 'two'], {'a': 1}):
        print(f'bad: yields {value!r}')
        try:
            await yield_value(value)
        except RuntimeError as exc:
            print(f'{stamp()} bad: caught {exc!r}')
    asyncio.get_running_loop().stop()
    return 'survived'


loop = new_event_loop()
ticker(loop, 13)
t = loop.create_task(bad(), name='bad')
loop.run_forever()
print(f'result: {t.result()!r}')
loop.close()
