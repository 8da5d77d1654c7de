"""current_task() is the task whose step runs (None in a plain callback); all_tasks() is the set of tasks not done yet (catalogue 3.21, 3.22)."""
import asyncio

from parity import outcome, run


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def worker(name):
    print(f'{name}: current_task()={asyncio.current_task().get_name()}')
    await asyncio.sleep(0)
    print(f'{name}: after sleep(0), current_task()={asyncio.current_task().get_name()}')


async def main():
    me = asyncio.current_task()
    me.set_name('main')
    loop = asyncio.get_running_loop()
    loop.call_soon(lambda: print(f'callback: current_task()={asyncio.current_task()!r}'))
    a = asyncio.create_task(worker('a'), name='a')
    b = asyncio.create_task(worker('b'), name='b')
    print(f'all_tasks()={names(asyncio.all_tasks())}')
    await a
    print(f'after a: all_tasks()={names(asyncio.all_tasks())}')
    await b
    print(f'after b: all_tasks()={names(asyncio.all_tasks())}')
    print(f'current_task() is main: {asyncio.current_task() is me}')


print(f'outside a loop, current_task(): {outcome(asyncio.current_task)}')
print(f'outside a loop, all_tasks(): {outcome(asyncio.all_tasks)}')
run(main())
