"""wait() returns (done, pending) for FIRST_COMPLETED, FIRST_EXCEPTION and ALL_COMPLETED; on timeout it raises nothing and cancels nothing; cancelling the waiter leaves the futures alone (catalogue 3b.11, 3b.12, 3b.13).

Sets have no defined order: they are printed sorted by task name.
"""
import asyncio

from parity import run, stamp


async def child(delay, fails=False):
    await asyncio.sleep(delay)
    if fails:
        raise ValueError('failed')
    return delay


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def main():
    asyncio.current_task().set_name('main')
    for mode in ('FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED'):
        tasks = [
            asyncio.create_task(child(1), name='one'),
            asyncio.create_task(child(2, fails=True), name='two-fails'),
            asyncio.create_task(child(3), name='three'),
        ]
        done, pending = await asyncio.wait(tasks, return_when=mode)
        print(f'{stamp()} {mode}: done={names(done)} pending={names(pending)}')
        await asyncio.wait(tasks)
        tasks[1].exception()  # retrieved: asyncio would log it at garbage collection

    slow = asyncio.create_task(child(5), name='slow')
    done, pending = await asyncio.wait([slow], timeout=1)
    print(f'{stamp()} timeout: done={names(done)} pending={names(pending)} slow.cancelled()={slow.cancelled()}')

    w = asyncio.create_task(asyncio.wait([slow]), name='waiter')
    await asyncio.sleep(1)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError as exc:
        print(f'{stamp()} waiter raised {exc!r}, slow.cancelled()={slow.cancelled()}')
    result = await slow
    print(f'{stamp()} slow returned {result!r}')

    fut = asyncio.get_running_loop().create_future()
    for args, kwargs in (((fut,), {}), (([],), {}), (([fut],), {'return_when': 'bogus'})):
        try:
            await asyncio.wait(*args, **kwargs)
        except (TypeError, ValueError) as exc:
            print(repr(exc))


run(main())
