# requires: 3.13
"""After a timeout expired and raised TimeoutError, the task's cancelling() is back where it was, the task is not cancelled and awaits normally; the baseline is relative, so a timeout in a finally after a swallowed cancel still converts (catalogue 5.1, 5.13, 5.17)."""
import asyncio

from parity import run, stamp


async def times_out():
    me = asyncio.current_task()
    try:
        async with asyncio.timeout(1):
            await asyncio.sleep(10)
    except TimeoutError as exc:
        print(f'{stamp()} caught {exc!r}, cancelling()={me.cancelling()}')
    await asyncio.sleep(1)
    print(f'{stamp()} slept normally')
    try:
        me.cancel()
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(f'{stamp()} swallowed a cancel, cancelling()={me.cancelling()}')
    finally:
        try:
            async with asyncio.timeout(0):
                await asyncio.sleep(1)
        except TimeoutError as exc:
            print(f'{stamp()} timeout(0) in finally raised {exc!r}, cancelling()={me.cancelling()}')
    return 'finished'


async def main():
    asyncio.current_task().set_name('main')
    t = asyncio.create_task(times_out(), name='times-out')
    result = await t
    print(f'{stamp()} task returned {result!r}, cancelled()={t.cancelled()}')


run(main())
