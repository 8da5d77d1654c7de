"""A coroutine that catches the CancelledError can go on awaiting and return: the task is not cancelled, and cancelling() stays 1 (catalogue 3.12)."""
import asyncio

from parity import run, stamp


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as exc:
        me = asyncio.current_task()
        print(f'{stamp()} stubborn: caught {exc!r}, cancelling()={me.cancelling()}')
    await asyncio.sleep(1)
    print(f'{stamp()} stubborn: slept 1 more, returns 42')
    return 42


async def main():
    asyncio.current_task().set_name('main')
    t = asyncio.create_task(stubborn(), name='stubborn')
    await asyncio.sleep(0.5)
    print(f'{stamp()} main: cancel("stop") -> {t.cancel("stop")}')
    result = await t
    print(f'{stamp()} main: got {result!r}; cancelled()={t.cancelled()} cancelling()={t.cancelling()}')


run(main())
