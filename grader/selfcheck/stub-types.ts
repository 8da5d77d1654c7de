/**
 * Invariant 3 of COURSE.md section 6: each stub module and its solution export the same names
 * with the same types. A generated TypeScript file asserts, for each pair, that the two module
 * namespaces are assignable to each other, and that each exported type (interface or alias)
 * is; tsc then proves it or names the export that differs.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../manifest.ts';
import { aliasesOf, resolveModules } from '../resolve.ts';
import { typecheck } from '../typecheck.ts';
import { type CheckResult, FAIL } from './check.ts';

interface Assertion {
  /** What the line asserts, for the message when it does not hold. */
  label: string;
  code: string;
}

export async function checkStubTypes(manifest: Manifest): Promise<CheckResult> {
  const root = manifest.root;
  const lines: string[] = [];
  // One check per lesson, each a program of its own: a later lesson may augment an earlier
  // lesson's module (threads.ts adds the executor methods to lesson 03's EventLoop), which must
  // not make that earlier lesson's stub and solution differ.
  const checks: { slug: string; imports: string[]; assertions: Assertion[] }[] = [];
  let pairs = 0;
  for (const lesson of manifest.lessons) {
    const imports: string[] = [];
    const assertions: Assertion[] = [];
    checks.push({ slug: lesson.slug, imports, assertions });
    const stubDir = join(root, 'exercises', lesson.slug);
    for (const file of readdirSync(stubDir)
      .filter((name) => name.endsWith('.ts'))
      .sort()) {
      const stub = join(stubDir, file);
      const solution = join(root, 'solutions', lesson.slug, file);
      const where = `${lesson.slug}/${file}`;
      if (!existsSync(solution)) {
        lines.push(`  ${FAIL} exercises/${where} has no twin in solutions/`);
        continue;
      }
      const n = pairs++;
      imports.push(`import type * as Stub${n} from ${JSON.stringify(stub)};`);
      imports.push(`import type * as Solution${n} from ${JSON.stringify(solution)};`);
      assertions.push(
        {
          label: `${where}: the stub's exports are not assignable to the solution's`,
          code: `Expect<Assignable<typeof Stub${n}, typeof Solution${n}>>`,
        },
        {
          label: `${where}: the solution's exports are not assignable to the stub's`,
          code: `Expect<Assignable<typeof Solution${n}, typeof Stub${n}>>`,
        },
      );
      const stubTypes = exportedTypes(readFileSync(stub, 'utf8'));
      const solutionTypes = exportedTypes(readFileSync(solution, 'utf8'));
      for (const [name, generic] of solutionTypes) {
        if (!stubTypes.has(name)) {
          lines.push(
            `  ${FAIL} ${where}: the solution exports the type ${name}, the stub does not`,
          );
        } else if (!generic) {
          assertions.push({
            label: `${where}: the type ${name} differs`,
            code: `Expect<Same<Stub${n}.${name}, Solution${n}.${name}>>`,
          });
        }
      }
      for (const name of stubTypes.keys()) {
        if (!solutionTypes.has(name))
          lines.push(
            `  ${FAIL} ${where}: the stub exports the type ${name}, the solution does not`,
          );
      }
    }
  }

  const dir = join(root, '.course', 'selfcheck', 'stub-types');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Earlier lessons resolve to the solutions, for stubs and solutions alike: one Future class.
  const aliases = aliasesOf(resolveModules(manifest, 'solutions'), root);
  const results = await Promise.all(
    checks
      .filter((check) => check.imports.length > 0)
      .map(async ({ slug, imports, assertions }) => {
        const header = [
          ...imports,
          'type Assignable<A, B> = [A] extends [B] ? true : false;',
          'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
          'type Expect<T extends true> = T;',
        ];
        const body = assertions.map((assertion, i) => `export type Check${i} = ${assertion.code};`);
        const file = join(dir, `check-${slug}.ts`);
        writeFileSync(file, `${[...header, ...body].join('\n')}\n`);
        const errors = await typecheck({ root, files: [file], aliases });
        return errors.map((error) => {
          const assertion = error.file.endsWith(`check-${slug}.ts`)
            ? assertions[error.line - header.length - 1]
            : undefined;
          return `  ${FAIL} ${assertion ? assertion.label : `${error.file}:${error.line} ${error.message}`}`;
        });
      }),
  );
  for (const errors of results) lines.push(...errors);
  rmSync(dir, { recursive: true, force: true });
  const ok = lines.length === 0;
  return {
    name: 'Stubs and solutions export the same names and types',
    ok,
    lines,
    summary: `${pairs} module pairs`,
  };
}

/** Exported interfaces and type aliases of a module: name → whether it takes type parameters. */
function exportedTypes(source: string): Map<string, boolean> {
  const types = new Map<string, boolean>();
  for (const match of source.matchAll(
    /^export\s+(?:declare\s+)?(?:type|interface)\s+(\w+)\s*(<)?/gm,
  )) {
    types.set(String(match[1]), match[2] === '<');
  }
  return types;
}
