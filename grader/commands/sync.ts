/**
 * `npm run course:sync` (for maintainers): records in the manifest the hash of every test file
 * and stub, writes package.json's `imports` (one `#course/<concept>` per lesson module, with a
 * condition per target) and the JSON Schema of `--json`. `--check` changes nothing and reports
 * what is out of date (the self-check runs it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pc from 'picocolors';
import { parseDocument } from 'yaml';
import { type CourseContext, EXIT } from '../context.ts';
import { gradeResultJsonSchema } from '../json-report.ts';
import { MANIFEST_PATH, sha256File } from '../manifest.ts';
import { modulePath } from '../resolve.ts';

export const SCHEMA_PATH = 'grader/grade-result.schema.json';

export function syncCommand(context: CourseContext, options: { check: boolean }): number {
  const stale = [
    syncManifest(context, options.check),
    syncImports(context, options.check),
    syncSchema(context, options.check),
  ].flat();
  if (options.check) {
    if (stale.length === 0) return EXIT.ok;
    for (const item of stale) console.log(pc.red(`✗ out of date: ${item}`));
    console.log('Run `npm run course:sync` and commit the result.');
    return EXIT.failed;
  }
  if (stale.length > 0) formatWritten(context.root);
  console.log(
    stale.length === 0
      ? 'Everything was up to date.'
      : stale.map((item) => `updated: ${item}`).join('\n'),
  );
  return EXIT.ok;
}

/** Formats what sync writes the way the rest of the repository is formatted (biome). */
function formatWritten(root: string): void {
  const files = [MANIFEST_PATH, 'package.json', SCHEMA_PATH].filter((file) =>
    existsSync(join(root, file)),
  );
  const biome = join(
    createRequire(import.meta.url).resolve('@biomejs/biome/package.json'),
    '..',
    'bin',
    'biome',
  );
  execFileSync(biome, ['format', '--write', ...files], { cwd: root, stdio: 'ignore' });
}

function syncManifest(context: CourseContext, check: boolean): string[] {
  const path = join(context.root, MANIFEST_PATH);
  const document = parseDocument(readFileSync(path, 'utf8'));
  const stale: string[] = [];
  context.manifest.lessons.forEach((lesson, l) => {
    lesson.exercises.forEach((exercise, e) => {
      const hash = sha256File(join(context.root, exercise.testPath));
      if (hash !== exercise.sha256) {
        stale.push(`hash of ${exercise.testPath}`);
        document.setIn(['lessons', l, 'exercises', e, 'sha256'], hash);
      }
    });
    const stubs: Record<string, string> = {};
    for (const file of [
      ...new Set(lesson.exercises.flatMap((exercise) => exercise.files)),
    ].sort()) {
      const stubPath = join(context.root, 'exercises', lesson.slug, file);
      if (existsSync(stubPath)) stubs[file] = sha256File(stubPath);
    }
    if (JSON.stringify(stubs) !== JSON.stringify(lesson.stubs)) {
      stale.push(`stub hashes of lesson ${lesson.id}`);
      document.setIn(['lessons', l, 'stubs'], document.createNode(stubs));
    }
  });
  if (!check && stale.length > 0)
    writeFileSync(path, document.toString({ lineWidth: 0, flowCollectionPadding: false }));
  return stale;
}

function syncImports(context: CourseContext, check: boolean): string[] {
  const path = join(context.root, 'package.json');
  if (!existsSync(path)) return [];
  const pkg = JSON.parse(readFileSync(path, 'utf8')) as { imports?: Record<string, unknown> };
  const imports: Record<string, unknown> = {};
  for (const lesson of context.manifest.lessons) {
    for (const concept of lesson.modules) {
      imports[`#course/${concept}`] = {
        'course-solutions': `./${modulePath(lesson, concept, 'solutions')}`,
        'course-reference': `./${modulePath(lesson, concept, lesson.reference ? 'reference' : 'solutions')}`,
        default: `./${modulePath(lesson, concept, 'exercises')}`,
      };
    }
  }
  // A concept whose lesson is still being written keeps its entry (so that its reference
  // module and examples resolve), but the check reports it until the manifest has the lesson.
  const pending = Object.keys(pkg.imports ?? {}).filter(
    (key) => key.startsWith('#course/') && !(key in imports),
  );
  for (const key of pending) imports[key] = pkg.imports?.[key];
  imports['#testing/*'] = './grader/testing/*.ts';
  const stale = pending.map(
    (key) => `package.json imports: no lesson in the manifest introduces ${key}`,
  );
  if (isDeepStrictEqual(imports, pkg.imports)) return check ? stale : [];
  if (!check) writeFileSync(path, `${JSON.stringify({ ...pkg, imports }, null, 2)}\n`);
  return ['package.json imports', ...stale];
}

function syncSchema(context: CourseContext, check: boolean): string[] {
  const path = join(context.root, SCHEMA_PATH);
  if (!existsSync(join(context.root, 'grader'))) return [];
  const schema = gradeResultJsonSchema();
  // Compared as data: the file on disk is formatted by biome.
  if (existsSync(path) && isDeepStrictEqual(JSON.parse(readFileSync(path, 'utf8')), schema))
    return [];
  if (!check) writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  return [SCHEMA_PATH];
}
