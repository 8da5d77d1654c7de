/**
 * The work that `checksums.ts` sends to worker threads: hashing a file needs `node:crypto` and
 * `node:fs`, so it cannot travel as a self-contained function's source. `toThread` runs it as
 * `{ module: new URL('./workers/checksum-worker.ts', import.meta.url), export: 'sha256File' }`: each
 * worker imports this module once.
 */

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The SHA-256 digest of a file, in hex, read as a stream: the file need not fit in memory. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
