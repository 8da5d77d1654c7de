"""A loop stopped before run_forever runs exactly one iteration, without waiting for timers (catalogue 2.4)."""
from parity import new_event_loop, stamp

loop = new_event_loop()


def a():
    print(f'{stamp(loop)} a: schedules b')
    loop.call_soon(lambda: print(f'{stamp(loop)} b'))


loop.call_soon(a)
loop.call_later(0, lambda: print(f'{stamp(loop)} timer due now'))
loop.call_later(1, lambda: print(f'{stamp(loop)} timer at 1'))
loop.stop()
loop.run_forever()
print(f'{stamp(loop)} run_forever returned after one iteration')
loop.stop()
loop.run_forever()
print(f'{stamp(loop)} again, one iteration')
loop.call_later(1.5, loop.stop)
loop.run_forever()
print(f'{stamp(loop)} third run_forever returned')
loop.close()
