"""An exception raised in the worker thread reaches the coroutine that awaits the job, and is the exception of its future (catalogue 6.2).

The reference rebuilds the error on the loop's side (a worker shares no objects): a JavaScript
error class survives, another class comes back as an Error with the same name. So the log
checks the repr and, for TypeError, the class; not that ValueError is the runtime's own class.
"""
import asyncio

from parity import outcome


def fail(kind):
    if kind == 'type':
        raise TypeError('nope')
    raise ValueError('bad value')


async def main():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.to_thread(fail, 'type')
    except TypeError as exc:
        print(f'to_thread: caught {exc!r}, a TypeError: {isinstance(exc, TypeError)!r}')
    try:
        await asyncio.to_thread(fail, 'value')
    except Exception as exc:
        print(f'to_thread: caught {exc!r}')
    fut = loop.run_in_executor(None, fail, 'value')
    try:
        await fut
    except Exception:
        pass
    print(f'exception(): {fut.exception()!r}')
    print(f'result(): {outcome(fut.result)}')


asyncio.run(main())
