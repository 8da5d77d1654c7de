"""Callbacks scheduled during an iteration run in the next one, not in the current one (catalogue 2.2)."""
from parity import new_event_loop

loop = new_event_loop()


def a():
    print('a: schedules b')
    loop.call_soon(b)


def b():
    print('b')


def c():
    print('c')


# One iteration runs a, stop and c: the handles ready when it began. b was queued by a during
# that iteration, so it waits for the next one, and stop() ends run_forever before it.
loop.call_soon(a)
loop.call_soon(loop.stop)
loop.call_soon(c)
loop.run_forever()
print('run_forever returned')
# The next run starts with b; stop() again ends it after that iteration.
loop.call_soon(loop.stop)
loop.run_forever()
print('run_forever returned')
loop.close()
