# requires: 3.13
"""A cancel that arrives after the task given to wait_for finished, but before wait_for resumed, cancels the waiter: the result is not returned (catalogue 3b.15, gh-86296; 3.11 returned it)."""
import asyncio

from parity import run, stamp


async def inner():
    await asyncio.sleep(1)
    return 'done'


async def waiter(inner_task):
    try:
        value = await asyncio.wait_for(inner_task, timeout=100)
        print(f'wait_for returned {value!r} (never)')
    except asyncio.CancelledError as exc:
        print(f'{stamp()} waiter: wait_for raised {exc!r}')
        raise


async def main():
    asyncio.current_task().set_name('main')
    inner_task = asyncio.create_task(inner(), name='inner')
    task = asyncio.create_task(waiter(inner_task), name='waiter')
    # main waits on inner first, so it resumes before the waiter does.
    await inner_task
    print(f'{stamp()} inner.done()={inner_task.done()} task.cancel() -> {task.cancel()}')
    try:
        await task
    except asyncio.CancelledError as exc:
        print(f'{stamp()} waiter raised {exc!r}, cancelled()={task.cancelled()}')
    print(f'inner result: {inner_task.result()!r}')


run(main())
