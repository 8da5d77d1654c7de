"""remove_done_callback removes every registration and returns the count; after completion it is too late (catalogue 1.12, 1.13)."""
from parity import new_event_loop

loop = new_event_loop()


def cb1(fut):
    print('cb1 ran')


def cb2(fut):
    print('cb2 ran')


def cb3(fut):
    print('cb3 ran')


fut = loop.create_future()
fut.add_done_callback(cb1)
fut.add_done_callback(cb2)
print(f'remove(cb2) -> {fut.remove_done_callback(cb2)}')
print(f'remove(cb3) -> {fut.remove_done_callback(cb3)}')
fut.add_done_callback(cb2)
for _ in range(5):
    fut.add_done_callback(cb1)
print(f'remove(cb1) -> {fut.remove_done_callback(cb1)}')
fut.set_result(None)
loop.run_until_complete(fut)
print('first future done')

# Once the future is done, its callbacks are already queued: removing finds nothing and the
# callback still runs.
late = loop.create_future()
late.add_done_callback(cb3)
late.set_result(None)
print(f'remove(cb3) after set_result -> {late.remove_done_callback(cb3)}')
loop.run_until_complete(late)
print('second future done')
loop.close()
