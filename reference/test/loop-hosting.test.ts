import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import {
  type Coroutine,
  createTask,
  getRunningLoop,
  newEventLoop,
  RuntimeError,
  run,
  sleep,
} from '../src/index.ts';
import { HostSelector } from '../src/selector.ts';
import { virtualLoop } from './helpers.ts';

/** Resolves after `ms` milliseconds of real time, on Node's own timers. */
function later(ms: number, fn: () => void): void {
  setTimeout(fn, ms);
}

describe('the virtual clock', () => {
  test('an hour of timers runs at once: virtual time reaches 3600 seconds', async () => {
    const loop = virtualLoop();
    let ticks = 0;
    const tick = () => {
      ticks++;
      if (ticks === 3600) loop.stop();
      else loop.callLater(1, tick);
    };
    loop.callLater(1, tick);
    await loop.runForever();
    expect(ticks).toBe(3600);
    expect(loop.time()).toBe(3600);
  });

  test('it jumps straight to the next timer when nothing is ready', async () => {
    const loop = virtualLoop();
    const times: number[] = [];
    loop.callLater(86400 * 365, () => {
      times.push(loop.time());
      loop.stop();
    });
    await loop.runForever();
    expect(times).toEqual([86400 * 365]);
  });

  test('nothing ready, no timer, nothing held: runForever rejects with a deadlock naming stop()', async () => {
    const loop = virtualLoop();
    loop.callSoon(() => {});
    const error = await loop.runForever().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeError);
    expect(String((error as Error).message)).toMatch(/^deadlock: /);
    expect((error as Error).message).toContain('waiting for stop()');
    expect(loop.isRunning()).toBe(false);
  });

  test('a timer at infinity never fires: a loop left with only that one is deadlocked', async () => {
    const loop = virtualLoop();
    loop.callLater(Number.POSITIVE_INFINITY, () => {});
    await expect(loop.runForever()).rejects.toThrow(/^deadlock: /);
    expect(loop.time()).toBe(0);
  });

  test('runUntilComplete on a future nothing will complete rejects with a deadlock naming it', async () => {
    const loop = virtualLoop();
    const fut = loop.createFuture();
    await expect(loop.runUntilComplete(fut)).rejects.toThrow(
      'deadlock: the event loop is waiting for <Future pending cb=[_run_until_complete_cb()]>, but ' +
        'no callback is ready, no timer is scheduled and no work outside the loop is pending',
    );
  });

  test('run() of a task stuck on a future rejects with a deadlock naming the task', async () => {
    function* main(): Coroutine<void> {
      yield* getRunningLoop().createFuture();
    }
    await expect(run(main(), { clock: 'virtual' })).rejects.toThrow(
      /^deadlock: the event loop is waiting for <Task pending name='Task-\d+' wait_for=<Future pending/,
    );
  });
});

describe('work held outside the loop', () => {
  test('while work is held, the virtual clock stands still and the loop waits for a wake-up', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callLater(5, () => {
      log.push(`timer at ${loop.time()}`);
      loop.stop();
    });
    loop.callSoon(() => {
      const release = loop._holdExternalWork('a test job');
      later(5, () => {
        loop.callSoonThreadsafe(() => log.push(`job done at ${loop.time()}`));
        release();
      });
    });
    await loop.runForever();
    expect(log).toEqual(['job done at 0', 'timer at 5']);
  });

  test('the running loop stays set while the loop waits for held work', async () => {
    const loop = virtualLoop();
    let seen: unknown = null;
    loop.callSoon(() => {
      const release = loop._holdExternalWork('job');
      later(1, () => {
        seen = getRunningLoop();
        loop.callSoonThreadsafe(() => loop.stop());
        release();
      });
    });
    await loop.runForever();
    expect(seen).toBe(loop);
  });

  test('releasing the last hold wakes the loop, which then sees the deadlock', async () => {
    const loop = virtualLoop();
    loop.callSoon(() => {
      const release = loop._holdExternalWork('job');
      later(1, () => {
        release();
        release(); // idempotent
      });
    });
    await expect(loop.runForever()).rejects.toThrow(/^deadlock: /);
    expect(loop._selector._holds.size).toBe(0);
  });

  test('a plain callSoon from outside does not wake the loop; callSoonThreadsafe does', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callSoon(() => {
      const release = loop._holdExternalWork('job');
      later(1, () => loop.callSoon(() => log.push('plain')));
      later(30, () => {
        log.push('outside, before the wake-up');
        loop.callSoonThreadsafe(() => {
          log.push('threadsafe');
          loop.stop();
        });
        release();
      });
    });
    await loop.runForever();
    expect(log).toEqual(['outside, before the wake-up', 'plain', 'threadsafe']);
  });
});

