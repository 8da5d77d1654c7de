"""A future's done callbacks join the ready queue FIFO with handles already queued (catalogue 1.10)."""
from parity import new_event_loop

loop = new_event_loop()
fut = loop.create_future()
fut.add_done_callback(lambda f: print(f'D: done callback, result={f.result()!r}'))


def setter():
    # A was queued before set_result and B after it: D, queued by set_result, runs between.
    loop.call_soon(lambda: print('A'))
    fut.set_result('x')
    print('set_result returned: D has not run')
    loop.call_soon(lambda: print('B'))
    loop.call_soon(loop.stop)


loop.call_soon(setter)
loop.run_forever()
print('run_forever returned')
loop.run_until_complete(fut)
loop.close()
