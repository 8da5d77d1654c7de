"""cancel(msg) makes result() and exception() raise CancelledError(msg); a done future refuses to change (catalogue 1.2, 1.7)."""
from parity import new_event_loop, outcome

loop = new_event_loop()
fut = loop.create_future()
fut.add_done_callback(lambda f: print(f'callback: cancelled={f.cancelled()}'))

print(f'cancel("boom") -> {fut.cancel("boom")}')
print(f'done={fut.done()} cancelled={fut.cancelled()}')
print(f'result(): {outcome(fut.result)}')
print(f'exception(): {outcome(fut.exception)}')
print(f'cancel() again -> {fut.cancel()}')
print(f'set_result(1): {outcome(lambda: fut.set_result(1))}')
print(f'set_exception(ValueError()): {outcome(lambda: fut.set_exception(ValueError()))}')
print(f'repr: {fut!r}')

plain = loop.create_future()
plain.cancel()
print(f'without a message, result(): {outcome(plain.result)}')

loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
