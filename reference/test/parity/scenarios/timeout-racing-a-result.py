"""A deadline and a result racing in one iteration: the wake-up queued first wins; a result that arrives after the deadline fired is discarded and the body times out (catalogue 5.3, 3.16)."""
import asyncio

from parity import run, stamp


async def race(result_first):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def finish(cm):
        # Both in one callback, in this order: what runs first next iteration wins.
        if result_first:
            fut.set_result('result')
            cm.reschedule(loop.time())
        else:
            cm.reschedule(loop.time())
            fut.set_result('result')

    try:
        async with asyncio.timeout(10) as cm:
            loop.call_later(1, finish, cm)
            try:
                value = await fut
            except asyncio.CancelledError as exc:
                print(f'{stamp()} body: the await raised {exc!r}')
                raise
            print(f'{stamp()} body: got {value!r}')
    except TimeoutError as exc:
        print(f'{stamp()} timed out: {exc!r}')
    print(f'result_first={result_first}: expired()={cm.expired()} fut={fut!r}')


async def main():
    asyncio.current_task().set_name('main')
    await race(True)
    await race(False)


run(main())
