"""A cancelled handle or timer never runs, even when it is already in the ready queue; cancel() is idempotent (catalogue 2.10)."""
from parity import new_event_loop, stamp

loop = new_event_loop()


def canceller():
    print('canceller: cancels the next handle and a timer')
    victim.cancel()
    victim.cancel()
    timer.cancel()
    print(f'victim.cancelled()={victim.cancelled()} timer.cancelled()={timer.cancelled()}')


loop.call_soon(canceller)
victim = loop.call_soon(lambda: print('victim ran'))
timer = loop.call_later(1, lambda: print('timer ran'))
early = loop.call_soon(lambda: print('early ran'))
early.cancel()
loop.call_soon(lambda: print('last ran'))
loop.call_later(2, lambda: print(f'{stamp(loop)} timer at 2 ran'))
loop.call_later(3, loop.stop)
loop.run_forever()
print(f'{stamp(loop)} stopped')
loop.close()
