/**
 * The learner's command-line tool: `npm start`, `npm run grade`, `hint`, `list`, `reset`,
 * `solution`, and the maintainers' `course:sync`. Exit codes: 0 when what was graded passes,
 * 1 when it fails, 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { EXIT, loadContext, swallowedFlags, UsageError } from './context.ts';
import { ManifestError } from './manifest.ts';

const USAGE = `Usage:
  npm start                        where am I, then grade on every save
  npm run grade [id]               grade an exercise (02.3 or 2.3), a lesson (02), or the current one
  npm run grade -- --all           grade every exercise
  npm run grade -- <id> --target solutions|reference
  npm run grade -- <id> --json     machine-readable results (grader/grade-result.schema.json)
  npm run hint [id]                the next, more specific hint
  npm run list                     every exercise and its state
  npm run reset <id>               put the original stub back (your version is kept in a backup)
  npm run reset -- --all           every stub
  npm run solution <id>            your file beside the solution (--yes to skip the question)
  npm run example <name>           run a program of examples/ on your own runtime (--target ...)`;

const OPTIONS = {
  all: { type: 'boolean', default: false },
  target: { type: 'string', default: 'exercises' },
  json: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  poll: { type: 'boolean', default: false },
  check: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[\w+\]: /, ''));
  }
  const { values, positionals } = parsed;
  if (values.help || command === undefined || command === 'help') {
    console.log(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const swallowed = swallowedFlags(['all', 'target', 'json', 'yes', 'poll']);
  if (swallowed.note && !values.json && !swallowed.flags.json)
    console.log(pc.yellow(`! ${swallowed.note}`));
  const flag = (name: 'all' | 'json' | 'yes' | 'poll') =>
    values[name] || swallowed.flags[name] === 'true';
  if (positionals.length > 1)
    throw new UsageError(`one id at a time, please (got ${positionals.join(' ')})`);
  const id = positionals[0];
  const context = loadContext();

  // Each command is loaded when asked for: a grade should not pay for the watcher or the diff.
  switch (command) {
    case 'start':
      return (await import('./commands/start.ts')).startCommand(context, { poll: flag('poll') });
    case 'grade':
      return (await import('./commands/grade.ts')).gradeCommand(context, {
        id,
        all: flag('all'),
        target: swallowed.flags.target ?? values.target,
        json: flag('json'),
      });
    case 'hint':
      return (await import('./commands/hint.ts')).hintCommand(context, id);
    case 'list':
      return (await import('./commands/list.ts')).listCommand(context);
    case 'reset':
      return (await import('./commands/reset.ts')).resetCommand(context, { id, all: flag('all') });
    case 'solution':
      return (await import('./commands/solution.ts')).solutionCommand(context, {
        id,
        yes: flag('yes'),
      });
    case 'example':
      return (await import('./commands/example.ts')).exampleCommand(context, {
        name: id,
        target: swallowed.flags.target ?? values.target,
      });
    case 'sync':
      return (await import('./commands/sync.ts')).syncCommand(context, { check: values.check });
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ManifestError) {
      console.error(pc.red(`✗ ${error.message}`));
      process.exitCode = EXIT.usage;
    } else {
      console.error(error);
      process.exitCode = EXIT.failed;
    }
  },
);
