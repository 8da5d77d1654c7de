"""shutdown_default_executor() waits until the jobs that run have finished and the workers are gone (catalogue 6, base_events.shutdown_default_executor).

The job waits until the loop releases it, so the shutdown cannot end before that.
"""
import asyncio
import threading


def job(release, finished):
    release.wait(10)
    finished.set()
    return 'job result'


async def main():
    asyncio.current_task().set_name('main')
    loop = asyncio.get_running_loop()
    release, finished = threading.Event(), threading.Event()
    fut = loop.run_in_executor(None, job, release, finished)
    shutdown = asyncio.create_task(loop.shutdown_default_executor(), name='shutdown')
    await asyncio.sleep(0.02)
    print(f'before the release: shutdown done: {shutdown.done()!r}; job finished: {finished.is_set()!r}')
    release.set()
    await shutdown
    print(f'shutdown returned; job finished: {finished.is_set()!r}')
    print(f'the job future: {await fut!r}')


asyncio.run(main())
