// biome-ignore-all lint/correctness/useYield: a group body that only starts children awaits nothing itself.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CancelledError,
  type Coroutine,
  createTask,
  currentTask,
  type EventLoop,
  type ExceptionContext,
  ExceptionGroup,
  getRunningLoop,
  RuntimeError,
  sleep,
  type Task,
  TaskGroup,
  taskGroup,
  ValueError,
} from '../src/index.ts';
import { caught, failAfter, returnAfter, runVirtual, virtualLoop } from './helpers.ts';

/** The current task, which every test body runs in. */
function me(): Task<unknown> {
  const task = currentTask();
  if (task === null) throw new Error('not in a task');
  return task;
}

/** Sleeps, and records a cancellation in `log` under `name` before letting it through. */
function* sleepLogging(delay: number, name: string, log: string[]): Coroutine<void> {
  try {
    yield* sleep(delay);
  } catch (error) {
    if (error instanceof CancelledError) log.push(`${name} cancelled`);
    throw error;
  }
}

/** The members of a group thrown by `body`, or a failure if it throws something else. */
function* membersOf(body: () => Coroutine<unknown>): Coroutine<readonly unknown[]> {
  const error = yield* caught(body);
  if (!(error instanceof ExceptionGroup)) throw new Error(`expected a group, got ${error}`);
  expect(error.message).toBe('unhandled errors in a TaskGroup');
  return error.exceptions;
}

