"""wrap_future turns the executor's future into an asyncio Future of the loop, with its result or exception; an asyncio future is returned as it is (catalogue 6.10).

The reference's executor returns a JavaScript promise, which wrapPromise wraps.
"""
import asyncio
import concurrent.futures


def fail():
    raise ValueError('from the thread')


async def main():
    loop = asyncio.get_running_loop()
    executor = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    fut = asyncio.wrap_future(executor.submit(pow, 2, 8))
    print(f'isfuture: {asyncio.isfuture(fut)!r}; its loop is the running loop: {fut.get_loop() is loop!r}')
    print(f'result: {await fut!r}')
    failing = asyncio.wrap_future(executor.submit(fail))
    try:
        await failing
    except Exception as exc:
        print(f'exception: {exc!r}')
    own = loop.create_future()
    print(f'wrap_future(own) is own: {asyncio.wrap_future(own) is own!r}')
    executor.shutdown(wait=True)


asyncio.run(main())
