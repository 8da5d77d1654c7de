"""Cancelling the task that awaits a running job cancels its future, but the job runs to completion in its thread; its result is dropped (catalogue 6.7).

The job signals that it started, then waits until the loop releases it: no timing decides
anything. Threads run on the real clock.
"""
import asyncio
import threading


def job(started, release, finished):
    started.set()
    release.wait(10)
    finished.set()
    return 'a result nobody gets'


async def wait_for_job(fut):
    try:
        await fut
    except asyncio.CancelledError:
        print('waiter: CancelledError')
        raise


async def main():
    asyncio.current_task().set_name('main')
    loop = asyncio.get_running_loop()
    started, release, finished = threading.Event(), threading.Event(), threading.Event()
    fut = loop.run_in_executor(None, job, started, release, finished)
    waiter = asyncio.create_task(wait_for_job(fut), name='waiter')
    await asyncio.sleep(0)  # the waiter starts and waits for the job's future
    while not started.is_set():
        await asyncio.sleep(0.005)
    print(f'job started; waiter.cancel() -> {waiter.cancel()!r}')
    try:
        await waiter
    except asyncio.CancelledError:
        print('main: the waiter ended with CancelledError')
    print(f'future cancelled: {fut.cancelled()!r}; job finished: {finished.is_set()!r}')
    release.set()
    await loop.shutdown_default_executor()
    print(f'after shutdown_default_executor: job finished: {finished.is_set()!r}')
    print(f'future still cancelled: {fut.cancelled()!r}')


asyncio.run(main())
