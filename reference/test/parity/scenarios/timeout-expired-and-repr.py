"""expired() is true once the deadline fired; the repr shows the state, and the deadline rounded to 3 decimals while active (catalogue 5.1, 5.4, 5.5, 5.16)."""
import asyncio

from parity import run, stamp


async def main():
    asyncio.current_task().set_name('main')
    await asyncio.sleep(1.5)
    cm = asyncio.timeout(10)
    print(f'{stamp()} created: {cm!r} when()={cm.when()!r}')
    async with cm:
        print(f'active: {cm!r} expired()={cm.expired()}')
    print(f'finished: {cm!r} expired()={cm.expired()}')
    async with asyncio.timeout(0.12345) as cm:
        print(f'active: {cm!r}')
    async with asyncio.timeout(None) as cm:
        print(f'disabled: {cm!r} when()={cm.when()!r}')
        await asyncio.sleep(100)
    print(f'{stamp()} disabled: expired()={cm.expired()}')
    try:
        async with asyncio.timeout(1) as cm:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print(f'{stamp()} expiring: {cm!r} expired()={cm.expired()}')
                raise
    except TimeoutError:
        print(f'{stamp()} expired: {cm!r} expired()={cm.expired()}')


run(main())
