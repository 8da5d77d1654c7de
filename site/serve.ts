/**
 * A small static server for the built site, on 127.0.0.1 only (the site is for the learner's
 * own browser, not for the network). It serves files from one folder and nothing outside it.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** The file that answers `urlPath` under `dir`, or undefined (missing, or outside `dir`). */
export function fileFor(dir: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return undefined;
  }
  const base = resolve(dir);
  let file = resolve(join(base, path));
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/**
 * Serves `dir` on 127.0.0.1:`port`; with port 0, or when `port` is taken and `fallback` is
 * set, on a free port that the system picks.
 */
export async function serve(
  dir: string,
  options: { port?: number; fallback?: boolean } = {},
): Promise<RunningServer> {
  const server = createServer((request, response) => {
    const file =
      request.method === 'GET' || request.method === 'HEAD'
        ? fileFor(dir, request.url ?? '/')
        : undefined;
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found. The site starts at /index.html.\n');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      // The learner rebuilds to see changes: never show them a stale page.
      'cache-control': 'no-store',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  const listen = (port: number): Promise<void> =>
    new Promise((done, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', fail);
        done();
      });
    });
  try {
    await listen(options.port ?? 0);
  } catch (error) {
    if (!options.fallback || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    await listen(0);
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
