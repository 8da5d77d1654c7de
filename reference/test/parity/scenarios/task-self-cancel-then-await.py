"""A task that cancels itself gets the CancelledError at its next await: the awaited sleep is cancelled at once, without waiting (catalogue 3.13)."""
import asyncio

from parity import run, stamp


async def selfcancel():
    me = asyncio.current_task()
    print(f'selfcancel: cancel() -> {me.cancel()} cancelling()={me.cancelling()}')
    print('selfcancel: still running after cancel()')
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError as exc:
        print(f'{stamp()} selfcancel: sleep(100) raised {exc!r}')
        raise


async def main():
    asyncio.current_task().set_name('main')
    t = asyncio.create_task(selfcancel(), name='selfcancel')
    try:
        await t
    except asyncio.CancelledError as exc:
        print(f'{stamp()} main: awaiting it raised {exc!r}')
    print(f'cancelled()={t.cancelled()} cancel() -> {t.cancel()}')


run(main())
