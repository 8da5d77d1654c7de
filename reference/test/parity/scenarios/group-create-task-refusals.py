# requires: 3.13
"""TaskGroup.create_task refuses a group not entered, finished, or shutting down, with asyncio's messages, and closes the refused coroutine (catalogue 4.13, 4.14; closing is new in 3.13)."""
import asyncio
import inspect

from parity import run, stamp


def try_create(tg, label):
    coro = asyncio.sleep(0)
    try:
        tg.create_task(coro)
    except RuntimeError as exc:
        closed = inspect.getcoroutinestate(coro) == 'CORO_CLOSED'
        print(f'{label}: {exc!r} closed={closed}')


async def fail_soon():
    await asyncio.sleep(0.001)
    raise ValueError('child failed')


async def main():
    asyncio.current_task().set_name('main')
    tg = asyncio.TaskGroup()
    try_create(tg, 'not entered')
    async with tg:
        print(f'entered: {tg!r}')
        try:
            async with tg:
                pass
        except RuntimeError as exc:
            print(f'enter again: {exc!r}')
    try_create(tg, 'finished')

    async def late(g):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            try_create(g, f'{stamp()} shutting down')
            raise

    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(fail_soon(), name='fail-soon')
            g.create_task(late(g), name='late')
    except ExceptionGroup as eg:
        print(f'{stamp()} {eg!r}')


run(main())
