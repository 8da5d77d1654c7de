import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Manifest } from '../../grader/manifest.ts';
import { fingerprint, PROGRESS_PATH } from '../../grader/progress.ts';
import { buildSite } from '../lib/site.ts';
import { buildInto, FIXTURE, fixtureCopy, removeTempDirs, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

const read = (out: string, file: string): string => readFileSync(join(out, file), 'utf8');

describe('the site build', () => {
  test('writes the overview and one page per lesson, written or still to come', async () => {
    const { out, pages, warnings } = await buildInto(FIXTURE);
    expect(pages).toEqual(['index.html', '00-intro.html', '01-generators.html', '02-futures.html']);
    expect(warnings).toEqual([]);
    expect(existsSync(join(out, 'assets/site.css'))).toBe(true);
    expect(existsSync(join(out, 'assets/site.js'))).toBe(true);
    expect(existsSync(join(out, 'figures/00-intro-flow.svg'))).toBe(true);
    expect(read(out, '02-futures.html')).toContain('This lesson is not written yet');
  });

  test('pages load only a stylesheet and a classic script: no modules, nothing remote', async () => {
    const { out } = await buildInto(FIXTURE);
    const html = read(out, '00-intro.html');
    expect(html).toContain('<script src="assets/site.js" defer></script>');
    expect(html).not.toMatch(/type="module"|import\(|https?:\/\/[^"]*\.(css|js)"/);
    expect(read(out, 'assets/site.js')).not.toMatch(/\bfetch\(|^\s*(import|export)\b/m);
  });

  test('rewrites links to lessons, figures and the README; other course files become text', async () => {
    const { out } = await buildInto(FIXTURE);
    const lesson = read(out, '00-intro.html');
    expect(lesson).toContain('href="01-generators.html#sending-values-in"');
    expect(lesson).toContain('src="figures/00-intro-flow.svg"');
    expect(lesson).toContain(
      '<span class="course-file" title="exercises/00-intro/intro.ts in the course folder">start.ts</span>',
    );
    expect(lesson).toContain(
      'href="https://github.com/python/cpython/blob/3.13/Lib/asyncio/tasks.py"',
    );
    const index = read(out, 'index.html');
    expect(index).toContain('href="00-intro.html"');
    expect(index).toContain('src="figures/00-intro-flow.svg"');
    expect(index).toContain('title="CONTRIBUTING.md in the course folder"');
  });

  test('highlights TypeScript and Python, labels blocks, and sets compare blocks in a container', async () => {
    const { out } = await buildInto(FIXTURE);
    const lesson = read(out, '00-intro.html');
    expect(lesson).toMatch(/<div class="compare">\n<figure class="code" data-lang="python">/);
    expect(lesson).toMatch(/<figcaption title="[^"]+">TypeScript · runs<\/figcaption>/);
    expect(lesson).toMatch(
      /<pre class="shiki[^"]*"[^>]*><code><span class="line"><span style="--shiki-light:/,
    );
    expect(lesson).toContain(
      '<figure class="code" data-lang="output"><figcaption>Output</figcaption><pre class="plain">',
    );
  });

  test('shows each exercise with its id, title, files, grading command and hints', async () => {
    const { out } = await buildInto(FIXTURE);
    const lesson = read(out, '00-intro.html');
    expect(lesson).toContain('<article class="exercise state-not-graded" id="exercise-00-2">');
    expect(lesson).toContain('<h3>Sleep for a while</h3>');
    expect(lesson).toContain(
      '<code>exercises/00-intro/intro.ts</code>, <code>exercises/00-intro/sleep.ts</code>',
    );
    expect(lesson).toContain('<code class="command">npm run grade 00.2</code>');
    expect(lesson).toContain('How many milliseconds are in <strong>one</strong> second?');
    expect(lesson).toContain('No progress recorded yet');
    // The sidebar lists every lesson's exercises, linked to their cards.
    expect(read(out, 'index.html')).toContain('href="02-futures.html#exercise-02-1"');
  });

  test('bakes in the progress the grader derives: passed, failed, changed, not graded', async () => {
    const root = fixtureCopy();
    const manifest = Manifest.load(root);
    const [first, second, third] = manifest.exercises;
    if (!first || !second || !third) throw new Error('the fixture has four exercises');
    const entry = (status: string, print: string) => ({
      status,
      at: '2025-01-01T00:00:00Z',
      fingerprint: print,
      sources: {},
    });
    mkdirSync(join(root, '.course'));
    writeFileSync(
      join(root, PROGRESS_PATH),
      JSON.stringify({
        version: 1,
        exercises: {
          [first.id]: entry('passed', fingerprint(root, manifest, first, {})),
          [second.id]: entry('passed', 'stale'),
          [third.id]: entry('failed', fingerprint(root, manifest, third, {})),
        },
      }),
    );
    const { out } = await buildInto(root);
    const lesson = read(out, '00-intro.html');
    expect(lesson).toContain('1 of 4 exercises pass');
    expect(lesson).toContain('<article class="exercise state-passed" id="exercise-00-1">');
    expect(lesson).toContain('<article class="exercise state-changed" id="exercise-00-2">');
    expect(read(out, '01-generators.html')).toContain(
      '<article class="exercise state-failed" id="exercise-01-1">',
    );
    expect(lesson).toContain('run <code>npm run site</code> again to refresh it');
  });

  test('builds without progress when the progress file is corrupt, and leaves the file alone', async () => {
    const root = fixtureCopy();
    mkdirSync(join(root, '.course'));
    writeFileSync(join(root, PROGRESS_PATH), '{ not json');
    const { out } = await buildInto(root);
    expect(read(out, '00-intro.html')).toContain(
      '<article class="exercise state-not-graded" id="exercise-00-1">',
    );
    expect(readFileSync(join(root, PROGRESS_PATH), 'utf8')).toBe('{ not json');
  });

  test('shows a lesson text that the manifest does not list yet, in course order', async () => {
    const root = fixtureCopy();
    writeFileSync(join(root, 'lessons/03-loop.md'), '# The event loop\n\nSoon.\n');
    const { out, pages } = await buildInto(root);
    expect(pages.at(-1)).toBe('03-loop.html');
    expect(read(out, 'index.html')).toContain('<span class="num">03</span> The event loop');
    expect(read(out, '02-futures.html')).toContain('href="03-loop.html"');
  });

  test('warns about links to lessons and figures that do not exist', async () => {
    const root = fixtureCopy();
    writeFileSync(
      join(root, 'lessons/01-generators.md'),
      '# G\n\n[x](09-nothing.md) ![y](figures/none.svg)\n',
    );
    const { warnings, out } = await buildInto(root);
    expect(warnings).toEqual([
      'lessons/01-generators.md: the link 09-nothing.md leads to a lesson that does not exist',
      'lessons/01-generators.md: the image figures/none.svg is missing (looked for lessons/figures/none.svg)',
    ]);
    expect(read(out, '01-generators.html')).toContain(
      '<span class="course-file" title="not written yet">x</span>',
    );
  });

  test('heading ids never clash with the ids of the page around the lesson', async () => {
    const root = fixtureCopy();
    writeFileSync(join(root, 'lessons/01-generators.md'), '# G\n\n## Exercises\n\n## Main\n');
    const { out } = await buildInto(root);
    const html = read(out, '01-generators.html');
    expect(html).toContain('<h2 id="exercises-1">');
    expect(html).toContain('<h2 id="main-1">');
  });

  test('refuses to empty a folder that a build did not make', async () => {
    const out = tempDir('mine');
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    await expect(buildSite({ root: FIXTURE, out })).rejects.toThrow(/refusing to empty/);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  test('builds the real course, whatever lessons it has so far', async () => {
    const { pages } = await buildInto(join(FIXTURE, '../../..'));
    expect(pages[0]).toBe('index.html');
    expect(pages.length).toBeGreaterThan(1);
  });
});
