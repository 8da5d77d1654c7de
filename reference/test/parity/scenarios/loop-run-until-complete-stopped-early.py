"""run_until_complete raises when the loop stops before the future is done; the task stays pending and can go on (catalogue 2.15)."""
import asyncio

from parity import new_event_loop, outcome, stamp

loop = new_event_loop()
x = 0


async def work():
    global x
    while x < 4:
        await asyncio.sleep(0.1)
        x += 1
        print(f'{stamp()} x={x}')
        if x == 2:
            loop.stop()
    return 'finished'


t = loop.create_task(work(), name='work')
print(f'run_until_complete: {outcome(lambda: loop.run_until_complete(t))}')
print(f'{stamp(loop)} done={t.done()} x={x}')
print(f'run_until_complete again: {outcome(lambda: loop.run_until_complete(t))}')
print(f'{stamp(loop)} done={t.done()} x={x}')

fut = loop.create_future()
loop.call_later(5, loop.stop)
print(f'a future nobody completes: {outcome(lambda: loop.run_until_complete(fut))}')
print(f'{stamp(loop)} future done={fut.done()}')
loop.close()
