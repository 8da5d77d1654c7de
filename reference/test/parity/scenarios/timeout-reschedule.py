# requires: 3.13
"""reschedule() moves an active timeout's deadline, later, earlier or away (None); it is refused before entry, while expiring, and after exit (catalogue 5.14)."""
import asyncio

from parity import run, stamp


def attempt(cm, when, label):
    try:
        cm.reschedule(when)
        print(f'{label}: when()={cm.when()!r}')
    except RuntimeError as exc:
        print(f'{label}: {exc!r}')


async def main():
    asyncio.current_task().set_name('main')
    loop = asyncio.get_running_loop()
    attempt(asyncio.timeout(1), 2.0, 'not entered')
    async with asyncio.timeout(1) as cm:
        attempt(cm, loop.time() + 3, 'later')
        await asyncio.sleep(2)
        print(f'{stamp()} past the first deadline')
        attempt(cm, None, 'none')
        await asyncio.sleep(5)
        print(f'{stamp()} past the second deadline')
    attempt(cm, 9.0, 'finished')
    try:
        async with asyncio.timeout(10) as cm:
            attempt(cm, loop.time() + 0.5, 'earlier')
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                attempt(cm, 20.0, f'{stamp()} expiring')
                raise
    except TimeoutError:
        print(f'{stamp()} timed out')
    attempt(cm, 30.0, 'expired')


run(main())
