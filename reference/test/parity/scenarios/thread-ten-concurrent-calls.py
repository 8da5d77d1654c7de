"""Ten concurrent to_thread calls, each in its own task, all run, each function exactly once, and each task gets its own result (catalogue 6.3)."""
import asyncio
import threading

calls = [0]
lock = threading.Lock()


def square(n):
    with lock:
        calls[0] += 1
    return n * n


async def main():
    tasks = [asyncio.create_task(asyncio.to_thread(square, n), name=f'call-{n}') for n in range(10)]
    results = [await task for task in tasks]
    print(f'results: {results!r}')
    print(f'calls: {calls[0]!r}')
    print(f'names: {[task.get_name() for task in tasks]!r}')


asyncio.run(main())
