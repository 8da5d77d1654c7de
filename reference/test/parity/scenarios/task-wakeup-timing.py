"""A task awaiting a future resumes in the iteration after set_result, from the future's done callback (catalogue 3.4, 3.24)."""
import asyncio

from parity import new_event_loop, ticker

loop = new_event_loop()


async def waiter(fut):
    print('waiter: awaits fut')
    value = await fut
    print(f'waiter: resumed with {value!r}')
    return 'waiter done'


async def follower(task):
    print('follower: awaits the waiter task')
    value = await task
    print(f'follower: resumed with {value!r}')


def setter():
    print('setter: fut.set_result("v")')
    fut.set_result('v')


ticker(loop, 5)
fut = loop.create_future()
t = loop.create_task(waiter(fut), name='waiter')
f = loop.create_task(follower(t), name='follower')
loop.call_soon(setter)
loop.run_until_complete(f)
loop.close()
