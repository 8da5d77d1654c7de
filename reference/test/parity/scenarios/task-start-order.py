"""create_task never runs the body at once: tasks start in the next iteration, in creation order (catalogue 3.1)."""
import asyncio

from parity import run, ticker


async def child(name, value):
    print(f'{name} start')
    await asyncio.sleep(0)
    print(f'{name} end')
    return value


async def main():
    asyncio.current_task().set_name('main')
    ticker(asyncio.get_running_loop(), 3)
    t1 = asyncio.create_task(child('child1', 1), name='child1')
    t2 = asyncio.create_task(child('child2', 2), name='child2')
    print('main before await')
    print(f'main got {await t1}')
    print(f'main got {await t2}')


run(main())
