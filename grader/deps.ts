/**
 * Which earlier lessons a lesson builds on: the lessons whose concepts its solution modules and
 * its tests import through `#course/<concept>`, followed transitively. Read from the course's
 * own files (never the learner's, which may import anything while being written).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lesson, Manifest } from './manifest.ts';

const SPECIFIER = /['"]#course\/([a-z]+)['"]/g;

export function dependencies(manifest: Manifest, lesson: Lesson): Lesson[] {
  const found = new Set<Lesson>();
  const visit = (current: Lesson) => {
    for (const concept of importedConcepts(manifest.root, current)) {
      const owner = manifest.lessonOfModule(concept);
      if (!owner || owner === lesson || found.has(owner)) continue;
      found.add(owner);
      visit(owner);
    }
  };
  visit(lesson);
  return manifest.lessons.filter((candidate) => found.has(candidate));
}

function importedConcepts(root: string, lesson: Lesson): Set<string> {
  const concepts = new Set<string>();
  const dirs = [
    join(root, 'solutions', lesson.slug),
    join(root, 'exercises', lesson.slug, 'tests'),
  ];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.ts')) continue;
      for (const match of readFileSync(join(dir, name), 'utf8').matchAll(SPECIFIER)) {
        concepts.add(String(match[1]));
      }
    }
  }
  for (const own of lesson.modules) concepts.delete(own);
  return concepts;
}
