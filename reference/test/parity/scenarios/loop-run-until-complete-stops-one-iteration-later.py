"""run_until_complete stops through a done callback, in the iteration after the future completes, and removes it (catalogue 2.14)."""
from parity import new_event_loop, stamp, ticker

loop = new_event_loop()
fut = loop.create_future()


def complete():
    print(f'{stamp(loop)} complete: queues x, then sets the result')
    loop.call_soon(x)
    fut.set_result('done')


def x():
    print(f'{stamp(loop)} x: runs before the stop callback, queues y')
    loop.call_soon(lambda: print(f'{stamp(loop)} y'))


loop.call_later(1, complete)
print(f'result: {loop.run_until_complete(fut)!r}')
print(f'{stamp(loop)} returned; y has not run')
# The stop callback was removed: a second run on the done future is one more iteration (the
# callback added again), in which y runs first.
print(f'again: {loop.run_until_complete(fut)!r}')
other = loop.create_future()
ticker(loop, 3)
loop.call_later(2, other.set_result, 'other')
print(f'other: {loop.run_until_complete(other)!r}')
print(f'{stamp(loop)} returned')
loop.close()
