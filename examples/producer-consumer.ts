/**
 * A producer hands parcels to two consumers through a channel built from futures: a consumer
 * that finds the channel empty parks on a future of its own, and `put` completes the future of
 * the consumer that has waited longest. The timeline shows who waits, who works, and when.
 *
 *   npm run example producer-consumer                       # on your own runtime, in real time
 *   npm run example producer-consumer -- --target reference # on the reference
 */
import type { Future } from '#course/futures';
import { getRunningLoop } from '#course/loop';
import { type Coroutine, createTask, run, sleep } from '#course/tasks';

let start = 0;

/** Prints a line of the timeline, stamped with the loop's time since the start. */
function say(text: string): void {
  console.log(`t=${(getRunningLoop().time() - start).toFixed(1)} ${text}`);
}

/** An unbounded channel: the items not taken yet, or the consumers waiting for one. */
class Channel<T> {
  items: T[] = [];
  waiters: Future<T>[] = [];

  put(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter === undefined) this.items.push(item);
    else waiter.setResult(item); // the waiter resumes in the next iteration
  }

  *get(): Coroutine<T> {
    if (this.items.length > 0) return this.items.shift() as T;
    const waiter = getRunningLoop().createFuture<T>();
    this.waiters.push(waiter);
    return yield* waiter;
  }
}

function* producer(channel: Channel<string | null>, consumers: number): Coroutine<void> {
  for (let n = 1; n <= 5; n++) {
    yield* sleep(0.4);
    say(`producer: puts parcel ${n}`);
    channel.put(`parcel ${n}`);
  }
  for (let i = 0; i < consumers; i++) channel.put(null); // one "no more" for each consumer
}

function* consumer(name: string, channel: Channel<string | null>, work: number): Coroutine<number> {
  let handled = 0;
  for (;;) {
    if (channel.items.length === 0) say(`${name}: waits`);
    const parcel = yield* channel.get();
    if (parcel === null) return handled;
    say(`${name}: works on ${parcel}`);
    yield* sleep(work);
    say(`${name}: done with ${parcel}`);
    handled++;
  }
}

function* main(): Coroutine<void> {
  start = getRunningLoop().time();
  const channel = new Channel<string | null>();
  const ann = createTask(consumer('ann', channel, 1.0));
  const bob = createTask(consumer('bob', channel, 0.7));
  yield* producer(channel, 2);
  say(`main: ann handled ${yield* ann} parcels, bob ${yield* bob}`);
}

await run(main(), { clock: process.env.COURSE_CLOCK === 'virtual' ? 'virtual' : 'real' });
