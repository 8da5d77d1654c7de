/**
 * Helpers shared by the exercise suites, imported as `#testing`. Tests use them; learners
 * never edit them.
 */
export {};
