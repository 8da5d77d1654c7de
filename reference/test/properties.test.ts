import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type EventLoop, type Handle, TimerHandle } from '../src/index.ts';
import { type LiveTask, LiveTasks } from '../src/live-tasks.ts';
import { TimerHeap } from '../src/timer-heap.ts';
import { runOnce, virtualLoop } from './helpers.ts';

/** Every parent is due no later than its children (ties broken by sequence number). */
function isHeap(items: readonly TimerHandle[]): boolean {
  return items.every((child, i) => {
    if (i === 0) return true;
    const parent = items[(i - 1) >> 1];
    return parent._when < child._when || (parent._when === child._when && parent._seq < child._seq);
  });
}

/** The loop's count of cancelled timers matches the cancelled timers still in its heap. */
function countIsExact(loop: EventLoop): boolean {
  const inHeap = loop._scheduled._items.filter((t) => t._cancelled).length;
  return loop._timerCancelledCount === inHeap;
}

type TimerOp = { kind: 'at'; when: number } | { kind: 'cancel'; index: number };

const timerOp: fc.Arbitrary<TimerOp> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('at' as const),
      when: fc.integer({ min: -5, max: 200 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), index: fc.nat() }) },
);

interface Scheduled {
  id: number;
  when: number;
  timer: TimerHandle;
  cancelled: boolean;
  fired: boolean;
}

/** Applies `ops` to `loop`, recording each timer in `timers`; fired timers log their id. */
function apply(
  loop: EventLoop,
  ops: readonly TimerOp[],
  timers: Scheduled[],
  fired: number[],
): void {
  for (const op of ops) {
    if (op.kind === 'at') {
      const id = timers.length;
      const entry: Scheduled = {
        id,
        when: op.when,
        cancelled: false,
        fired: false,
        timer: undefined as never,
      };
      entry.timer = loop.callAt(op.when, () => {
        entry.fired = true;
        fired.push(id);
      });
      timers.push(entry);
    } else if (timers.length > 0) {
      const entry = timers[op.index % timers.length];
      entry.timer.cancel();
      if (!entry.fired) entry.cancelled = true;
    }
  }
}

/** The ids that must fire next: live, unfired timers in (when, scheduling order). */
function expectedOrder(timers: readonly Scheduled[], until = Number.POSITIVE_INFINITY): number[] {
  return timers
    .filter((t) => !t.cancelled && !t.fired && t.when < until)
    .sort((a, b) => a.when - b.when || a.id - b.id)
    .map((t) => t.id);
}

async function runUntil(loop: EventLoop, time: number): Promise<void> {
  loop.callAt(time, () => loop.stop());
  await loop.runForever();
}

describe('timer heap properties', () => {
  test('any sequence of callAt and cancel fires exactly the live timers, in when order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(timerOp, { maxLength: 300 }),
        fc.array(timerOp, { maxLength: 300 }),
        fc.integer({ min: 0, max: 150 }),
        async (first, second, pause) => {
          const loop = virtualLoop();
          const timers: Scheduled[] = [];
          const fired: number[] = [];
          apply(loop, first, timers, fired);
          expect(isHeap(loop._scheduled._items)).toBe(true);
          const firstDue = expectedOrder(timers, pause + 0.5);
          await runUntil(loop, pause + 0.5);
          expect(fired).toEqual(firstDue);
          expect(isHeap(loop._scheduled._items)).toBe(true);
          expect(countIsExact(loop)).toBe(true);

          fired.length = 0;
          apply(loop, second, timers, fired);
          const rest = expectedOrder(timers);
          await runUntil(loop, 1000);
          expect(fired).toEqual(rest);
          expect(countIsExact(loop)).toBe(true);
          loop.close();
        },
      ),
      { numRuns: 200 },
    );
  });

  test('the purge of cancelled timers keeps the heap valid and drops only cancelled timers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 101, maxLength: 400 }),
        fc.array(fc.boolean(), { minLength: 400, maxLength: 400 }),
        async (whens, cancels) => {
          const loop = virtualLoop();
          const timers = whens.map((when) => loop.callAt(when + 1, () => {}));
          timers.forEach((t, i) => {
            if (cancels[i]) t.cancel();
          });
          const live = timers.filter((t) => !t._cancelled);
          const purges = timers.length - live.length > timers.length / 2;
          loop.callSoon(() => {});
          await runOnce(loop);
          const items = loop._scheduled._items;
          expect(isHeap(items)).toBe(true);
          expect(countIsExact(loop)).toBe(true);
          expect(items.filter((t) => !t._cancelled)).toHaveLength(live.length);
          if (purges) {
            expect(items).toHaveLength(live.length);
            expect(timers.every((t) => t._scheduled === !t._cancelled)).toBe(true);
          }
          loop.close();
        },
      ),
      { numRuns: 100 },
    );
  });

  test('TimerHeap pops timers in (when, sequence) order for any pushes and pops', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null })),
        (ops) => {
          const heap = new TimerHeap();
          const model: TimerHandle[] = [];
          const loop = virtualLoop();
          let seq = 0;
          for (const op of ops) {
            if (op === null) {
              model.sort((a, b) => a._when - b._when || a._seq - b._seq);
              expect(heap.pop()).toBe(model.shift());
            } else {
              const timer = new TimerHandle(op, seq++, () => {}, [], loop);
              heap.push(timer);
              model.push(timer);
            }
            expect(isHeap(heap._items)).toBe(true);
            expect(heap.size).toBe(model.length);
          }
        },
      ),
    );
  });
});

