"""A task cancelled before its first step never runs its body and ends cancelled with the message (catalogue 3.11)."""
import asyncio

from parity import new_event_loop, outcome, ticker

loop = new_event_loop()


async def body():
    try:
        print('body: started (never printed)')
        await asyncio.sleep(1)
    finally:
        print('body: finally (never printed either)')


ticker(loop, 2)
t = loop.create_task(body(), name='never')
print(f'cancel("early") -> {t.cancel("early")}')
print(f'cancelling()={t.cancelling()} done()={t.done()}')
print(f'repr(t): {t!r}')
loop.call_soon(loop.stop)
loop.run_forever()
print(f'cancelled()={t.cancelled()}')
print(f'result(): {outcome(t.result)}')
print(f'result() again: {outcome(t.result)}')
loop.close()
