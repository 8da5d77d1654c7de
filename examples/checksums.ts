/**
 * checksums: hashes a handful of files in worker threads while the event loop keeps a progress
 * report going, then prints each file's SHA-256 digest.
 *
 * Hashing is CPU work: on the loop's thread it would freeze every task until it is done.
 * `toThread` hands each file to a worker thread of the default executor and waits for the digest
 * without blocking the loop, as asyncio's `to_thread` does with a thread. The hashing function
 * needs imports, so it lives in a module of its own (`workers/checksum-worker.ts`) that the workers load.
 *
 * The output is the same on every run: the progress lines count finished files, which always
 * come one by one, whichever file finishes first; the digests are printed in a fixed order.
 *
 *     npm run example checksums
 *     COURSE_CLOCK=virtual npm run example checksums -- --target reference
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Coroutine, createTask, run, sleep } from '#course/tasks';
import { toThread, wrapPromise } from '#course/threads';

/** The function the workers run: `sha256File(path)` of `workers/checksum-worker.ts`. */
const SHA256_FILE = {
  module: new URL('./workers/checksum-worker.ts', import.meta.url),
  export: 'sha256File',
};

/** The files to make and hash: names and sizes in bytes. */
const FILES: readonly [name: string, size: number][] = [
  ['alpha.txt', 1_000],
  ['bravo.txt', 64_000],
  ['charlie.txt', 250_000],
  ['delta.txt', 1_000_000],
  ['echo.txt', 2_500_000],
  ['foxtrot.txt', 4_000_000],
];

/** A file's contents: numbered lines that name it, cut to `size` bytes, the same every run. */
function contents(name: string, size: number): string {
  const lines: string[] = [];
  for (let length = 0, i = 1; length < size; i++) {
    const line = `${i} ${name} the quick brown fox jumps over the lazy dog\n`;
    lines.push(line);
    length += line.length;
  }
  return lines.join('').slice(0, size);
}

/** How many files are hashed so far: the hashing tasks count, the progress task reports. */
const progress = { hashed: 0 };

/** Hashes one file in a worker thread. */
function* hash(path: string): Coroutine<string> {
  const digest = yield* toThread<string>(SHA256_FILE, path);
  progress.hashed++;
  return digest;
}

/**
 * Reports progress until every file is hashed. It wakes every 20 ms, and prints a line for each
 * file finished since it last looked: the lines never depend on how long the hashing took.
 */
function* report(total: number): Coroutine<void> {
  let reported = 0;
  while (reported < total) {
    yield* sleep(0.02);
    while (reported < progress.hashed) {
      reported++;
      console.log(`hashed ${reported}/${total}`);
    }
  }
}

function* main(): Coroutine<void> {
  const dir = yield* wrapPromise(mkdtemp(join(tmpdir(), 'checksums-')));
  try {
    for (const [name, size] of FILES) {
      yield* wrapPromise(writeFile(join(dir, name), contents(name, size)));
    }
    const bytes = FILES.reduce((sum, [, size]) => sum + size, 0);
    console.log(`created ${FILES.length} files, ${bytes} bytes`);

    const reporter = createTask(report(FILES.length), { name: 'progress' });
    const hashing = FILES.map(([name]) => createTask(hash(join(dir, name)), { name }));
    const digests: string[] = [];
    for (const task of hashing) digests.push(yield* task);
    yield* reporter;

    FILES.forEach(([name], i) => {
      console.log(`${digests[i]}  ${name}`);
    });
  } finally {
    yield* wrapPromise(rm(dir, { recursive: true, force: true }));
  }
}

await run(main(), { clock: process.env.COURSE_CLOCK === 'virtual' ? 'virtual' : 'real' });
