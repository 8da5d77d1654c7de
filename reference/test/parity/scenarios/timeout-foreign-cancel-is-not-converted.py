"""A timeout converts only its own cancellation: a cancel from elsewhere before the deadline stays CancelledError (not expired), and so does one that comes on top of the expiry (catalogue 5.8, 5.9, 5.10)."""
import asyncio

from parity import run, stamp


async def foreign_cancel_before(label):
    async with asyncio.timeout(10) as cm:
        print(f'{label}: {cm!r}')
        asyncio.current_task().cancel('foreign')
        await asyncio.sleep(10)


async def foreign_cancel_on_top(label):
    async with asyncio.timeout(1) as cm:
        print(f'{label}: {cm!r}')
        try:
            await asyncio.sleep(10)
        finally:
            asyncio.current_task().cancel('foreign')
            await asyncio.sleep(1)


async def foreign_error(label):
    async with asyncio.timeout(1) as cm:
        print(f'{label}: {cm!r}')
        raise ValueError('foreign')


async def main():
    asyncio.current_task().set_name('main')
    for name, coro in (('before', foreign_cancel_before), ('on top', foreign_cancel_on_top), ('error', foreign_error)):
        t = asyncio.create_task(coro(name), name=name)
        try:
            await t
        except BaseException as exc:
            print(f'{stamp()} {name}: raised {exc!r}')


run(main())
