import { afterEach, describe, expect, test } from 'vitest';
import { ValueError } from '#course/errors';
import {
  functionWithSource,
  resources,
  sourceUnderTsx,
  testThreadId,
  workerThreadId,
} from '#testing/06-threads';

const res = resources();
afterEach(() => res.cleanUp());

/** A token that identifies the worker that runs it: each worker makes its own. */
function workerToken(): string {
  const scope = globalThis as { workerToken?: string };
  scope.workerToken ??= crypto.randomUUID();
  return scope.workerToken;
}

describe('06.1 a job in a worker thread', () => {
  test('submit(fn, ...args) returns a promise of fn(...args), called in a worker thread', async () => {
    const executor = res.pool(1);
    expect(await executor.submit((a: number, b: number) => a ** b, 2, 10)).toBe(1024);
    expect(await executor.submit(workerThreadId)).not.toBe(testThreadId());
  });

  test('the arguments are copies: the function cannot change the objects of the caller', async () => {
    const executor = res.pool(1);
    const list = [1, 2];
    const result = await executor.submit((xs: number[]) => {
      xs.push(3);
      return xs;
    }, list);
    expect(result).toEqual([1, 2, 3]);
    expect(list).toEqual([1, 2]);
  });

  test('an async function is awaited in the worker: the promise gets its value', async () => {
    const executor = res.pool(1);
    const job = async (x: number) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return x * 3;
    };
    expect(await executor.submit(job, 14)).toBe(42);
  });

  test('the function is compiled once per worker: what it keeps on itself is there at the next job', async () => {
    const executor = res.pool(1);
    function counter(): number {
      const self = counter as unknown as { calls?: number };
      self.calls = (self.calls ?? 0) + 1;
      return self.calls;
    }
    const calls: number[] = [];
    for (let i = 0; i < 3; i++) calls.push(await executor.submit(counter));
    expect(calls).toEqual([1, 2, 3]);
  });

  test('an error thrown by the function rejects the promise with its class, message, stack and own properties', async () => {
    const executor = res.pool(1);
    const error = await executor
      .submit(() => {
        const e = new RangeError('out of range');
        (e as RangeError & { code: string }).code = 'E_RANGE';
        throw e;
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as RangeError).message).toBe('out of range');
    expect((error as RangeError).stack).toMatch(/^RangeError: out of range\n\s+at /);
    expect((error as { code?: string }).code).toBe('E_RANGE');
  });

  test("an error of the job's own class comes back as an Error with the class's name", async () => {
    const executor = res.pool(1);
    const error = await executor
      .submit(() => {
        class ValueError extends Error {}
        ValueError.prototype.name = 'ValueError';
        throw new ValueError('bad value');
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ValueError); // the worker's class is not the course's
    expect((error as Error).name).toBe('ValueError');
    expect((error as Error).message).toBe('bad value');
  });

  test('a thrown value that is not an Error comes back as it is', async () => {
    const executor = res.pool(1);
    const outcome = await executor
      .submit(() => {
        throw { reason: 42 };
      })
      .catch((e: unknown) => e);
    expect(outcome).toEqual({ reason: 42 });
  });

  test('a job that throws fails only its own promise: the same worker runs the next job', async () => {
    const executor = res.pool(1);
    const before = await executor.submit(workerToken);
    const failing = executor.submit(() => {
      throw new TypeError('nope');
    });
    await expect(failing).rejects.toThrow(new TypeError('nope'));
    expect(await executor.submit(workerToken)).toBe(before);
  });

  test('a function with a free variable fails with a ReferenceError: only its own source travels', async () => {
    const executor = res.pool(1);
    const outside = 2;
    const error = await executor.submit((x: number) => x * outside, 21).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReferenceError);
    expect((error as Error).message).toMatch(/^outside is not defined/);
  });

  test('a method, an inner named function and an inner class travel with their source', async () => {
    const executor = res.pool(1);
    const tools = {
      describe(n: number): string {
        function square(x: number) {
          return x * x;
        }
        class Box {
          value = square(n);
        }
        return `${square.name} ${Box.name} ${new Box().value}`;
      },
    };
    expect(await executor.submit(tools.describe, 3)).toBe('square Box 9');
  });

  test("vitest's transform turns import() into __vite_ssr_dynamic_import__(), which the worker provides", async () => {
    const executor = res.pool(1);
    const job = async (text: string) => {
      const { createHash } = await import('node:crypto');
      return createHash('sha256').update(text).digest('hex').slice(0, 16);
    };
    expect(job.toString()).toContain('__vite_ssr_dynamic_import__(');
    expect(await executor.submit(job, 'abc')).toBe('ba7816bf8f01cfea');
  });

  test("tsx's transform inserts __name() calls into function source, which the worker provides", async () => {
    const executor = res.pool(1);
    const source = await sourceUnderTsx(); // from a child process under tsx
    expect(source).toContain('__name(');
    expect(await executor.submit(functionWithSource(source), 7)).toBe('Box square 49');
  }, 4500);

  test('a native, bound or class function cannot travel: submit rejects with a TypeError', async () => {
    const executor = res.pool(1);
    await expect(executor.submit(Math.max, 1, 2)).rejects.toThrow(TypeError);
    await expect(executor.submit(((x: number) => x).bind(null), 1)).rejects.toThrow(TypeError);
    await expect(executor.submit(class K {} as never)).rejects.toThrow(TypeError);
  });
});
