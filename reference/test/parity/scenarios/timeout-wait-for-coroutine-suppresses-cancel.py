# requires: 3.13
"""wait_for runs a coroutine in the caller's task inside a timeout: on expiry the coroutine is cancelled and unwinds first; one that suppresses the cancellation and returns a value makes wait_for return it (catalogue 3b.14, 3b.15, 5.19)."""
import asyncio

from parity import run, stamp


async def cleans_up():
    print(f'{stamp()} cleans_up runs in {asyncio.current_task().get_name()}')
    try:
        await asyncio.sleep(10)
    finally:
        await asyncio.sleep(0.5)
        print(f'{stamp()} cleans_up: cleanup done')


async def return_42():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as exc:
        print(f'{stamp()} return_42: suppresses {exc!r}')
        return 42


async def main():
    me = asyncio.current_task()
    me.set_name('main')
    try:
        await asyncio.wait_for(cleans_up(), 1)
    except TimeoutError as exc:
        print(f'{stamp()} wait_for raised {exc!r}, cause={exc.__cause__!r}')
    result = await asyncio.wait_for(return_42(), 1)
    print(f'{stamp()} wait_for returned {result!r}, cancelling()={me.cancelling()}')
    result = await asyncio.wait_for(asyncio.sleep(1, 'on time'), None)
    print(f'{stamp()} wait_for(None) returned {result!r}')


run(main())
