"""Awaiting a future: its iterator yields the future itself once, flagged as blocking; a done future returns its result without yielding (catalogue 1.14, 1.15).

In TypeScript the iterator is `future[Symbol.iterator]()`, which `yield*` drives; here it is
driven by hand on both sides, as a Task would.
"""
from parity import new_event_loop

loop = new_event_loop()
fut = loop.create_future()
print(f'blocking flag before: {fut._asyncio_future_blocking}')
it = fut.__await__()
first = next(it)
print(f'first step yields the future itself: {first is fut}, blocking flag: {fut._asyncio_future_blocking}')
try:
    next(it)
except RuntimeError as exc:
    print(f'resumed while still pending: {exc!r}')

done = loop.create_future()
done.set_result(5)
try:
    next(done.__await__())
except StopIteration as stop:
    print(f'a done future returns at once: {stop.value!r}, blocking flag: {done._asyncio_future_blocking}')

failed = loop.create_future()
failed.set_exception(ValueError('bad'))
try:
    next(failed.__await__())
except ValueError as exc:
    print(f'a failed future raises at once: {exc!r}')

fut.set_result('late')
it = fut.__await__()
try:
    next(it)
except StopIteration as stop:
    print(f'once done, a new await returns {stop.value!r}')
loop.close()
