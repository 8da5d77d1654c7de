"""After shutdown_default_executor(), run_in_executor(None, ...) and to_thread raise RuntimeError('Executor shutdown has been called'); a shut-down executor refuses new jobs (catalogue 6, base_events.run_in_executor).

CPython's set_default_executor names its class in the message (ThreadPoolExecutor): the
reference names its own, so only the error's type is logged.
"""
import asyncio
import concurrent.futures

from parity import outcome


async def main():
    loop = asyncio.get_running_loop()
    print(f'before: {await asyncio.to_thread(pow, 2, 5)!r}')
    await loop.shutdown_default_executor()
    print('shutdown_default_executor() returned')
    print(f'run_in_executor(None): {outcome(lambda: loop.run_in_executor(None, pow, 2, 5))}')
    try:
        await asyncio.to_thread(pow, 2, 5)
    except RuntimeError as exc:
        print(f'to_thread: {exc!r}')
    await loop.shutdown_default_executor()
    print('a second shutdown_default_executor() returns too')
    executor = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    print(f'own executor: {await loop.run_in_executor(executor, pow, 2, 6)!r}')
    executor.shutdown(wait=True)
    print(f'after its shutdown: {outcome(lambda: loop.run_in_executor(executor, pow, 2, 6))}')
    try:
        loop.set_default_executor(object())
    except TypeError as exc:
        print(f'set_default_executor(object()): {type(exc).__name__}')


asyncio.run(main())
