// biome-ignore-all lint/correctness/useYield: a group body that only starts children awaits nothing itself.
import { describe, expect, test } from 'vitest';
import { RuntimeError, ValueError } from '#course/errors';
import { TaskGroup, taskGroup } from '#course/groups';
import { newEventLoop } from '#course/loop';
import { type Coroutine, sleep } from '#course/tasks';
import { caught, errorText, failAfter, now, returnAfter, runVirtual } from '#testing/05-groups';

/** Tries `tg.createTask(sleep(0))`, and returns the message of the error it throws. */
function refusal(tg: TaskGroup): string {
  try {
    tg.createTask(sleep(0));
    return 'accepted';
  } catch (error) {
    return errorText(error);
  }
}

describe('05.8 Who may start a child, and when', () => {
  test('createTask on a group not entered yet is refused: "has not been entered"', () => {
    expect(refusal(new TaskGroup())).toBe(
      'RuntimeError: TaskGroup <TaskGroup> has not been entered',
    );
  });

  test('createTask on a group that has ended is refused: "is finished"', async () => {
    const message = await runVirtual(
      (function* () {
        const tg = new TaskGroup();
        yield* tg.enter();
        yield* tg.exit();
        return refusal(tg);
      })(),
    );
    expect(message).toBe('RuntimeError: TaskGroup <TaskGroup entered> is finished');
  });

  test('createTask on a group that is aborting is refused, even from a child: "is shutting down"', async () => {
    const messages = await runVirtual(
      (function* () {
        const messages: string[] = [];
        yield* caught(() =>
          taskGroup(function* (tg) {
            tg.createTask(failAfter(1, new ValueError('x')));
            tg.createTask(
              (function* () {
                try {
                  yield* sleep(5);
                } catch {
                  messages.push(refusal(tg));
                }
              })(),
            );
          }),
        );
        return messages;
      })(),
    );
    expect(messages).toEqual([
      'RuntimeError: TaskGroup <TaskGroup tasks=1 errors=1 cancelling> is shutting down',
    ]);
  });

  test('a refused coroutine is closed, so that it never runs (Python 3.13)', () => {
    const log: string[] = [];
    function* body(): Coroutine<void> {
      log.push('started (never)');
      yield* sleep(0);
    }
    const coro = body();
    expect(() => new TaskGroup().createTask(coro)).toThrow(RuntimeError);
    // A closed generator is done: next() runs nothing and says so.
    expect(coro.next()).toEqual({ done: true, value: undefined });
    expect(log).toEqual([]);
  });

  test('children may start new children while the parent waits in exit(), and the group waits for those too', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        yield* taskGroup(function* (tg) {
          tg.createTask(
            (function* () {
              yield* sleep(1);
              tg.createTask(
                (function* () {
                  yield* sleep(2);
                  log.push(`grandchild done at ${now()}`);
                })(),
              );
              log.push(`child done at ${now()}`);
            })(),
          );
        });
        log.push(`group done at ${now()}`);
        return log;
      })(),
    );
    expect(log).toEqual(['child done at 1', 'grandchild done at 3', 'group done at 3']);
  });

  test('a hydra, whose every head grows two more, keeps the group busy until a sibling fails', async () => {
    const result = await runVirtual(
      (function* () {
        let heads = 0;
        const error = yield* caught(() =>
          taskGroup(function* (tg) {
            function* hydra(): Coroutine<void> {
              heads++;
              yield* sleep(0.01);
              tg.createTask(hydra());
              tg.createTask(hydra());
            }
            function* hercules(): Coroutine<never> {
              while (heads < 10) yield* sleep(0.015);
              throw new ValueError('slain');
            }
            tg.createTask(hydra());
            tg.createTask(hercules());
          }),
        );
        return [errorText(error), heads >= 10];
      })(),
    );
    expect(result).toEqual([
      'ExceptionGroup: unhandled errors in a TaskGroup [ValueError: slain]',
      true,
    ]);
  });

  test('a group can be entered once: again, nested or after exit, is "has already been entered"', async () => {
    const result = await runVirtual(
      (function* () {
        const tg = new TaskGroup();
        const nested = yield* taskGroup(function* () {
          yield* tg.enter();
          return yield* caught(() => tg.enter());
        });
        yield* tg.exit();
        const after = yield* caught(() => tg.enter());
        return [errorText(nested), errorText(after)];
      })(),
    );
    expect(result).toEqual([
      'RuntimeError: TaskGroup <TaskGroup entered> has already been entered',
      'RuntimeError: TaskGroup <TaskGroup entered> has already been entered',
    ]);
  });

  test('a group entered outside a task is refused: "cannot determine the parent task"', async () => {
    const loop = newEventLoop({ clock: 'virtual' });
    const tg = new TaskGroup();
    const outcome: string[] = [];
    loop.callSoon(() => {
      try {
        tg.enter().next();
        outcome.push('entered (never)');
      } catch (error) {
        outcome.push(errorText(error));
      }
      loop.stop();
    });
    await loop.runForever();
    loop.close();
    expect(outcome).toEqual([
      'RuntimeError: TaskGroup <TaskGroup> cannot determine the parent task',
    ]);
  });

  test('the name given to createTask is the name of the task', async () => {
    const name = await runVirtual(
      taskGroup(function* (tg) {
        return tg.createTask(returnAfter(0, 'x'), { name: 'yolo' }).getName();
      }),
    );
    expect(name).toBe('yolo');
  });

  test("the group's repr shows its children, its errors and its state, as asyncio's", async () => {
    const shown = await runVirtual(
      (function* () {
        const tg = new TaskGroup();
        const shown = [String(tg)];
        yield* caught(() =>
          (function* () {
            yield* tg.enter();
            shown.push(String(tg));
            try {
              tg.createTask(sleep(1));
              shown.push(String(tg));
              tg.createTask(failAfter(0, new ValueError('x')));
              try {
                yield* sleep(0.5);
              } catch (error) {
                shown.push(String(tg));
                throw error;
              }
            } catch (error) {
              yield* tg.exit(error);
              throw error;
            }
          })(),
        );
        shown.push(String(tg));
        return shown;
      })(),
    );
    expect(shown).toEqual([
      '<TaskGroup>',
      '<TaskGroup entered>',
      '<TaskGroup tasks=1 entered>',
      '<TaskGroup tasks=1 errors=1 cancelling>',
      '<TaskGroup cancelling>',
    ]);
  });
});
