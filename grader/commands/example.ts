/**
 * `npm run example <name>`: runs an example program of `examples/` on the learner's own runtime
 * (or `--target reference|solutions`), on the real clock.
 */
import pc from 'picocolors';
import { type CourseContext, UsageError } from '../context.ts';
import { listExamples, runExample } from '../examples.ts';
import { TARGETS, type Target } from '../resolve.ts';

export async function exampleCommand(
  context: CourseContext,
  options: { name?: string; target: string },
): Promise<number> {
  const examples = listExamples(context.root);
  const names = examples.map((example) => example.name).join(', ') || 'none yet';
  if (!options.name)
    throw new UsageError(`say which example to run: npm run example <name> (examples: ${names})`);
  const example = examples.find((candidate) => candidate.name === options.name);
  if (!example) throw new UsageError(`there is no example "${options.name}" (examples: ${names})`);
  if (!(TARGETS as readonly string[]).includes(options.target)) {
    throw new UsageError(`unknown target "${options.target}": use one of ${TARGETS.join(', ')}`);
  }
  const target = options.target as Target;
  const on = target === 'exercises' ? 'your own runtime (exercises/)' : `${target}/`;
  console.log(pc.dim(`Running ${example.path} on ${on}…`));
  const result = await runExample(context.root, example, target, { stdio: 'inherit' });
  return result.code ?? 1;
}
