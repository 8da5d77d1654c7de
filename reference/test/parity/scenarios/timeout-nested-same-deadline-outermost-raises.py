# requires: 3.13
"""Nested timeouts with the same deadline both expire, but only the outermost raises TimeoutError: the inner one lets the CancelledError through (catalogue 5.11)."""
import asyncio

from parity import run, stamp


async def main():
    me = asyncio.current_task()
    me.set_name('main')
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 1
    try:
        async with asyncio.timeout_at(deadline) as outer:
            try:
                async with asyncio.timeout_at(deadline) as inner:
                    await asyncio.sleep(10)
            except asyncio.CancelledError as exc:
                print(f'{stamp()} inner timeout let through {exc!r}, cancelling()={me.cancelling()}')
                raise
    except TimeoutError as exc:
        print(f'{stamp()} outer timeout raised {exc!r}, cause={exc.__cause__!r}')
    print(f'outer.expired()={outer.expired()} inner.expired()={inner.expired()} cancelling()={me.cancelling()}')


run(main())
