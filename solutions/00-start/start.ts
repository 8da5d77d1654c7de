/**
 * Lesson 00: the course's set-up, proven by one small function.
 */

/**
 * asyncio measures time in seconds (`asyncio.sleep(0.5)` is half a second), and so does this
 * course. JavaScript's timers count milliseconds. Convert seconds to milliseconds.
 */
export function toMilliseconds(seconds: number): number {
  return seconds * 1000;
}
