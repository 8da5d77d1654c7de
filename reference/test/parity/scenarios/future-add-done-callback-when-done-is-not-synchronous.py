"""add_done_callback on a future that is already done schedules the callback, never calls it at once (catalogue 1.9)."""
from parity import new_event_loop

loop = new_event_loop()
fut = loop.create_future()
fut.set_result(42)

fut.add_done_callback(lambda f: print(f'cb: result={f.result()!r}'))
print('add_done_callback returned: cb has not run')
# The callback was queued with call_soon: it runs in the next iteration, after what was
# already queued before it, and before what is queued after it.
loop.call_soon(lambda: print('queued after cb'))
loop.call_soon(loop.stop)
loop.run_forever()
print('after one iteration')
loop.close()
