"""The benchmark workloads in CPython's asyncio, written idiomatically.

Usage: python3 bench/asyncio_bench.py <workload> <n> [variant] [warm|cold]

Each run measures one workload once and prints one line, ``@@bench {json}``, with the same
fields as the TypeScript workloads (bench/workloads/common.ts): ``ms`` (wall time of the
measured section), ``cpuMs``, ``peakRss`` and ``startRss`` (bytes), and where asked
``bytesPerTask`` (tracemalloc's growth per live task) or ``lateMedianMs``/``lateP99Ms``.
"""

import asyncio
import gc
import json
import math
import os
import random
import resource
import sys
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor

# Workload F: the size of each job, the workers, and the jobs that start them before timing.
F_JOB_SIZE = 20_000
F_WORKERS = 2
F_WARMUP_JOBS = 4
# Workload G: each job long enough that two at once would visibly halve the time.
G_JOB_SIZE = 10_000_000


def rss_now():
    """The resident set size now, in bytes."""
    with open('/proc/self/statm') as statm:
        return int(statm.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')


class Stopwatch:
    """Wall and CPU time of a measured section, and the RSS before it started."""

    def __init__(self):
        self.start_rss = rss_now()
        self.t0 = time.perf_counter()
        self.c0 = time.process_time()

    def stop(self):
        return {
            'ms': (time.perf_counter() - self.t0) * 1000,
            'cpuMs': (time.process_time() - self.c0) * 1000,
            # ru_maxrss is in KiB on Linux.
            'peakRss': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            'startRss': self.start_rss,
        }


def check(what, actual, expected):
    if actual != expected:
        raise AssertionError(f'{what}: expected {expected}, got {actual}')


def ping_pong(n, variant):
    """A: two tasks handing control back and forth through sleep(0), n switches in all."""

    async def side(turns):
        for _ in range(turns):
            await asyncio.sleep(0)

    async def main():
        a = asyncio.create_task(side(n // 2))
        b = asyncio.create_task(side(n // 2))
        await a
        await b

    watch = Stopwatch()
    asyncio.run(main())
    return watch.stop()


def spawn_join(n, variant):
    """B: spawn n tasks that return a value at once, then join them (gather, or a loop)."""

    async def child(i):
        return i

    async def main():
        tasks = [asyncio.create_task(child(i)) for i in range(n)]
        if variant == 'loop':
            total = 0
            for task in tasks:
                total += await task
            return total
        return sum(await asyncio.gather(*tasks))

    watch = Stopwatch()
    total = asyncio.run(main())
    measured = watch.stop()
    check('sum of results', total, n * (n - 1) // 2)
    return measured


def pending_memory(n, variant):
    """B, memory: n tasks alive, all awaiting one future; tracemalloc's growth per task."""
    result = {}

    async def waiter(gate):
        return await gate

    async def main():
        gate = asyncio.get_running_loop().create_future()
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        tasks = [asyncio.create_task(waiter(gate)) for _ in range(n)]
        await asyncio.sleep(0)  # One iteration: every task starts and parks on the gate.
        gc.collect()
        result['bytesPerTask'] = (tracemalloc.get_traced_memory()[0] - before) / n
        tracemalloc.stop()
        gate.set_result(None)
        await asyncio.gather(*tasks)

    watch = Stopwatch()
    asyncio.run(main())
    return {**watch.stop(), **result}


def percentiles(values):
    values.sort()

    def at(q):
        return values[min(len(values) - 1, int(q * len(values)))]

    return {'lateMedianMs': at(0.5), 'lateP99Ms': at(0.99)}


def sleepers(n, variant):
    """C: n tasks each sleeping a random 0 to 100 ms (whole ms) of real time, gathered."""
    delays = [random.randint(0, 100) for _ in range(n)]
    late = [0.0] * n

    async def sleeper(i):
        start = time.perf_counter()
        await asyncio.sleep(delays[i] / 1000)
        late[i] = (time.perf_counter() - start) * 1000 - delays[i]

    async def main():
        await asyncio.gather(*[asyncio.create_task(sleeper(i)) for i in range(n)])

    watch = Stopwatch()
    asyncio.run(main())
    return {**watch.stop(), **percentiles(late)}


def callbacks(n, variant):
    """D: n plain callbacks through call_soon, queued at once (batch) or one by one (chain)."""
    loop = asyncio.new_event_loop()
    count = 0
    watch = Stopwatch()
    if variant == 'chain':

        def step():
            nonlocal count
            count += 1
            if count == n:
                loop.stop()
            else:
                loop.call_soon(step)

        loop.call_soon(step)
    else:

        def done():
            nonlocal count
            count += 1
            if count == n:
                loop.stop()

        for _ in range(n):
            loop.call_soon(done)
    loop.run_forever()
    measured = watch.stop()
    loop.close()
    check('callbacks run', count, n)
    return measured


def future_chain(n, variant):
    """E: a chain of n tasks, each awaiting the one before; the first awaits a future."""

    async def link(previous):
        return await previous + 1

    async def main():
        root = asyncio.get_running_loop().create_future()
        last = root
        for _ in range(n):
            last = asyncio.create_task(link(last))
        await asyncio.sleep(0)  # Every link starts and parks on the one before.
        root.set_result(0)
        return await last

    watch = Stopwatch()
    value = asyncio.run(main())
    measured = watch.stop()
    check('end of the chain', value, n)
    return measured


def cpu_job(n):
    total = 0.0
    for i in range(n):
        total += math.sqrt(i)
    return total


def check_close(what, values, expected):
    if abs(sum(values) - expected) > 1e-9 * expected:
        raise AssertionError(f'{what}: expected {expected}, got {sum(values)}')


def threads(n, variant, size=F_JOB_SIZE):
    """F (and G with size): n CPU jobs through to_thread, on a default executor of 2 workers."""
    result = {}

    async def main():
        asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=F_WORKERS))
        await asyncio.gather(*(asyncio.to_thread(cpu_job, F_JOB_SIZE) for _ in range(F_WARMUP_JOBS)))
        watch = Stopwatch()
        values = await asyncio.gather(*(asyncio.to_thread(cpu_job, size) for _ in range(n)))
        result.update(watch.stop())
        check_close('job results', values, n * cpu_job(size))

    asyncio.run(main())
    return result


def overlap(n, variant):
    """G: n CPU-bound jobs through to_thread (2 workers), or one after another on the loop."""
    if variant != 'loop':
        return threads(n, variant, G_JOB_SIZE)

    async def job():
        return cpu_job(G_JOB_SIZE)

    async def main():
        return await asyncio.gather(*(job() for _ in range(n)))

    watch = Stopwatch()
    values = asyncio.run(main())
    measured = watch.stop()
    check_close('job results', values, n * cpu_job(G_JOB_SIZE))
    return measured


WORKLOADS = {
    'A': ping_pong,
    'B': spawn_join,
    'Bmem': pending_memory,
    'C': sleepers,
    'D': callbacks,
    'E': future_chain,
    'F': threads,
    'G': overlap,
}


def main(argv):
    workload, n = argv[0], int(argv[1])
    variant = argv[2] if len(argv) > 2 else ''
    warm = len(argv) > 3 and argv[3] == 'warm'
    measure = WORKLOADS[workload]
    if warm:
        # As in the TypeScript workloads: a first run, kept as coldMs, then the measured one.
        cold = measure(n, variant)
        gc.collect()
        measurement = {**measure(n, variant), 'coldMs': cold['ms']}
    else:
        measurement = measure(n, variant)
    print('@@bench ' + json.dumps(measurement), flush=True)


if __name__ == '__main__':
    main(sys.argv[1:])
