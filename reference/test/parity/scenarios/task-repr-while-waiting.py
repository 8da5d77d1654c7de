"""A task's repr names the future it waits for (wait_for=...), and a future's repr lists its pending callbacks (cb=[...]) (catalogue 1.18).

The harness drops what the reference cannot print (the coroutine's location, a callback's file
and line); the callbacks' names are compared as they are.
"""
import asyncio

from parity import new_event_loop

loop = new_event_loop()


async def waiter(fut):
    return await fut


def show():
    print(f'fut: {fut!r}')
    print(f'task: {t!r}')


fut = loop.create_future()
t = loop.create_task(waiter(fut), name='waiter')
print(f'before its first step: {t!r}')
loop.call_soon(show)
loop.call_soon(fut.set_result, 7)
loop.run_until_complete(t)
print(f'done: {t!r}')

sleeper = loop.create_task(asyncio.sleep(0), name='sleeper')
print(f'sleeper: {sleeper!r}')
loop.run_until_complete(sleeper)
print(f'sleeper done: {sleeper!r}')
loop.close()
