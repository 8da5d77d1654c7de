"""shield() protects the inner task from the cancellation of its waiter: the waiter gets CancelledError, the inner task runs on; an inner cancel does reach the outer future (catalogue 3b.16)."""
import asyncio

from parity import run, stamp


async def inner():
    await asyncio.sleep(1)
    print(f'{stamp()} inner: finished')
    return 'inner result'


async def main():
    asyncio.current_task().set_name('main')
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(inner(), name='inner')

    async def waiter():
        return await asyncio.shield(task)

    w = asyncio.create_task(waiter(), name='waiter')
    await asyncio.sleep(0.5)
    print(f'{stamp()} w.cancel() -> {w.cancel()}')
    try:
        await w
    except asyncio.CancelledError as exc:
        print(f'{stamp()} waiter raised {exc!r}, task.cancelled()={task.cancelled()}')
    result = await task
    print(f'{stamp()} inner returned {result!r}')

    print(f'shield of a done task is the task: {asyncio.shield(task) is task}')
    fut = loop.create_future()
    outer = asyncio.shield(fut)
    fut.cancel()
    await asyncio.sleep(0)
    print(f'inner cancelled -> outer.cancelled()={outer.cancelled()}')


run(main())
