import { describe, expect, test } from 'vitest';
import { type Coroutine, runAll, Signal } from '#course/generators';
import { worker } from '#testing/01-generators';

/** Logs that it waits, sleeps until `signal` fires, logs what it got, returns it. */
function* sleeper(name: string, signal: Signal<number>, log: string[]): Coroutine<string> {
  log.push(`${name} waits`);
  const value = yield* signal;
  log.push(`${name} got ${value}`);
  return `${name} got ${value}`;
}

/** Takes `turns` turns (`tick 0`, ...), fires `signal` with `value`, takes one more turn. */
function* firer(
  signal: Signal<number>,
  turns: number,
  value: number,
  log: string[],
): Coroutine<string> {
  for (let turn = 0; turn < turns; turn++) {
    log.push(`tick ${turn}`);
    yield;
  }
  signal.fire(value);
  log.push('fired');
  yield;
  log.push('firer ends');
  return 'fired';
}

describe('01.8 Sleep until a signal fires', () => {
  test('a bare yield gives up the turn, as in roundRobin', () => {
    const log: string[] = [];
    expect(runAll([worker('a', 2, log), worker('b', 2, log)])).toEqual(['A', 'B']);
    expect(log).toEqual(['a0', 'b0', 'a1', 'b1']);
  });

  test('a coroutine that yields a pending signal sleeps: it gets no turn until the signal fires', () => {
    const log: string[] = [];
    const signal = new Signal<number>();
    runAll([sleeper('x', signal, log), firer(signal, 2, 42, log)]);
    expect(log).toEqual(['x waits', 'tick 0', 'tick 1', 'fired', 'x got 42', 'firer ends']);
  });

  test('the value given to fire() is what `yield* signal` returns in the coroutine that woke', () => {
    const signal = new Signal<number>();
    expect(runAll([sleeper('x', signal, []), firer(signal, 0, 42, [])])).toEqual([
      'x got 42',
      'fired',
    ]);
  });

  test('a coroutine that wakes joins the back of the queue, behind those already waiting for a turn', () => {
    const log: string[] = [];
    const signal = new Signal<number>();
    runAll([sleeper('x', signal, log), firer(signal, 0, 1, log), worker('w', 2, log)]);
    expect(log).toEqual(['x waits', 'fired', 'w0', 'x got 1', 'firer ends', 'w1']);
  });

  test('every coroutine sleeping on one signal wakes when it fires, in the order they fell asleep', () => {
    const log: string[] = [];
    const signal = new Signal<number>();
    const results = runAll([
      sleeper('x', signal, log),
      firer(signal, 2, 42, log),
      sleeper('y', signal, log),
    ]);
    expect(log).toEqual([
      'x waits',
      'tick 0',
      'y waits',
      'tick 1',
      'fired',
      'x got 42',
      'y got 42',
      'firer ends',
    ]);
    expect(results).toEqual(['x got 42', 'fired', 'y got 42']);
  });

  test('runAll returns what each coroutine returned, in the order given, not the order they finished', () => {
    const signal = new Signal<number>();
    const results = runAll([
      sleeper('late', signal, []),
      worker('early', 1, []),
      firer(signal, 3, 5, []),
    ]);
    expect(results).toEqual(['late got 5', 'EARLY', 'fired']);
  });

  test('when the only coroutines left sleep on signals that nothing will fire, runAll throws an Error whose message starts with "deadlock"', () => {
    const log: string[] = [];
    const never = new Signal<number>();
    expect(() => runAll([sleeper('x', never, log), worker('w', 2, log)])).toThrow(/^deadlock/);
    expect(log).toEqual(['x waits', 'w0', 'w1']);
  });
});