describe('TaskGroup (catalogue 4)', () => {
  test('4.1 the group ends once every child is done, including children started after a sleep', async () => {
    const log: string[] = [];
    const result = await runVirtual(
      (function* () {
        let t1: Task<number> | undefined;
        let t3: Task<number> | undefined;
        const value = yield* taskGroup(function* (tg) {
          t1 = tg.createTask(returnAfter(1, 42));
          tg.createTask(returnAfter(2, 11));
          yield* sleep(0.5);
          t3 = tg.createTask(returnAfter(3, 7));
          log.push(`body ends at ${getRunningLoop().time()}`);
          return 'body result';
        });
        log.push(`group ends at ${getRunningLoop().time()}`);
        return [value, t1?.result(), t3?.result()];
      })(),
    );
    expect(result).toEqual(['body result', 42, 7]);
    expect(log).toEqual(['body ends at 0.5', 'group ends at 3.5']);
  });

  test('4.2 a child cancelled explicitly neither aborts the group nor raises', async () => {
    const result = await runVirtual(
      (function* () {
        let other: Task<number> | undefined;
        yield* taskGroup(function* (tg) {
          const victim = tg.createTask(returnAfter(5, 'never'));
          other = tg.createTask(returnAfter(1, 1));
          yield* sleep(0);
          victim.cancel();
        });
        return [other?.result(), me().cancelling()];
      })(),
    );
    expect(result).toEqual([1, 0]);
  });

  test('4.3 a failing child cancels its siblings and the body, and the group raises its error', async () => {
    const log: string[] = [];
    const boom = new ValueError('boom');
    const result = await runVirtual(
      (function* () {
        const error = yield* caught(() =>
          taskGroup(function* (tg) {
            tg.createTask(failAfter(0.1, boom));
            tg.createTask(sleepLogging(5, 'sibling', log));
            try {
              yield* sleep(10);
            } catch (e) {
              log.push(`body cancelled, cancelling()=${me().cancelling()}`);
              throw e;
            }
            log.push('after the await (never)');
          }),
        );
        log.push('after the group');
        return [error, me().cancelling()];
      })(),
    );
    expect(result).toEqual([new ExceptionGroup('unhandled errors in a TaskGroup', [boom]), 0]);
    expect(log).toEqual(['sibling cancelled', 'body cancelled, cancelling()=1', 'after the group']);
  });

  test('4.4 the errors of several failing children are aggregated, in the order they finished', async () => {
    const [a, b] = [new TypeError('first'), new ValueError('second')];
    const members = await runVirtual(
      membersOf(() =>
        taskGroup(function* (tg) {
          // Both fail in the same iteration: the second is not cancelled by the first.
          tg.createTask(failAfter(0, a));
          tg.createTask(failAfter(0, b));
        }),
      ),
    );
    expect(members).toEqual([a, b]);
  });

  test('4.5 an error in the body cancels the children and is grouped', async () => {
    const oops = new ValueError('body');
    const result = await runVirtual(
      (function* () {
        const children: Task<number>[] = [];
        const members = yield* membersOf(() =>
          taskGroup(function* (tg) {
            children.push(tg.createTask(returnAfter(1, 42)), tg.createTask(returnAfter(2, 11)));
            yield* sleep(0.1);
            throw oops;
          }),
        );
        return [members, children.map((t) => t.cancelled())];
      })(),
    );
    expect(result).toEqual([[oops], [true, true]]);
  });

  test('4.6/4.7 any thrown value is grouped, not only Errors (JavaScript has no KeyboardInterrupt, SystemExit or BaseException)', async () => {
    const members = await runVirtual(
      membersOf(() =>
        taskGroup(function* (tg) {
          tg.createTask(failAfter(0.1, 'a string'));
          try {
            yield* sleep(10);
          } finally {
            // biome-ignore lint/correctness/noUnsafeFinally: the point: cleanup that throws.
            throw undefined;
          }
        }),
      ),
    );
    expect(members).toEqual(['a string', undefined]);
  });

  test('4.8 cancelling the parent from outside cancels body and children, then raises CancelledError', async () => {
    const log: string[] = [];
    const error = await runVirtual(
      (function* () {
        function* runner(): Coroutine<void> {
          yield* taskGroup(function* (tg) {
            for (let i = 0; i < 5; i++) tg.createTask(sleepLogging(5, `child ${i}`, log));
            yield* sleepLogging(10, 'body', log);
          });
        }
        const r = createTask(runner(), { name: 'runner' });
        yield* sleep(0.1);
        r.cancel('outside');
        return yield* caught(() => r[Symbol.iterator]());
      })(),
    );
    expect(error).toEqual(new CancelledError('outside'));
    expect(log.sort()).toEqual([
      'body cancelled',
      'child 0 cancelled',
      'child 1 cancelled',
      'child 2 cancelled',
      'child 3 cancelled',
      'child 4 cancelled',
    ]);
  });

  test('4.8 exit keeps waiting for children slow to clean up, however often the parent is cancelled meanwhile', async () => {
    const log: string[] = [];
    const result = await runVirtual(
      (function* () {
        function* slowCleanup(): Coroutine<void> {
          try {
            yield* sleep(10);
          } finally {
            yield* sleep(1);
            log.push(`cleanup done at ${getRunningLoop().time()}`);
          }
        }
        const r = createTask(
          taskGroup(function* (tg) {
            tg.createTask(slowCleanup());
            yield* sleep(10);
          }),
        );
        yield* sleep(0.5);
        r.cancel();
        yield* sleep(0.25);
        r.cancel();
        const error = yield* caught(() => r[Symbol.iterator]());
        return [error, getRunningLoop().time()];
      })(),
    );
    expect(result).toEqual([new CancelledError(), 1.5]);
    expect(log).toEqual(['cleanup done at 1.5']);
  });

  test('4.9 children failing in their cleanup after an outside cancel win over the cancellation', async () => {
    const cleanup = new ValueError('cleanup');
    function* foo(): Coroutine<void> {
      try {
        yield* sleep(10);
      } finally {
        // biome-ignore lint/correctness/noUnsafeFinally: the point: cleanup that throws.
        throw cleanup;
      }
    }
    const error = await runVirtual(
      (function* () {
        const r = createTask(
          taskGroup(function* (tg) {
            for (let i = 0; i < 3; i++) tg.createTask(foo());
            yield* sleep(10);
          }),
        );
        yield* sleep(0.1);
        r.cancel();
        return yield* caught(() => r[Symbol.iterator]());
      })(),
    );
    expect(error).toEqual(
      new ExceptionGroup('unhandled errors in a TaskGroup', [cleanup, cleanup, cleanup]),
    );
  });

  test('4.10 a body that turns the outside cancel into an error raises a group of that error', async () => {
    const mine = new ValueError('mine');
    const error = await runVirtual(
      (function* () {
        const r = createTask(
          taskGroup(function* () {
            try {
              yield* sleep(10);
            } catch {
              throw mine;
            }
          }),
        );
        yield* sleep(0.1);
        r.cancel();
        return yield* caught(() => r[Symbol.iterator]());
      })(),
    );
    expect(error).toEqual(new ExceptionGroup('unhandled errors in a TaskGroup', [mine]));
  });

  test('4.11 an inner group error becomes a member of the outer group', async () => {
    const inner = new ValueError('inner');
    const members = await runVirtual(
      membersOf(() =>
        taskGroup(function* (g1) {
          g1.createTask(failAfter(10, new ValueError('outer, never')));
          yield* taskGroup(function* (g2) {
            g2.createTask(failAfter(0.1, inner));
          });
        }),
      ),
    );
    expect(members).toEqual([new ExceptionGroup('unhandled errors in a TaskGroup', [inner])]);
  });

  test('4.11 when the outer child crashes first, the outer group is flat', async () => {
    const outer = new ValueError('outer');
    const members = await runVirtual(
      membersOf(() =>
        taskGroup(function* (g1) {
          g1.createTask(failAfter(0.1, outer));
          yield* taskGroup(function* (g2) {
            g2.createTask(failAfter(10, new ValueError('inner, never')));
          });
        }),
      ),
    );
    expect(members).toEqual([outer]);
  });

  test('4.12 children may add children while the parent waits in exit', async () => {
    const log: string[] = [];
    await runVirtual(
      taskGroup(function* (g) {
        g.createTask(
          (function* () {
            yield* sleep(0.1);
            g.createTask(returnAfter(0.1, 'a'));
            g.createTask(
              (function* () {
                yield* sleep(0.2);
                log.push(`grandchild done at ${getRunningLoop().time()}`);
              })(),
            );
          })(),
        );
      }),
    );
    expect(log).toEqual(['grandchild done at 0.30000000000000004']);
  });

  test('4.12 a hydra keeps the group busy until a sibling fails (test_taskgroup_25)', async () => {
    let nhydras = 0;
    const members = await runVirtual(
      membersOf(() =>
        taskGroup(function* (g) {
          function* hydra(): Coroutine<void> {
            nhydras++;
            yield* sleep(0.01);
            g.createTask(hydra());
            g.createTask(hydra());
          }
          function* hercules(): Coroutine<void> {
            while (nhydras < 10) yield* sleep(0.015);
            throw new ValueError('slain');
          }
          g.createTask(hydra());
          g.createTask(hercules());
        }),
      ),
    );
    expect(members).toEqual([new ValueError('slain')]);
    expect(nhydras).toBeGreaterThanOrEqual(10);
  });

  test('4.13 createTask refuses, with asyncio messages, a group not entered, finished, or shutting down', async () => {
    const result = await runVirtual(
      (function* () {
        const messages: string[] = [];
        const refuse = (tg: TaskGroup) => {
          try {
            tg.createTask(sleep(0));
          } catch (e) {
            messages.push((e as Error).message);
          }
        };
        const tg = new TaskGroup();
        refuse(tg);
        yield* taskGroup(function* (g) {
          yield* sleep(0);
          return g;
        });
        const done = new TaskGroup();
        yield* done.enter();
        yield* done.exit();
        refuse(done);
        yield* caught(() =>
          taskGroup(function* (g) {
            g.createTask(failAfter(0.001, new ValueError('x')));
            g.createTask(
              (function* () {
                try {
                  yield* sleep(1);
                } catch {
                  refuse(g);
                }
              })(),
            );
          }),
        );
        return messages;
      })(),
    );
    expect(result).toEqual([
      'TaskGroup <TaskGroup> has not been entered',
      'TaskGroup <TaskGroup entered> is finished',
      'TaskGroup <TaskGroup tasks=1 errors=1 cancelling> is shutting down',
    ]);
  });

  test('4.13 a refused coroutine is closed: its finally blocks run and it never starts', async () => {
    const log: string[] = [];
    function* body(): Coroutine<void> {
      try {
        log.push('started (never)');
        yield* sleep(0);
      } finally {
        log.push('finally (never: a generator closed before its start skips it)');
      }
    }
    const coro = body();
    expect(() => new TaskGroup().createTask(coro)).toThrow(RuntimeError);
    // A closed generator is done: next() gives nothing and runs nothing.
    expect(coro.next()).toEqual({ done: true, value: undefined });
    expect(log).toEqual([]);
  });

  test('4.14 entering a group twice, nested or after exit, raises "has already been entered"', async () => {
    const result = await runVirtual(
      (function* () {
        const tg = new TaskGroup();
        const nested = yield* taskGroup(function* () {
          yield* tg.enter();
          return yield* caught(() => tg.enter());
        });
        yield* tg.exit();
        const after = yield* caught(() => tg.enter());
        return [nested, after];
      })(),
    );
    expect(result).toEqual([
      new RuntimeError('TaskGroup <TaskGroup entered> has already been entered'),
      new RuntimeError('TaskGroup <TaskGroup entered> has already been entered'),
    ]);
  });

  test('4.14 entering a group outside a task raises "cannot determine the parent task"', async () => {
    const loop = virtualLoop();
    const tg = new TaskGroup();
    const outcome: unknown[] = [];
    loop.callSoon(() => {
      try {
        tg.enter().next();
      } catch (e) {
        outcome.push(e);
      }
      loop.stop();
    });
    await loop.runForever();
    expect(outcome).toEqual([
      new RuntimeError('TaskGroup <TaskGroup> cannot determine the parent task'),
    ]);
    expect(() => tg.createTask(sleep(0))).toThrow('has not been entered');
  });

  test('4.15 after a group caught its own parent-cancel, cancelling() is back to 0', async () => {
    const result = await runVirtual(
      (function* () {
        yield* caught(() =>
          taskGroup(function* (tg) {
            tg.createTask(failAfter(0, new ValueError('x')));
          }),
        );
        return me().cancelling();
      })(),
    );
    expect(result).toBe(0);
  });

  test('4.15 an error thrown by an inner cleanup still leaves cancelling() at 0 and both errors grouped (gh-95289)', async () => {
    const fromChild = new ValueError('child');
    const fromCleanup = new ValueError('cleanup');
    const result = await runVirtual(
      (function* () {
        const members = yield* membersOf(() =>
          taskGroup(function* (tg) {
            // An inner context manager whose exit raises, as @asynccontextmanager's finally.
            try {
              tg.createTask(failAfter(0, fromChild));
              yield* sleep(1);
            } finally {
              // biome-ignore lint/correctness/noUnsafeFinally: the point: cleanup that throws.
              throw fromCleanup;
            }
          }),
        );
        return [members, me().cancelling()];
      })(),
    );
    expect(result).toEqual([[fromChild, fromCleanup], 0]);
  });

  test('4.16 an outside cancel racing a child error is not lost: the next await after the group is cancelled (3.13)', async () => {
    const log: string[] = [];
    const result = await runVirtual(
      (function* () {
        const started = getRunningLoop().createFuture<null>();
        function* raiseError(): Coroutine<never> {
          started.setResult(null);
          yield* sleep(0);
          throw new ValueError('child');
        }
        function* inner(): Coroutine<void> {
          const error = yield* caught(() =>
            taskGroup(function* (tg) {
              tg.createTask(raiseError());
              yield* sleep(1);
              log.push('sleep in the group (never)');
            }),
          );
          log.push(`caught ${(error as Error).name}, cancelling()=${me().cancelling()}`);
          yield* sleep(1);
          log.push('sleep after the group (never)');
        }
        const t = createTask(inner(), { name: 'inner' });
        yield* started;
        t.cancel();
        const error = yield* caught(() => t[Symbol.iterator]());
        return [error, t.cancelled()];
      })(),
    );
    expect(result).toEqual([new CancelledError(), true]);
    expect(log).toEqual(['caught ExceptionGroup, cancelling()=1']);
  });

  test('4.17 nested groups both cancelled: cancelling() is 1 between the groups and 0 at the end (3.13)', async () => {
    const result = await runVirtual(
      (function* () {
        const counts: number[] = [];
        const outerError = yield* caught(() =>
          taskGroup(function* (outer) {
            const innerError = yield* caught(() =>
              taskGroup(function* (inner) {
                inner.createTask(failAfter(0, new RuntimeError('inner')));
                outer.createTask(failAfter(0, new ValueError('outer')));
              }),
            );
            expect(innerError).toBeInstanceOf(ExceptionGroup);
            counts.push(me().cancelling());
          }),
        );
        counts.push(me().cancelling());
        return [outerError, counts];
      })(),
    );
    expect(result).toEqual([
      new ExceptionGroup('unhandled errors in a TaskGroup', [new ValueError('outer')]),
      [1, 0],
    ]);
  });

  test('4.18 createTask forwards the name (there is no contextvars context in JavaScript)', async () => {
    const name = await runVirtual(
      taskGroup(function* (tg) {
        return tg.createTask(sleep(0), { name: 'yolo' }).getName();
      }),
    );
    expect(name).toBe('yolo');
  });

  test('a child failing after its parent task is done goes to the exception handler', async () => {
    const reports: ExceptionContext[] = [];
    const failure = new ValueError('late');
    await runVirtual(
      (function* () {
        getRunningLoop().setExceptionHandler((_loop: EventLoop, context) => {
          reports.push(context);
        });
        // enter() without exit(): only the coroutine protocol can leave a group this way.
        const parent = createTask(
          (function* () {
            const tg = new TaskGroup();
            yield* tg.enter();
            tg.createTask(failAfter(1, failure), { name: 'orphan' });
          })(),
          { name: 'parent' },
        );
        yield* parent;
        yield* sleep(2);
      })(),
    );
    expect(reports.map((r) => [r.message, r.exception])).toEqual([
      [
        "Task <Task finished name='orphan' exception=ValueError('late')> has errored out but " +
          "its parent task <Task finished name='parent' result=None> is already completed",
        failure,
      ],
    ]);
  });

  test('exit(undefined) treats a thrown undefined as the body error it is', async () => {
    const error = await runVirtual(
      (function* () {
        const tg = new TaskGroup();
        yield* tg.enter();
        return yield* caught(() => tg.exit(undefined));
      })(),
    );
    expect(error).toEqual(new ExceptionGroup('unhandled errors in a TaskGroup', [undefined]));
  });

  test('the repr shows tasks, errors and state', async () => {
    const reprs = await runVirtual(
      (function* () {
        const tg = new TaskGroup();
        const shown = [String(tg)];
        yield* caught(() =>
          asyncWithLog(tg, shown, function* () {
            tg.createTask(sleep(1));
            shown.push(String(tg));
            tg.createTask(failAfter(0, new ValueError('x')));
            try {
              yield* sleep(0.5);
            } catch (e) {
              shown.push(String(tg));
              throw e;
            }
          }),
        );
        shown.push(String(tg));
        return shown;
      })(),
    );
    expect(reprs).toEqual([
      '<TaskGroup>',
      '<TaskGroup entered>',
      '<TaskGroup tasks=1 entered>',
      '<TaskGroup tasks=1 errors=1 cancelling>',
      '<TaskGroup cancelling>',
    ]);
  });

  test('property: a group raises its failing children in completion order, the body error last, and leaves cancelling() at 0', async () => {
    const child = fc.record({ delay: fc.integer({ min: 0, max: 5 }), fails: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(
        fc.array(child, { maxLength: 6 }),
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
        async (children, bodyFailsAt) => {
          // A body failing in the same iteration as the first child races it: which one wins
          // depends on the order of equal deadlines, which asyncio does not define.
          const firstFailure = Math.min(...children.filter((c) => c.fails).map((c) => c.delay));
          fc.pre(bodyFailsAt !== firstFailure);
          const [thrown, cancelling] = await runVirtual(
            (function* () {
              const error = yield* caught(() =>
                taskGroup(function* (tg) {
                  children.forEach(({ delay, fails }, i) => {
                    const error = new ValueError(`child ${i}`);
                    tg.createTask(fails ? failAfter(delay, error) : returnAfter(delay, i));
                  });
                  if (bodyFailsAt === null) return;
                  yield* sleep(bodyFailsAt);
                  throw new ValueError('body');
                }),
              );
              return [error, me().cancelling()] as const;
            })(),
          );
          expect(cancelling).toBe(0);
          const expected = expectedGroupErrors(children, bodyFailsAt);
          if (expected.length === 0) expect(thrown).toBeUndefined();
          else
            expect(thrown).toEqual(new ExceptionGroup('unhandled errors in a TaskGroup', expected));
        },
      ),
      { numRuns: 150 },
    );
  });
});

/**
 * The errors the group must raise: the children that fail at the earliest failure time (all
 * fail in that iteration, before any is cancelled), in creation order, then the body's error
 * when the body fails before or when they do (a child failure cancels the body's sleep first).
 */
function expectedGroupErrors(
  children: readonly { delay: number; fails: boolean }[],
  bodyFailsAt: number | null,
): ValueError[] {
  const failing = children.map((c, i) => ({ ...c, i })).filter((c) => c.fails);
  const first = Math.min(...failing.map((c) => c.delay));
  if (bodyFailsAt !== null && bodyFailsAt < first) return [new ValueError('body')];
  return failing.filter((c) => c.delay === first).map((c) => new ValueError(`child ${c.i}`));
}

/** `asyncWith`, logging the group's repr once entered. */
function* asyncWithLog(tg: TaskGroup, shown: string[], body: () => Coroutine<void>) {
  yield* tg.enter();
  shown.push(String(tg));
  try {
    yield* body();
  } catch (error) {
    yield* tg.exit(error);
    throw error;
  }
  yield* tg.exit();
}
