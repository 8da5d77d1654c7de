"""An error raised in a task is its exception: an awaiting task gets the very same error object, and result() raises it (catalogue 3 step 4, 3.24)."""
import asyncio

from parity import outcome, run


async def failing():
    await asyncio.sleep(1)
    raise ValueError('bad')


async def main():
    asyncio.current_task().set_name('main')
    t = asyncio.create_task(failing(), name='failing')
    try:
        await t
    except ValueError as exc:
        print(f'main: caught {exc!r}; the task\'s own error: {exc is t.exception()}')
    print(f'done()={t.done()} cancelled()={t.cancelled()}')
    print(f'exception(): {t.exception()!r}')
    print(f'result(): {outcome(t.result)}')
    print(f'cancel() -> {t.cancel()}')


run(main())
