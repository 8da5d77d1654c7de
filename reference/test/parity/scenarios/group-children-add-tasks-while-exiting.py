"""Children may start children while the parent waits in the group's exit; the group ends when the last of them does, and only then is it finished (catalogue 4.12)."""
import asyncio

from parity import run, stamp


async def leaf(name, delay):
    await asyncio.sleep(delay)
    print(f'{stamp()} {name} done')


async def root(tg):
    await asyncio.sleep(0.5)
    print(f'{stamp()} root: adds two children, group is {tg!r}')
    tg.create_task(leaf('leaf-1', 1), name='leaf-1')
    tg.create_task(leaf('leaf-2', 2), name='leaf-2')


async def main():
    asyncio.current_task().set_name('main')
    async with asyncio.TaskGroup() as tg:
        tg.create_task(root(tg), name='root')
        print(f'{stamp()} body ends: {tg!r}')
    print(f'{stamp()} group done: {tg!r}')
    coro = leaf('never', 0)
    try:
        tg.create_task(coro)
    except RuntimeError as exc:
        print(repr(exc))


run(main())
