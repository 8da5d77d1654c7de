"""await asyncio.sleep(0) (a bare yield in TypeScript) gives up exactly one iteration; sleep(0, result) returns it (catalogue 3.5, 3b.1)."""
import asyncio

from parity import run, stamp, ticker


async def worker():
    loop = asyncio.get_running_loop()
    loop.call_soon(lambda: print('callback queued before sleep(0)'))
    print('worker: sleep(0)')
    await asyncio.sleep(0)
    print('worker: resumed')
    value = await asyncio.sleep(0, result=10)
    print(f'worker: sleep(0, result=10) -> {value}')
    await asyncio.sleep(-1)
    print(f'{stamp()} worker: after sleep(-1), no timer')


async def main():
    asyncio.current_task().set_name('main')
    ticker(asyncio.get_running_loop(), 4)
    await asyncio.create_task(worker(), name='worker')


run(main())
