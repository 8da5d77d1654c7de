"""stop() takes effect after the current iteration: every handle ready at its start still runs (catalogue 2.3, 2.5)."""
from parity import new_event_loop, stamp

loop = new_event_loop()


def first():
    print('first: schedules later')
    loop.call_soon(lambda: print('later (next run)'))


def stopper():
    print('stopper: calls stop() twice')
    loop.stop()
    loop.stop()


loop.call_soon(first)
loop.call_soon(stopper)
loop.call_soon(lambda: print('after the stopper, same iteration'))
loop.call_later(0, lambda: print(f'{stamp(loop)} due timer, same iteration'))
loop.run_forever()
print(f'{stamp(loop)} run_forever returned')
# stop() does not leak into the next run: it runs until something stops it again.
loop.call_later(1, loop.stop)
loop.run_forever()
print(f'{stamp(loop)} second run_forever returned')
loop.close()
