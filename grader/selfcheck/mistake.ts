/**
 * A classic mistake of a re-implementation (from `asyncio-semantics.md`), planted in a copy of
 * a lesson's solution to prove that the lesson's suites catch it. Each lesson lists its
 * mistakes in `grader/selfcheck/mistakes/LL-name.ts` as a default export of `PlantedMistake[]`.
 */
export interface PlantedMistake {
  /** The mistake, as a learner would make it: 'done callbacks run synchronously'. */
  name: string;
  /** A file of the lesson's solution folder, such as `futures.ts`. */
  file: string;
  /** Text that occurs exactly once in that file... */
  find: string;
  /** ...and what it becomes when the mistake is planted. */
  replace: string;
  /** The exercises whose suites must fail with the mistake planted. */
  caughtBy: string[];
}
