"""Negative delays are allowed: due timers run in `when` order, after the handles already ready (catalogue 2.7)."""
from parity import fmt_time, new_event_loop, stamp

loop = new_event_loop()


def log(name):
    print(f'{stamp(loop)} {name}')


loop.call_later(-1, log, 'a (delay -1)')
loop.call_later(-2, log, 'b (delay -2)')
loop.call_later(0, log, 'c (delay 0)')
loop.call_soon(log, 'd (call_soon)')
h = loop.call_later(-3, log, 'e (delay -3)')
print(f'when of delay -3: {fmt_time(h.when())}')
loop.call_later(1, loop.stop)
loop.run_forever()
loop.close()
