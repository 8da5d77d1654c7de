# requires: 3.13
"""as_completed starts every awaitable, and its timeout, at the call; its coroutines return results in completion order, and after the timeout each one left raises TimeoutError while the work goes on (catalogue 3b.17).

The awaitables are given as tasks: as_completed wraps coroutines in tasks in the order of a set.
"""
import asyncio

from parity import run, stamp


async def child(name, delay):
    await asyncio.sleep(delay)
    print(f'{stamp()} {name}: done')
    return name


async def main():
    asyncio.current_task().set_name('main')
    tasks = [asyncio.create_task(child(name, delay), name=name) for name, delay in (('slow', 3), ('fast', 1), ('medium', 2))]
    for next_done in asyncio.as_completed(tasks):
        result = await next_done
        print(f'{stamp()} got {result!r}')

    tasks = [asyncio.create_task(child(name, delay), name=name) for name, delay in (('quick', 1), ('late', 5), ('later', 6))]
    iterator = asyncio.as_completed(tasks, timeout=2)
    await asyncio.sleep(3)
    print(f'{stamp()} starts iterating')
    for next_done in iterator:
        try:
            result = await next_done
            print(f'{stamp()} got {result!r}')
        except TimeoutError as exc:
            print(f'{stamp()} {exc!r}')
    print(f'{stamp()} cancelled: {[t.cancelled() for t in tasks]}')
    await asyncio.wait(tasks)


run(main())
