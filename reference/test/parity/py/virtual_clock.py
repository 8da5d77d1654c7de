"""Virtual time for the Python side of the parity scenarios.

Debian's Python has no ``test.test_asyncio.utils`` (CPython's ``TestLoop``), so the scenarios
bring their own: :class:`VirtualClockLoop` is asyncio's ordinary selector event loop whose
``time()`` is a counter that starts at 0, and whose selector, instead of sleeping until the next
timer, moves that counter to the timer's deadline at once. It is the course's
``newEventLoop({ clock: 'virtual' })`` (COURSE.md section 2):

- the clock starts at 0 and only moves when the loop would otherwise wait;
- it jumps to the earliest timer's exact ``when``, as the course's clock does (not to
  ``time() + timeout``, whose rounding could leave the clock one ulp off the deadline, and the
  two sides would print different times);
- a loop with nothing ready, no timer and nothing arriving from outside is deadlocked: it raises
  ``RuntimeError('deadlock: ...')`` instead of blocking forever, as the course's loop rejects.

Everything else is asyncio's own ``BaseEventLoop._run_once``, untouched: the iteration
boundaries, the ready queue and the timer heap are exactly CPython's.

Works on Python 3.11 and later (``asyncio.Runner`` with ``loop_factory`` is 3.11).
"""

import asyncio
import selectors

__all__ = ['VirtualClockLoop', 'new_event_loop', 'run']


class _JumpingSelector(selectors.DefaultSelector):
    """The loop's selector: polls without blocking, and moves the virtual clock instead of
    waiting. A ``call_soon_threadsafe`` that already arrived (the self-pipe) is still seen by the
    zero-timeout poll, but the clock does not wait for work still running in a thread, as the
    course's clock does: scenarios with threads use real time."""

    def __init__(self):
        super().__init__()
        self.loop = None  # set by VirtualClockLoop once it exists

    def select(self, timeout=None):
        events = super().select(0)
        if events or timeout == 0:
            return events
        loop = self.loop
        scheduled = loop._scheduled  # asyncio's timer heap; _run_once purged its cancelled head
        if not scheduled:
            # asyncio would block here forever (timeout None): nothing can ever wake the loop.
            raise RuntimeError(
                'deadlock: the event loop is waiting, but no callback is ready, '
                'no timer is scheduled and no work outside the loop is pending'
            )
        # Nothing else can happen before the next timer: skip straight to its deadline.
        loop._virtual_now = max(loop._virtual_now, scheduled[0]._when)
        return events


class VirtualClockLoop(asyncio.SelectorEventLoop):
    """asyncio's event loop on virtual time: ``time()`` starts at 0 and jumps to the next timer
    whenever the loop would wait."""

    def __init__(self):
        selector = _JumpingSelector()
        super().__init__(selector)
        self._virtual_now = 0.0
        selector.loop = self

    def time(self):
        return self._virtual_now


def new_event_loop():
    """A new event loop on virtual time (the course's ``newEventLoop({ clock: 'virtual' })``)."""
    return VirtualClockLoop()


def run(main):
    """``asyncio.run(main)`` on a virtual-time loop (the course's
    ``run(main, { clock: 'virtual' })``): the same runner, so the same shutdown (leftover tasks
    cancelled and awaited, then the loop closed)."""
    with asyncio.Runner(loop_factory=VirtualClockLoop) as runner:
        return runner.run(main)

