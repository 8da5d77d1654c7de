/** What the site's tests share: the fixture course, and building a site into a temp folder. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildResult, buildSite } from '../lib/site.ts';

/** A small course with every construct the site renders (see its manifest). */
export const FIXTURE = fileURLToPath(new URL('./fixture-course', import.meta.url));
/** The real course: the repository this file is in. */
export const COURSE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `course-site-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes every folder `tempDir` made (call it in `afterAll`). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A copy of the fixture course that a test may change (add progress, lessons). */
export function fixtureCopy(): string {
  const root = tempDir('course');
  cpSync(FIXTURE, root, { recursive: true });
  return root;
}

export async function buildInto(root: string): Promise<BuildResult & { out: string }> {
  const out = join(tempDir('out'), 'site');
  const result = await buildSite({ root, out });
  return { ...result, out };
}
