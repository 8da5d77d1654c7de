"""What the Python side of a parity scenario uses: the virtual-time loop, and helpers that print
exactly what the TypeScript side's ``scenario.ts`` helpers print.

A scenario's Python side is ``scenarios/<name>.py``, a script that prints its log, one event a
line; ``scenarios/<name>.ts`` must log the same lines.
"""

import asyncio

from virtual_clock import VirtualClockLoop, new_event_loop, run

__all__ = [
    'VirtualClockLoop',
    'fmt_time',
    'new_event_loop',
    'outcome',
    'run',
    'stamp',
    'ticker',
]


def fmt_time(seconds):
    """A loop time as both sides print it: Python's float repr without a trailing ``.0``
    (``0``, ``0.5``, ``1``, ``0.30000000000000004``), which is JavaScript's ``String(n)`` for
    every time from 0.0001 to 1e16 (the scenarios' virtual times)."""
    text = repr(float(seconds))
    return text[:-2] if text.endswith('.0') else text


def stamp(loop=None):
    """``t=<loop time>`` of ``loop``, or of the running loop: the prefix of a timed log line."""
    if loop is None:
        loop = asyncio.get_running_loop()
    return f't={fmt_time(loop.time())}'


def ticker(loop, count, log=print):
    """Logs ``-- iteration N`` once per loop iteration, ``count`` times, to show where the
    iteration boundaries fall. Each tick queues the next one, so a ticker started before
    anything else is queued runs first in every iteration (timers that fall due are queued
    after it)."""
    n = 0

    def tick():
        nonlocal n
        n += 1
        log(f'-- iteration {n}')
        if n < count:
            loop.call_soon(tick)

    loop.call_soon(tick)


def outcome(fn):
    """Calls ``fn()`` and returns ``repr()`` of what it raised (``CancelledError('boom')``), or
    ``returned <repr>``: the TypeScript side's ``outcome(fn)``."""
    try:
        return f'returned {fn()!r}'
    except BaseException as exc:  # noqa: BLE001 - CancelledError is a BaseException
        return repr(exc)
