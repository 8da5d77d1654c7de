"""asyncio.run cancels the tasks left when main returns and waits for them: their finally blocks run first; errors they raise go to the exception handler (catalogue 3b.19).

asyncio cancels the leftovers in the order of a set, which is not defined: each task logs into
its own list, printed after run returns, so that only what asyncio guarantees is compared.
"""
import asyncio

from parity import run, stamp

events = {}


def note(name, line):
    events.setdefault(name, []).append(f'{stamp()} {line}')


async def sleeper(name, delay):
    try:
        await asyncio.sleep(delay)
        note(name, 'woke up (never)')
    except asyncio.CancelledError as exc:
        note(name, f'caught {exc!r}')
        raise
    finally:
        note(name, 'finally')


async def slow_cleanup():
    try:
        await asyncio.sleep(10)
    finally:
        note('slow', 'cleanup awaits sleep(1)')
        await asyncio.sleep(1)
        note('slow', 'cleanup done')


async def failing_cleanup():
    try:
        await asyncio.sleep(10)
    finally:
        raise ValueError('cleanup failed')


def handler(loop, context):
    print(f'handler: keys={sorted(context)}')
    print(f'handler: message={context["message"]}')
    print(f'handler: exception={context["exception"]!r}')
    print(f'handler: task={context["task"]!r}')


async def main():
    asyncio.current_task().set_name('main')
    asyncio.get_running_loop().set_exception_handler(handler)
    asyncio.create_task(sleeper('a', 5), name='a')
    asyncio.create_task(sleeper('b', 1), name='b')
    asyncio.create_task(slow_cleanup(), name='slow')
    asyncio.create_task(failing_cleanup(), name='failing')
    await asyncio.sleep(0.5)
    print(f'{stamp()} main returns')
    return 'main result'


print(f'run returned {run(main())!r}')
for name in sorted(events):
    for line in events[name]:
        print(f'{name}: {line}')
