"""call_at and call_later run in order of `when`, whatever the order they were scheduled in; the clock jumps to each deadline (catalogue 2.6)."""
from parity import fmt_time, new_event_loop, stamp

loop = new_event_loop()


def log(name):
    print(f'{stamp(loop)} {name}')


h = loop.call_at(3, log, 'c (call_at 3)')
print(f'when()={fmt_time(h.when())}')
loop.call_at(1, log, 'a (call_at 1)')
loop.call_later(2.5, log, 'b2 (call_later 2.5)')
loop.call_at(2, log, 'b1 (call_at 2)')
loop.call_later(0.1, log, 'first (call_later 0.1)')
loop.call_at(0.3, lambda: loop.call_later(0.2, log, 'nested (0.3 + 0.2)'))
loop.call_at(4, loop.stop)
loop.run_forever()
print(f'{stamp(loop)} stopped')
loop.close()
