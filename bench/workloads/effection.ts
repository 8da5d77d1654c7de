/**
 * The workloads in Effection 4 (structured concurrency on generators, from the npm registry),
 * written as its documentation suggests: `run`, `spawn`, `yield* task`, `withResolvers` for a
 * result that arrives later, `sleep` for a timer.
 *
 * Effection has no zero-delay switch: its `sleep(0)` is a `setTimeout(0)`, which Node clamps to
 * 1 ms. Workload A is therefore measured two ways: handing a baton through `withResolvers` (as
 * native A hands one through promises), and with `sleep(0)` on far fewer switches. It has no
 * callback queue (D) and no thread pool (F): those report why instead of a figure.
 *
 * Usage: `node --expose-gc --import tsx bench/workloads/effection.ts <workload> <n> [variant] [warm|cold]`.
 *
 * @module
 */

import {
  type Operation,
  run,
  sleep,
  spawn,
  type Task,
  type WithResolvers,
  withResolvers,
} from 'effection';
import {
  check,
  heapAfterGc,
  lateness,
  type Measurement,
  randomDelaysMs,
  runWorkloads,
  Stopwatch,
} from './common.ts';

/** A: two tasks, `n` switches in all, through a baton (`withResolvers`) or `sleep(0)`. */
async function pingPong(n: number, variant: string): Promise<Measurement> {
  const turns = n / 2;
  const watch = new Stopwatch();
  if (variant === 'sleep0') {
    await run(function* () {
      function* side(): Operation<void> {
        for (let i = 0; i < turns; i++) yield* sleep(0);
      }
      const a = yield* spawn(side);
      const b = yield* spawn(side);
      yield* a;
      yield* b;
    });
    return watch.stop();
  }
  await run(function* () {
    const batons: WithResolvers<void>[] = [withResolvers<void>(), withResolvers<void>()];
    function side(me: number): () => Operation<void> {
      const other = 1 - me;
      return function* () {
        for (let i = 0; i < turns; i++) {
          const mine = withResolvers<void>();
          batons[me] = mine;
          batons[other].resolve();
          yield* mine.operation;
        }
        batons[other].resolve();
      };
    }
    const a = yield* spawn(side(0));
    const b = yield* spawn(side(1));
    yield* a;
    yield* b;
  });
  return watch.stop();
}

/** B: spawn `n` tasks that return a value at once, then join them all. */
async function spawnJoin(n: number): Promise<Measurement> {
  // biome-ignore lint/correctness/useYield: the task returns at once, as B asks.
  function* child(i: number): Operation<number> {
    return i;
  }
  const watch = new Stopwatch();
  const sum = await run(function* () {
    const tasks: Task<number>[] = [];
    for (let i = 0; i < n; i++) {
      tasks.push(yield* spawn(() => child(i)));
    }
    let total = 0;
    for (const task of tasks) total += yield* task;
    return total;
  });
  const measured = watch.stop();
  check('sum of results', sum, (n * (n - 1)) / 2);
  return measured;
}

/** B, memory: `n` tasks alive, all waiting on one `withResolvers`; heap growth per task. */
async function pendingMemory(n: number): Promise<Measurement> {
  let bytesPerTask = 0;
  const watch = new Stopwatch();
  await run(function* () {
    const gate = withResolvers<null>();
    const parked = withResolvers<void>();
    const before = heapAfterGc();
    const tasks: Task<null>[] = [];
    for (let i = 0; i < n; i++) tasks.push(yield* spawn(() => gate.operation));
    // Spawned tasks start in order: when this one runs, every waiter has started and parked.
    // biome-ignore lint/correctness/useYield: it only resolves.
    yield* spawn(function* () {
      parked.resolve();
    });
    yield* parked.operation;
    bytesPerTask = (heapAfterGc() - before) / n;
    gate.resolve(null);
    for (const task of tasks) yield* task;
  });
  return { ...watch.stop(), bytesPerTask };
}

/** C: `n` tasks each sleeping a random 0 to 100 ms (`sleep`, a `setTimeout`), joined. */
async function sleepers(n: number): Promise<Measurement> {
  const delays = randomDelaysMs(n);
  const late = new Float64Array(n);
  const watch = new Stopwatch();
  await run(function* () {
    const tasks: Task<void>[] = [];
    for (let i = 0; i < n; i++) {
      tasks.push(
        yield* spawn(function* () {
          const start = performance.now();
          yield* sleep(delays[i]);
          late[i] = performance.now() - start - delays[i];
        }),
      );
    }
    for (const task of tasks) yield* task;
  });
  return { ...watch.stop(), ...lateness(late) };
}

/** E: a chain of `n` tasks, each awaiting the one before; the first awaits a `withResolvers`. */
async function futureChain(n: number): Promise<Measurement> {
  const watch = new Stopwatch();
  const value = await run(function* () {
    const root = withResolvers<number>();
    let last: Operation<number> = root.operation;
    for (let i = 0; i < n; i++) {
      const previous = last;
      last = yield* spawn(function* () {
        return (yield* previous) + 1;
      });
    }
    // Spawned tasks start in order: this one runs once every link has parked on the one before.
    // biome-ignore lint/correctness/useYield: it only resolves.
    yield* spawn(function* () {
      root.resolve(0);
    });
    return yield* last;
  });
  const measured = watch.stop();
  check('end of the chain', value, n);
  return measured;
}

runWorkloads({
  A: pingPong,
  B: spawnJoin,
  Bmem: pendingMemory,
  C: sleepers,
  E: futureChain,
});
