/**
 * `npm run site`: builds the course's static site into site/dist/ (open site/dist/index.html).
 * `npm run site -- --serve` also serves it on http://127.0.0.1:8000/ (`--port N` for another).
 * `--out DIR` and `--root DIR` build another course folder elsewhere (the tests use them).
 */
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSite } from './lib/site.ts';
import { serve } from './serve.ts';

const DEFAULT_PORT = 8000;
/** The course this script belongs to, wherever it is started from. */
const COURSE_ROOT = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'boolean', default: false },
      port: { type: 'string' },
      out: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run site [-- --serve [--port N]] [-- --out DIR] [-- --root DIR]');
    return 0;
  }
  // `npm run site --serve` (without `--`) passes nothing but sets npm_config_serve: honour it.
  const wantServe = values.serve || process.env.npm_config_serve === 'true';
  const root = resolve(values.root ?? COURSE_ROOT);
  const out = resolve(values.out ?? resolve(root, 'site/dist'));
  const started = performance.now();
  const result = await buildSite({ root, out });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  const shown = relative(process.cwd(), out) || '.';
  console.log(`Built ${result.pages.length} pages into ${shown} in ${seconds} s.`);
  console.log(`Open ${pathToFileURL(resolve(out, 'index.html')).href}`);
  if (!wantServe) return 0;
  const port = Number(values.port ?? process.env.npm_config_port ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, not "${values.port}"`);
    return 2;
  }
  const running = await serve(out, { port, fallback: values.port === undefined });
  console.log(`Serving ${shown} at ${running.url} (127.0.0.1 only). Press Ctrl-C to stop.`);
  return new Promise(() => {
    // Runs until the learner stops it.
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`npm run site: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
