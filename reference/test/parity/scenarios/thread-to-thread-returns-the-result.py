"""to_thread returns the function's result; run_in_executor returns an asyncio Future of the loop and makes the default executor on first use (catalogue 6.1, 6.6).

Threads run on the real clock: the virtual clock of parity.py does not wait for them.
"""
import asyncio


def power(a, b):
    return a ** b


async def main():
    loop = asyncio.get_running_loop()
    print(f'default executor before: {loop._default_executor is not None!r}')
    print(f'to_thread(sum, [40, 2]): {await asyncio.to_thread(sum, [40, 2])!r}')
    print(f'default executor after: {loop._default_executor is not None!r}')
    fut = loop.run_in_executor(None, power, 2, 10)
    print(f'isfuture: {asyncio.isfuture(fut)!r}; its loop is the running loop: {fut.get_loop() is loop!r}')
    print(f'await: {await fut!r}; done(): {fut.done()!r}; result(): {fut.result()!r}')


asyncio.run(main())
