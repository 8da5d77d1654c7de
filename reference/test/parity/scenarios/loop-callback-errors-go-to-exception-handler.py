# requires: 3.13
"""A callback that raises goes to the exception handler and the loop carries on, also among a future's done callbacks (catalogue 2.19, 1.11).

Needs 3.13: earlier versions show the callback's arguments in the message and the handle's repr
even outside debug mode (`failing(<Future finished result=None>)`).
"""
from parity import new_event_loop

loop = new_event_loop()


def handler(loop, context):
    print(f'handler: keys={sorted(context)}')
    print(f'handler: message={context["message"]}')
    print(f'handler: exception={context["exception"]!r}')
    print(f'handler: handle={context["handle"]!r}')


def boom():
    raise ValueError('boom')


def failing(fut):
    raise RuntimeError('done callback failed')


def next_done_callback(fut):
    print('next done callback ran')


loop.set_exception_handler(handler)
loop.call_soon(boom)
loop.call_soon(lambda: print('the next callback ran'))
fut = loop.create_future()
fut.add_done_callback(failing)
fut.add_done_callback(next_done_callback)
fut.set_result(None)
loop.call_soon(loop.stop)
loop.run_forever()
print('run_forever returned normally')
loop.close()
