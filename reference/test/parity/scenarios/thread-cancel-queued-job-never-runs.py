"""Cancelling the future of a job that is still queued (every worker busy) takes it out of the queue: it never runs (catalogue 6.11, futures._chain_future).

One worker, blocked until the loop releases it: the second job surely waits in the queue.
"""
import asyncio
import concurrent.futures
import threading


def blocker(started, release):
    started.set()
    release.wait(10)
    return 'first'


def second(ran):
    ran.set()
    return 'second'


async def main():
    loop = asyncio.get_running_loop()
    executor = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    started, release, ran = threading.Event(), threading.Event(), threading.Event()
    first = loop.run_in_executor(executor, blocker, started, release)
    queued = loop.run_in_executor(executor, second, ran)
    while not started.is_set():
        await asyncio.sleep(0.005)
    print(f'first job started; cancel() of the queued one -> {queued.cancel()!r}')
    await asyncio.sleep(0)
    release.set()
    print(f'first: {await first!r}')
    executor.shutdown(wait=True)
    print(f'queued cancelled: {queued.cancelled()!r}; it ran: {ran.is_set()!r}')


asyncio.run(main())