describe('hosting on Node', () => {
  test('callSoonThreadsafe wakes a real-clock loop that waits with no timer', async () => {
    const loop = newEventLoop();
    later(5, () => loop.callSoonThreadsafe(() => loop.stop()));
    await loop.runForever();
    expect(loop.isRunning()).toBe(false);
  });

  test('a real-clock timer fires after its delay', async () => {
    const loop = newEventLoop();
    const start = loop.time();
    let at = 0;
    loop.callLater(0.02, () => {
      at = loop.time();
      loop.stop();
    });
    await loop.runForever();
    expect(at - start).toBeGreaterThanOrEqual(0.02 - 1e-3);
  });

  test('a real-clock loop waiting for a timer does not spin', async () => {
    const loop = newEventLoop();
    const iterations = vi.spyOn(loop, '_selectTimeout');
    loop.callLater(0.05, () => loop.stop());
    await loop.runForever();
    // One iteration to start, one per wake-up of Node's timer (which may fire a little early).
    expect(iterations.mock.calls.length).toBeLessThan(6);
  });

  test('Node callbacks get through while tasks keep yielding', async () => {
    let flag = false;
    let spins = 0;
    function* spinner(): Coroutine<void> {
      while (!flag) {
        spins++;
        yield;
      }
    }
    function* main(): Coroutine<void> {
      setImmediate(() => {
        flag = true;
      });
      const a = createTask(spinner());
      const b = createTask(spinner());
      yield* a;
      yield* b;
    }
    const hops = vi.spyOn(HostSelector.prototype, 'hop');
    await run(main(), { clock: 'virtual' });
    expect(flag).toBe(true);
    expect(spins).toBeGreaterThan(0);
    // The loop never had to wait: Node got its turn through a hand-over after a time slice.
    expect(hops).toHaveBeenCalled();
    hops.mockRestore();
  });

  test('runForever returns a promise and runs the first iterations before it returns', async () => {
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callSoon(() => log.push('ran'));
    loop.callSoon(() => loop.stop());
    const done = loop.runForever();
    expect(done).toBeInstanceOf(Promise);
    expect(log).toEqual(['ran']);
    await done;
  });

  test('while one loop waits, starting another is refused', async () => {
    const first = newEventLoop();
    later(5, () => first.callSoonThreadsafe(() => first.stop()));
    const running = first.runForever();
    const second = virtualLoop();
    await expect(second.runForever()).rejects.toThrow(
      'Cannot run the event loop while another loop is running',
    );
    await running;
  });

  test('a real-clock loop that Node has nothing left to wake rejects with a deadlock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deadlock-'));
    const script = join(dir, 'main.ts');
    const index = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    writeFileSync(
      script,
      `import { run, getRunningLoop } from ${JSON.stringify(index)};
function* main() { yield* getRunningLoop().createFuture(); }
run(main()).catch((e) => { console.log(e.message); });
`,
    );
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', 'tsx', script], (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      );
    });
    expect(output).toMatch(/^deadlock: the event loop is waiting for <Task pending/);
    expect(output).toContain('Node has nothing left to run that could wake it');
  }, 30_000);
});

describe('sleep on the virtual clock', () => {
  test('a program that sleeps for an hour ends at virtual time 3600', async () => {
    let end = -1;
    function* main(): Coroutine<void> {
      for (let minute = 0; minute < 60; minute++) yield* sleep(60);
      end = getRunningLoop().time();
    }
    await run(main(), { clock: 'virtual' });
    expect(end).toBe(3600);
  });
});
