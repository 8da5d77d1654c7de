/**
 * Which file each `#course/<concept>` specifier means in one run. The same suite runs against
 * the learner's files, the solutions or the reference; and when an earlier lesson's module of
 * the learner is broken, the current exercise is still graded, on the solution of that module.
 */
import { join } from 'node:path';
import type { Lesson, Manifest } from './manifest.ts';

export const TARGETS = ['exercises', 'solutions', 'reference'] as const;
export type Target = (typeof TARGETS)[number];

/** Where one concept module comes from in a run, and why when it is not the target's own. */
export interface ModuleSource {
  concept: string;
  tree: Target;
  /** Path relative to the course root. */
  path: string;
  /** Set when the module was taken from another tree than the target's. */
  reason?: string;
}

export interface Resolution {
  target: Target;
  modules: ModuleSource[];
}

/** Path, relative to the course root, of a concept's module in one tree. */
export function modulePath(lesson: Lesson, concept: string, tree: Target): string {
  return tree === 'reference'
    ? `reference/src/${concept}.ts`
    : `${tree}/${lesson.slug}/${concept}.ts`;
}

/**
 * Resolves every concept of the course for a run on `target`. `fallbacks` names the learner's
 * modules that must be replaced by the solutions' (with the reason to tell the learner).
 * Lessons without a reference module (the warm-ups) resolve to the solutions on `reference`.
 */
export function resolveModules(
  manifest: Manifest,
  target: Target,
  fallbacks: ReadonlyMap<string, string> = new Map(),
): Resolution {
  const modules: ModuleSource[] = [];
  for (const lesson of manifest.lessons) {
    for (const concept of lesson.modules) {
      let tree: Target = target;
      let reason: string | undefined;
      if (target === 'reference' && !lesson.reference) {
        tree = 'solutions';
        reason = `lesson ${lesson.id} has no reference module`;
      } else if (target === 'exercises' && fallbacks.has(concept)) {
        tree = 'solutions';
        reason = fallbacks.get(concept);
      }
      modules.push({ concept, tree, path: modulePath(lesson, concept, tree), reason });
    }
  }
  return { target, modules };
}

/** The specifier → absolute path map that vitest's aliases and tsc's `paths` both take. */
export function aliasesOf(resolution: Resolution, root: string): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const module of resolution.modules) {
    aliases[`#course/${module.concept}`] = join(root, module.path);
  }
  return aliases;
}
