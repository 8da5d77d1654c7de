import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getRunningLoop } from '#course/loop';
import { type Coroutine, run } from '#course/tasks';
import { WorkerPoolExecutor } from '#course/threads';
import { testThreadId, WORK_MODULE, WORK_MODULE_PATH } from '#testing/06-threads';

// Loading a TypeScript module in a worker starts tsx there, once per worker: from a few tenths
// of a second to a couple of seconds on a busy machine. The tests share one worker, which loads
// the module before the first test.
let shared: WorkerPoolExecutor | undefined;
/** The suite's pool, of one worker. */
function pool(): WorkerPoolExecutor {
  shared ??= new WorkerPoolExecutor({ maxWorkers: 1 });
  return shared;
}
beforeAll(async () => {
  try {
    await pool().submit({ module: WORK_MODULE, export: 'sha256' }, 'warm up');
  } catch {
    // The tests say what is wrong.
  }
}, 9000);
afterAll(() => shared?.shutdown());

const SHA256_OF_HELLO = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';

describe('06.9 work that needs imports: { module, export }', () => {
  test('a function exported by a TypeScript module runs in a worker thread, with its imports', async () => {
    expect(await pool().submit<string>({ module: WORK_MODULE, export: 'sha256' }, 'hello')).toBe(
      SHA256_OF_HELLO,
    );
    const thread = await pool().submit<number>({ module: WORK_MODULE, export: 'currentThreadId' });
    expect(thread).not.toBe(testThreadId());
  });

  test('an async export is awaited in the worker', async () => {
    expect(await pool().submit<string>({ module: WORK_MODULE, export: 'slowUpper' }, 'abc')).toBe(
      'ABC',
    );
  });

  test('the module may be a URL, a file URL string or an absolute path', async () => {
    const forms = [WORK_MODULE, WORK_MODULE.href, WORK_MODULE_PATH];
    const digests = await Promise.all(
      forms.map((module) => pool().submit<string>({ module, export: 'sha256' }, 'hello')),
    );
    expect(digests).toEqual([SHA256_OF_HELLO, SHA256_OF_HELLO, SHA256_OF_HELLO]);
  });

  test('a relative path, a missing export or an export that is not a function fails with a TypeError', async () => {
    await expect(
      pool().submit({ module: './06-threads-work.ts', export: 'sha256' }),
    ).rejects.toThrow(TypeError);
    await expect(pool().submit({ module: WORK_MODULE, export: 'missing' })).rejects.toThrow(
      TypeError,
    );
    await expect(pool().submit({ module: WORK_MODULE, export: 'notAFunction' })).rejects.toThrow(
      TypeError,
    );
  });

  test('runInExecutor takes { module, export } too, in a task', async () => {
    function* main(): Coroutine<string> {
      const loop = getRunningLoop();
      return yield* loop.runInExecutor<string>(
        pool(),
        { module: WORK_MODULE, export: 'slowUpper' },
        'from a task',
      );
    }
    expect(await run(main())).toBe('FROM A TASK');
  });
});
