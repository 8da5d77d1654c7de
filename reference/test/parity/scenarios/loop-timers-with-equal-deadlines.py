"""Timers with equal deadlines all run in the same iteration, in an order asyncio leaves open (catalogue 2.8).

asyncio's timer heap is not stable: timers with the same `when` may run in any order. So this
scenario does not log the order in which a, b, c and d run, only that they all ran in one
iteration, after the earlier timer and before the later one.
"""
from parity import new_event_loop, stamp

loop = new_event_loop()
fired = []


def at_one(name):
    if not fired:
        # Runs in the next iteration, so after every timer due in this one.
        loop.call_soon(report)
    fired.append(name)


def report():
    print(f'{stamp(loop)} together: {" ".join(sorted(fired))}')


loop.call_at(2, lambda: print(f'{stamp(loop)} late'))
for name in ['c', 'a', 'd', 'b']:
    loop.call_at(1, at_one, name)
loop.call_at(0.5, lambda: print(f'{stamp(loop)} early'))
loop.call_at(2.5, loop.stop)
loop.run_forever()
loop.close()
