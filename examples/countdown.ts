/**
 * Three countdowns run side by side, each a task that counts down at its own pace with `sleep`;
 * `main` scrubs one of them halfway, then waits for the other two. The timeline shows which task
 * runs when, in loop time (seconds since the start).
 *
 *   npm run example countdown                       # on your own runtime, in real time
 *   npm run example countdown -- --target reference # on the reference
 */
import { getRunningLoop } from '#course/loop';
import { type Coroutine, createTask, run, sleep } from '#course/tasks';

let start = 0;

/** Prints a line of the timeline, stamped with the loop's time since the start. */
function say(text: string): void {
  console.log(`t=${(getRunningLoop().time() - start).toFixed(1)} ${text}`);
}

function* countdown(name: string, from: number, interval: number): Coroutine<string> {
  for (let n = from; n > 0; n--) {
    say(`${name}: ${n}`);
    yield* sleep(interval);
  }
  say(`${name}: liftoff!`);
  return `${name} is flying`;
}

function* main(): Coroutine<void> {
  start = getRunningLoop().time();
  say('main: three countdowns start');
  const apollo = createTask(countdown('apollo', 3, 0.5));
  const soyuz = createTask(countdown('soyuz', 3, 0.7));
  const shuttle = createTask(countdown('shuttle', 5, 0.3));
  yield* sleep(1.1);
  say('main: scrub the shuttle');
  shuttle.cancel('scrubbed');
  try {
    yield* shuttle;
  } catch (error) {
    say(`main: the shuttle ended with ${(error as Error).name}: ${(error as Error).message}`);
  }
  for (const task of [apollo, soyuz]) say(`main: ${yield* task}`);
}

await run(main(), { clock: process.env.COURSE_CLOCK === 'virtual' ? 'virtual' : 'real' });
