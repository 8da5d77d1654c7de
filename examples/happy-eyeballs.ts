/**
 * Happy eyeballs (RFC 8305), as asyncio's `staggered_race` does it: try a host's addresses one
 * after another, starting the next attempt when the previous one fails or after a short delay,
 * whichever comes first; the first connection wins and the other attempts are cancelled.
 *
 * The network is simulated with sleeps, so the timeline is the same on every machine with
 * `COURSE_CLOCK=virtual`.
 */
import { CancelledError, TimeoutError } from '#course/errors';
import { Future } from '#course/futures';
import { taskGroup, timeout } from '#course/groups';
import { type Coroutine, currentTask, run, sleep, type Task } from '#course/tasks';

interface Address {
  host: string;
  /** Seconds until the simulated connection answers. */
  latency: number;
  outcome: 'connects' | 'refuses' | 'hangs';
}

/** Seconds between two attempts, unless the previous one fails sooner. */
const STAGGER = 0.25;
/** Seconds one attempt may take. */
const ATTEMPT_TIMEOUT = 0.7;

function log(message: string): void {
  const now = currentTask()?.getLoop().time() ?? 0;
  console.log(`t=${now.toFixed(3)}  ${message}`);
}

/** A simulated connect(): answers after the address's latency, or never. */
function* connect(address: Address): Coroutine<string> {
  yield* sleep(address.outcome === 'hangs' ? 3600 : address.latency);
  if (address.outcome === 'refuses') throw new Error('connection refused');
  return `socket to ${address.host}`;
}

/** Races the addresses; returns the first socket, or null when every attempt failed. */
function* happyEyeballs(addresses: Address[]): Coroutine<string | null> {
  let winner: string | null = null;
  const attempts: Task<void>[] = [];
  /** What the race waits on between two starts: set when the attempt just started fails. */
  let nextStep = new Future<null>();
  const wake = (step: Future<null>) => {
    if (!step.done()) step.setResult(null);
  };

  function* attempt(n: number, address: Address, failed: Future<null>): Coroutine<void> {
    log(`attempt ${n}: connecting to ${address.host}`);
    try {
      const socket = yield* timeout(ATTEMPT_TIMEOUT, () => connect(address));
      winner ??= socket;
      log(`attempt ${n}: connected, cancelling the others`);
      for (const other of attempts) if (other !== currentTask()) other.cancel();
      wake(nextStep);
    } catch (error) {
      if (error instanceof CancelledError) {
        log(`attempt ${n}: cancelled`);
        throw error;
      }
      const why = error instanceof TimeoutError ? 'timed out' : (error as Error).message;
      log(`attempt ${n}: failed (${why})`);
      wake(failed);
    }
  }

  yield* taskGroup(function* (tg) {
    for (const [i, address] of addresses.entries()) {
      if (winner !== null) break;
      nextStep = new Future<null>();
      attempts.push(tg.createTask(attempt(i + 1, address, nextStep), { name: address.host }));
      // The next attempt starts when this one fails, or after STAGGER seconds.
      try {
        yield* timeout(STAGGER, () => nextStep[Symbol.iterator]());
      } catch (error) {
        if (!(error instanceof TimeoutError)) throw error;
      }
    }
  });
  return winner;
}

function* main(): Coroutine<void> {
  log('--- example.com: IPv6 first, then IPv4');
  const socket = yield* happyEyeballs([
    { host: '2001:db8::1', latency: 0, outcome: 'hangs' },
    { host: '2001:db8::2', latency: 0.1, outcome: 'refuses' },
    { host: '192.0.2.1', latency: 0.4, outcome: 'connects' },
    { host: '192.0.2.2', latency: 0.3, outcome: 'connects' },
  ]);
  log(`won: ${socket}`);

  log('--- unreachable.example: every address hangs, the whole race has 1 s');
  try {
    yield* timeout(1, () =>
      happyEyeballs([
        { host: '2001:db8::3', latency: 0, outcome: 'hangs' },
        { host: '2001:db8::4', latency: 0, outcome: 'hangs' },
        { host: '192.0.2.3', latency: 0, outcome: 'hangs' },
      ]),
    );
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    log('gave up: TimeoutError');
  }
}

await run(main(), { clock: process.env.COURSE_CLOCK === 'virtual' ? 'virtual' : 'real' });
