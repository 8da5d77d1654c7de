"""From the loop's own thread, call_soon_threadsafe queues like call_soon: in order with it, in the next iteration (catalogue 6.8)."""
from parity import new_event_loop, ticker

loop = new_event_loop()
ticker(loop, 2)


def note(what):
    print(what)


def from_a_callback():
    loop.call_soon_threadsafe(note, 'queued by a callback: runs in the next iteration')
    loop.call_soon(loop.stop)


loop.call_soon(note, 'hello')
loop.call_soon_threadsafe(note, 'world')
loop.call_soon(note, 'call_soon after it')
loop.call_soon_threadsafe(from_a_callback)
loop.run_forever()
loop.close()
print('closed')