describe('callback ordering properties', () => {
  test('callSoon is FIFO, and callbacks scheduled during an iteration run in the next one', async () => {
    // A random forest: callback i > roots is scheduled by its parent, when the parent runs.
    const forest = fc.integer({ min: 1, max: 20 }).chain((roots) =>
      fc.tuple(
        fc.constant(roots),
        fc.array(fc.nat(), { maxLength: 200 }).map((picks) => picks.map((p, i) => p % (roots + i))),
      ),
    );
    await fc.assert(
      fc.asyncProperty(forest, async ([roots, parents]) => {
        const count = roots + parents.length;
        const children: number[][] = Array.from({ length: count }, () => []);
        parents.forEach((parent, i) => {
          children[parent].push(roots + i);
        });

        // The model: iteration k runs, in order, the children of what iteration k - 1 ran.
        const expected: number[][] = [];
        for (let level = [...Array(roots).keys()]; level.length > 0; ) {
          expected.push(level);
          level = level.flatMap((id) => children[id]);
        }

        const loop = virtualLoop();
        let current: number[] = [];
        const schedule = (id: number) =>
          loop.callSoon(() => {
            current.push(id);
            for (const child of children[id]) schedule(child);
          });
        for (let id = 0; id < roots; id++) schedule(id);
        const iterations: number[][] = [];
        while (loop._ready.length > 0) {
          current = [];
          await runOnce(loop);
          iterations.push(current);
        }
        expect(iterations).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  test('cancelled handles are skipped and the others keep their order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 300 }), async (cancels) => {
        const loop = virtualLoop();
        const ran: number[] = [];
        const handles: Handle[] = cancels.map((_, i) => loop.callSoon(() => ran.push(i)));
        handles.forEach((h, i) => {
          if (cancels[i]) h.cancel();
        });
        await runOnce(loop);
        expect(ran).toEqual(cancels.flatMap((c, i) => (c ? [] : [i])));
      }),
    );
  });
});

describe('live task list properties', () => {
  test('any sequence of adds and deletes leaves the live tasks in creation order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 300 }), (ops) => {
        const list = new LiveTasks<LiveTask & { id: number }>();
        let model: (LiveTask & { id: number })[] = [];
        let next = 0;
        for (const [add, pick] of ops) {
          if (add || model.length === 0) {
            const task = { id: next++, _prevLive: null, _nextLive: null };
            list.add(task);
            model.push(task);
          } else {
            const task = model[pick % model.length];
            list.delete(task);
            model = model.filter((t) => t !== task);
          }
          expect(list.size).toBe(model.length);
        }
        expect([...list].map((t) => t.id)).toEqual(model.map((t) => t.id));
      }),
    );
  });
});
