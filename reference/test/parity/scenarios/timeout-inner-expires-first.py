"""An inner timeout that expires first raises TimeoutError and leaves the outer one active; the outer one still interrupts a later await (catalogue 5.12)."""
import asyncio

from parity import run, stamp


async def main():
    me = asyncio.current_task()
    me.set_name('main')
    try:
        async with asyncio.timeout(5) as outer:
            try:
                async with asyncio.timeout(1) as inner:
                    await asyncio.sleep(10)
            except TimeoutError as exc:
                print(f'{stamp()} inner raised {exc!r}: inner.expired()={inner.expired()} outer.expired()={outer.expired()}')
            print(f'{stamp()} still in the outer timeout: {outer!r}, cancelling()={me.cancelling()}')
            await asyncio.sleep(10)
            print('after the sleep (never)')
    except TimeoutError as exc:
        print(f'{stamp()} outer raised {exc!r}: outer.expired()={outer.expired()}, cancelling()={me.cancelling()}')


run(main())
