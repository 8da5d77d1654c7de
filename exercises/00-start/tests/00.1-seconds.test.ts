import { describe, expect, test } from 'vitest';
import { toMilliseconds } from '#course/start';

describe('00.1 Seconds, not milliseconds', () => {
  test('one second is 1000 milliseconds', () => {
    expect(toMilliseconds(1)).toBe(1000);
  });

  test('half a second, as in asyncio.sleep(0.5), is 500 milliseconds', () => {
    expect(toMilliseconds(0.5)).toBe(500);
  });

  test('zero seconds is zero milliseconds', () => {
    expect(toMilliseconds(0)).toBe(0);
  });
});
