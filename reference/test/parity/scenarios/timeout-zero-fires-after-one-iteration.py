"""A zero or past deadline fires in the next iteration, with call_soon: a body that awaits times out, and a body that never yields cannot (catalogue 5.6, 5.7)."""
import asyncio

from parity import run, stamp, ticker


async def body(label, awaits):
    print(f'{label}: body starts')
    if awaits:
        await asyncio.sleep(0)
    print(f'{label}: body ends (never for a body that awaits)')


async def main():
    asyncio.current_task().set_name('main')
    loop = asyncio.get_running_loop()
    for delay, awaits in ((0, True), (-11, True), (0, False)):
        label = f'timeout({delay}) awaits={awaits}'
        ticker(loop, 3)
        await asyncio.sleep(0)
        try:
            async with asyncio.timeout(delay) as cm:
                await body(label, awaits)
        except TimeoutError as exc:
            print(f'{label}: {exc!r}')
        print(f'{label}: expired()={cm.expired()}')
        await asyncio.sleep(1)


run(main())
