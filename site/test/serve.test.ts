import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fileFor, type RunningServer, serve } from '../serve.ts';
import { buildInto, FIXTURE, removeTempDirs } from './helpers.ts';

let out = '';
let running: RunningServer;

beforeAll(async () => {
  out = (await buildInto(FIXTURE)).out;
  running = await serve(out, { port: 0 });
});

afterAll(async () => {
  await running.close();
  removeTempDirs();
});

/** A GET with the path sent exactly as given (fetch would normalise `..` away). */
function get(path: string): Promise<{ status: number; type: string; body: string }> {
  const { port } = running.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: String(response.headers['content-type']),
          body,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('npm run site -- --serve', () => {
  test('listens on 127.0.0.1 only', () => {
    expect((running.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test('serves the pages, the assets and the figures with their types', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.type).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<a class="brand" href="index.html"');
    expect((await get('/00-intro.html?x=1')).status).toBe(200);
    expect((await get('/assets/site.css')).type).toBe('text/css; charset=utf-8');
    expect((await get('/figures/00-intro-flow.svg')).type).toBe('image/svg+xml');
  });

  test('answers 404 for missing files and for anything outside the site', async () => {
    expect((await get('/nothing.html')).status).toBe(404);
    expect((await get('/../package.json')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect(fileFor(out, '/../../package.json')).toBeUndefined();
    expect(fileFor(out, '/%E0%A4%A')).toBeUndefined();
    expect(fileFor(out, '/assets/')).toBeUndefined();
    expect(fileFor(out, '/')).toBe(join(out, 'index.html'));
  });
});
