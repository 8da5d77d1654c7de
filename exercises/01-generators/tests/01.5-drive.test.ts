import { describe, expect, test } from 'vitest';
import { drive } from '#course/generators';

const prices: Record<string, number> = { apples: 3, pears: 4 };

function priceOf(fruit: string): number {
  const price = prices[fruit];
  if (price === undefined) throw new Error(`no price for ${fruit}`);
  return price;
}

function* shopping(log: string[]): Generator<string, string, number> {
  const apples = yield 'apples';
  log.push(`apples cost ${apples}`);
  const pears = yield 'pears';
  log.push(`pears cost ${pears}`);
  return `total ${apples + pears}`;
}

describe('01.5 Drive a coroutine', () => {
  test('drive(coro, answer) returns what the generator returns', () => {
    expect(drive(shopping([]), priceOf)).toBe('total 7');
  });

  test('each yielded value goes to answer(), and its reply comes back as the value of that yield', () => {
    const log: string[] = [];
    const answer = (fruit: string): number => {
      log.push(`asked for ${fruit}`);
      return priceOf(fruit);
    };
    drive(shopping(log), answer);
    expect(log).toEqual(['asked for apples', 'apples cost 3', 'asked for pears', 'pears cost 4']);
  });

  test('a generator that returns without yielding never calls answer()', () => {
    // biome-ignore lint/correctness/useYield: a generator that finishes without yielding is the point
    function* immediate(): Generator<string, string, number> {
      return 'nothing to ask';
    }
    const asked: string[] = [];
    const result = drive(immediate(), (request) => {
      asked.push(request);
      return 0;
    });
    expect(result).toBe('nothing to ask');
    expect(asked).toEqual([]);
  });

  test('when answer() throws, drive throws that error into the generator at its yield, where it can catch it', () => {
    function* careful(): Generator<string, string, number> {
      try {
        const kiwis = yield 'kiwis';
        return `kiwis cost ${kiwis}`;
      } catch (error) {
        return `caught: ${(error as Error).message}`;
      }
    }
    expect(drive(careful(), priceOf)).toBe('caught: no price for kiwis');
  });

  test('a generator that caught an error goes on, and drive goes on answering its yields', () => {
    function* fallback(): Generator<string, number, number> {
      let total = 0;
      for (const fruit of ['kiwis', 'apples', 'mangoes', 'pears']) {
        try {
          total += yield fruit;
        } catch {
          total += 100;
        }
      }
      return total;
    }
    expect(drive(fallback(), priceOf)).toBe(207);
  });

  test('an error the generator does not catch comes out of drive(): the very same error object', () => {
    const broken = new Error('scales are broken');
    let thrown: unknown;
    try {
      drive(shopping([]), () => {
        throw broken;
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(broken);
  });
});
