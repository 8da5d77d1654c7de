"""A task that awaits itself gets RuntimeError('Task cannot await on itself: ...') at the next iteration (catalogue 3.8)."""
import asyncio

from parity import new_event_loop, ticker


async def selfish():
    me = asyncio.current_task()
    try:
        await me
    except RuntimeError as exc:
        print(f'selfish: caught {exc!r}')
    asyncio.get_running_loop().stop()
    return 'still alive'


loop = new_event_loop()
ticker(loop, 3)
t = loop.create_task(selfish(), name='selfish')
loop.run_forever()
print(f'result: {t.result()!r}')
loop.close()
