// biome-ignore-all lint/correctness/useYield: a group body that only starts children awaits nothing itself.
import { describe, expect, test } from 'vitest';
import { TaskGroup, taskGroup } from '#course/groups';
import { getRunningLoop } from '#course/loop';
import { type Coroutine, sleep, type Task } from '#course/tasks';
import { now, returnAfter, runVirtual } from '#testing/05-groups';

describe('05.5 TaskGroup: no child left behind', () => {
  test('taskGroup(body) ends only once every child is done, and returns what the body returns', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const value = yield* taskGroup(function* (tg) {
          tg.createTask(returnAfter(1, 'a'));
          tg.createTask(returnAfter(2, 'b'));
          log.push(`body ends at ${now()}`);
          return 'the body result';
        });
        log.push(`group ends at ${now()}, returning ${value}`);
        return log;
      })(),
    );
    expect(log).toEqual(['body ends at 0', 'group ends at 2, returning the body result']);
  });

  test('children start in the next iteration, in the order they were created, and run concurrently', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        function* child(name: string, delay: number): Coroutine<void> {
          log.push(`${name} starts at ${now()}`);
          yield* sleep(delay);
          log.push(`${name} ends at ${now()}`);
        }
        yield* taskGroup(function* (tg) {
          tg.createTask(child('a', 2));
          tg.createTask(child('b', 1));
          log.push('both created');
        });
        return log;
      })(),
    );
    expect(log).toEqual([
      'both created',
      'a starts at 0',
      'b starts at 0',
      'b ends at 1',
      'a ends at 2',
    ]);
  });

  test('createTask returns the child task, named as asked, with its result once the group has ended', async () => {
    const result = await runVirtual(
      (function* () {
        let first: Task<string> | undefined;
        let second: Task<number> | undefined;
        yield* taskGroup(function* (tg) {
          first = tg.createTask(returnAfter(1, 'one'), { name: 'first' });
          second = tg.createTask(returnAfter(2, 2));
        });
        return [first?.getName(), first?.result(), second?.result()];
      })(),
    );
    expect(result).toEqual(['first', 'one', 2]);
  });

  test('children started later in the body, after an await, are waited for as well', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        let late: Task<string> | undefined;
        yield* taskGroup(function* (tg) {
          tg.createTask(returnAfter(1, 'early'));
          yield* sleep(0.5);
          late = tg.createTask(returnAfter(3, 'late'));
          log.push(`body ends at ${now()}`);
        });
        log.push(`group ends at ${now()}: ${late?.result()}`);
        return log;
      })(),
    );
    expect(log).toEqual(['body ends at 0.5', 'group ends at 3.5: late']);
  });

  test('a group whose children finished during the body ends at once', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        yield* taskGroup(function* (tg) {
          tg.createTask(returnAfter(1, 'quick'));
          yield* sleep(2);
        });
        log.push(`group ends at ${now()}`);
        return log;
      })(),
    );
    expect(log).toEqual(['group ends at 2']);
  });

  test('entering and leaving a group with no children takes no iteration of the loop', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        getRunningLoop().callSoon(() => log.push('callback of the next iteration'));
        yield* taskGroup(function* () {
          log.push('body');
        });
        log.push('after the group');
        yield* sleep(0);
        return log;
      })(),
    );
    expect(log).toEqual(['body', 'after the group', 'callback of the next iteration']);
  });

  test('the protocol by hand: enter() returns the group, exit() waits for the children', async () => {
    const log = await runVirtual(
      (function* () {
        const log: string[] = [];
        const tg = new TaskGroup();
        const entered = yield* tg.enter();
        log.push(`enter() returned the group: ${entered === tg}`);
        const child = tg.createTask(returnAfter(3, 'x'));
        yield* tg.exit();
        log.push(`exit() returned at ${now()}, child result ${child.result()}`);
        return log;
      })(),
    );
    expect(log).toEqual([
      'enter() returned the group: true',
      'exit() returned at 3, child result x',
    ]);
  });
});
