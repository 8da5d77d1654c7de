"""A task's done callbacks run in registration order; a task awaiting it resumes in its turn among them (catalogue 3.24)."""
import asyncio

from parity import new_event_loop, stamp

loop = new_event_loop()


async def child():
    await asyncio.sleep(1)
    print(f'{stamp(loop)} child returns')
    return 'c'


async def parent(task):
    print('parent: awaits child')
    print(f'parent: resumed with {await task!r}')


t = loop.create_task(child(), name='child')
t.add_done_callback(lambda _: print('cb1'))
p = loop.create_task(parent(t), name='parent')
t.add_done_callback(lambda _: print('cb2 (added before parent awaited)'))
# Queued after the parent's first step: registered after the parent's wake-up.
loop.call_soon(lambda: t.add_done_callback(lambda _: print('cb3 (added after parent awaited)')))
loop.run_until_complete(p)
loop.close()
