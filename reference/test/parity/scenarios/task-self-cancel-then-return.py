"""A task that cancels itself and then returns without awaiting ends cancelled, not with its return value (catalogue 3.14, 3.19)."""
import asyncio

from parity import new_event_loop, outcome


async def quitter():
    me = asyncio.current_task()
    print(f'quitter: cancel("bye") -> {me.cancel("bye")}')
    print('quitter: returns 12')
    return 12


async def raiser():
    # A coroutine may also raise CancelledError itself, without any cancel() call.
    raise asyncio.CancelledError('by hand')


loop = new_event_loop()
t = loop.create_task(quitter(), name='quitter')
r = loop.create_task(raiser(), name='raiser')
loop.call_soon(loop.stop)
loop.run_forever()
print(f'quitter: cancelled()={t.cancelled()} result(): {outcome(t.result)}')
print(f'raiser: cancelled()={r.cancelled()} cancelling()={r.cancelling()} result(): {outcome(r.result)}')
loop.close()
