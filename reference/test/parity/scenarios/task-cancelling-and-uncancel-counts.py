"""Each cancel() of a pending task counts in cancelling(); uncancel() takes one back, never below 0; a done task refuses cancel() (catalogue 3.17, 3.18)."""
import asyncio

from parity import run, stamp


async def sleeper():
    me = asyncio.current_task()
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as exc:
        print(f'{stamp()} sleeper: caught {exc!r} once, cancelling()={me.cancelling()}')
        print(f'uncancel() -> {me.uncancel()}')
        print(f'uncancel() -> {me.uncancel()}')
        print(f'uncancel() -> {me.uncancel()}')
    await asyncio.sleep(1)
    print(f'{stamp()} sleeper: not cancelled again, returns')
    return 'ok'


async def main():
    asyncio.current_task().set_name('main')
    t = asyncio.create_task(sleeper(), name='sleeper')
    await asyncio.sleep(0)
    print(f'cancel() -> {t.cancel()}, cancel() -> {t.cancel()}, cancelling()={t.cancelling()}')
    result = await t
    print(f'{stamp()} main: got {result!r}')
    print(f'done: cancel() -> {t.cancel()} cancelling()={t.cancelling()}')
    print(f'done: uncancel() -> {t.uncancel()} cancelled()={t.cancelled()}')


run(main())
