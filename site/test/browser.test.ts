/**
 * The site in a real browser: Debian's `chromium`, driven by playwright-core. Builds the real
 * course and the fixture course, opens them from `file://` (and the fixture also from the
 * `--serve` server), follows the sidebar to every lesson, and checks that every internal link
 * resolves, code is highlighted, nothing is logged as an error, and `::: compare` blocks sit
 * side by side on a wide screen and stack on a narrow one. Saves a screenshot of one lesson.
 *
 * Without a `chromium` on PATH the test is skipped, saying how to install one.
 */
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Manifest } from '../../grader/manifest.ts';
import { collectCourse } from '../lib/course.ts';
import { pageOf } from '../lib/layout.ts';
import { serve } from '../serve.ts';
import { buildInto, COURSE_ROOT, FIXTURE, removeTempDirs, tempDir } from './helpers.ts';

/** Where the screenshot of a lesson page goes (`.course/` is git-ignored). */
const SCREENSHOT_DIR = join(COURSE_ROOT, '.course', 'screenshots');
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 500, height: 900 };
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The first executable `name` on PATH, as a shell would find it. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

const executablePath = onPath('chromium');
const SKIP_MESSAGE =
  'no `chromium` on PATH: install it (Debian: `apt-get install -y chromium`; `.ci/run` does it when it can)';

if (!executablePath) {
  console.warn(`site browser test skipped: ${SKIP_MESSAGE}`);
  test.skip(`browser test skipped: ${SKIP_MESSAGE}`, () => {});
}

/** What a page shows that the checks need. */
interface PageFacts {
  ids: string[];
  /** Absolute URLs of every link and loaded resource. */
  urls: string[];
  /** Resources the page loads (stylesheets, scripts, images): none may be remote. */
  resources: string[];
  code: Array<{ lang: string; highlighted: boolean }>;
  brokenImages: string[];
}

/*
 * The callbacks below run in the page. The project compiles without the DOM's types (Node
 * code must not see `window`), so each names the few element properties it reads.
 */
type WithHref = { href: string };
type WithSrc = { src: string };
type Figure = { dataset: { lang?: string }; querySelector(selector: string): unknown };
type Image = WithSrc & { complete: boolean; naturalWidth: number };

async function factsOf(page: Page): Promise<PageFacts> {
  const hrefs = (selector: string) =>
    page.$$eval(selector, (elements) => elements.map((e) => (e as WithHref).href));
  const resources = [
    ...(await hrefs('link[href]')),
    ...(await page.$$eval('script[src], img[src]', (elements) =>
      elements.map((e) => (e as WithSrc).src),
    )),
  ];
  return {
    ids: await page.$$eval('[id]', (elements) => elements.map((e) => (e as { id: string }).id)),
    urls: [...(await hrefs('a[href]')), ...resources],
    resources,
    code: await page.$$eval('figure.code', (elements) =>
      elements.map((e) => {
        const figure = e as Figure;
        return {
          lang: figure.dataset.lang ?? '',
          highlighted: figure.querySelector('pre.shiki code span[style]') !== null,
        };
      }),
    ),
    brokenImages: await page.$$eval('img', (elements) =>
      (elements as Image[])
        .filter((img) => !(img.complete && img.naturalWidth > 0))
        .map((img) => img.src),
    ),
  };
}

/** Watches a page for console errors, uncaught exceptions and failed loads. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: uncaught ${error.message}`));
  page.on('requestfailed', (request) =>
    errors.push(`${page.url()}: failed to load ${request.url()}`),
  );
  return errors;
}

interface SiteVisit {
  /** Facts per page, keyed by the page's URL without its fragment. */
  pages: Map<string, PageFacts>;
  lessons: string[];
}

/**
 * Opens `base`index.html, clicks through the sidebar to every lesson, and checks each page:
 * internal links resolve (the file exists, and so does the anchor on the page it names),
 * highlighted code, images loaded, nothing remote, no errors. `fileOf` maps a URL of the site
 * to its file on disk.
 */
async function visitSite(
  context: BrowserContext,
  base: string,
  fileOf: (url: URL) => string,
): Promise<SiteVisit> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  const pages = new Map<string, PageFacts>();
  const record = async (): Promise<void> => {
    pages.set(page.url().split('#')[0] ?? '', await factsOf(page));
  };
  await page.goto(`${base}index.html`);
  await record();
  const lessons = await page.$$eval('.sidebar a.lesson-link', (links) =>
    links.map((link) => link.getAttribute('href') ?? ''),
  );
  expect(lessons.length).toBeGreaterThan(0);
  for (const href of lessons) {
    // Through the sidebar of the page we are on, as a reader would.
    await page.click(`.sidebar a.lesson-link[href="${href}"]`);
    await page.waitForURL(`${base}${href}`);
    await page.waitForLoadState('load');
    expect(await page.getAttribute(`.sidebar a.lesson-link[href="${href}"]`, 'aria-current')).toBe(
      'page',
    );
    await record();
  }

  // Pages linked but not in the sidebar (none expected) are opened to learn their ids.
  const other = await context.newPage();
  const otherErrors = watchErrors(other);
  for (const facts of [...pages.values()]) {
    for (const raw of facts.urls) {
      const url = new URL(raw);
      if (url.protocol === 'data:' || !raw.startsWith(base)) continue;
      const file = fileOf(url);
      expect(existsSync(file), `${raw} leads to a missing file`).toBe(true);
      if (!url.hash || !file.endsWith('.html')) continue;
      const target = raw.split('#')[0] ?? '';
      if (!pages.has(target)) {
        await other.goto(target);
        pages.set(target, await factsOf(other));
      }
      const id = decodeURIComponent(url.hash.slice(1));
      expect(pages.get(target)?.ids, `${raw}: no element with id "${id}"`).toContain(id);
    }
  }
  await other.close();

  for (const [url, facts] of pages) {
    for (const resource of facts.resources) {
      expect(
        resource.startsWith(base) || resource.startsWith('data:'),
        `${url} loads ${resource}`,
      ).toBe(true);
    }
    expect(facts.brokenImages, `${url}: images that did not load`).toEqual([]);
    for (const block of facts.code) {
      if (['ts', 'typescript', 'python'].includes(block.lang)) {
        expect(block.highlighted, `${url}: a ${block.lang} block is not highlighted`).toBe(true);
      }
    }
  }
  await page.close();
  expect([...errors, ...otherErrors]).toEqual([]);
  return { pages, lessons };
}

/** The boxes of the first two blocks of the first `::: compare` on the page. */
async function compareBoxes(page: Page) {
  const figures = page.locator('.compare').first().locator(':scope > figure.code');
  const first = await figures.nth(0).boundingBox();
  const second = await figures.nth(1).boundingBox();
  if (!first || !second) throw new Error('the compare container should hold two visible blocks');
  return { first, second };
}

describe.skipIf(!executablePath)('the site in chromium', () => {
  let context: BrowserContext;
  let fixtureOut = '';
  let courseOut = '';

  beforeAll(async () => {
    [fixtureOut, courseOut] = (await Promise.all([buildInto(FIXTURE), buildInto(COURSE_ROOT)])).map(
      (build) => build.out,
    );
    // A fresh profile for every run: nothing remembered from an earlier one.
    context = await chromium.launchPersistentContext(tempDir('profile'), {
      executablePath,
      headless: true,
      args: FLAGS,
      viewport: WIDE,
    });
  });

  afterAll(async () => {
    await context?.close();
    removeTempDirs();
  });

  const fileUrl = (dir: string): string => pathToFileURL(join(dir, '/')).href;

  test('the course: every lesson through the sidebar, links resolve, no console errors', async () => {
    const { lessons } = await visitSite(context, fileUrl(courseOut), (url) => fileURLToPath(url));
    console.log(
      `site browser test: visited the overview and ${lessons.length} lessons of the course`,
    );
  });

  test('the fixture course from file://: links, figures, highlighted TypeScript and Python', async () => {
    const { pages } = await visitSite(context, fileUrl(fixtureOut), (url) => fileURLToPath(url));
    const code = [...pages.values()].flatMap((facts) => facts.code);
    expect(code.filter((block) => block.lang === 'ts' && block.highlighted).length).toBeGreaterThan(
      1,
    );
    expect(
      code.filter((block) => block.lang === 'python' && block.highlighted).length,
    ).toBeGreaterThan(1);
  });

  test('the fixture course from the --serve server', async () => {
    const running = await serve(fixtureOut, { port: 0 });
    try {
      await visitSite(context, running.url, (url) =>
        join(fixtureOut, decodeURIComponent(url.pathname)),
      );
    } finally {
      await running.close();
    }
  });

  test('compare blocks sit side by side at 1280px and stack at 500px', async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${fileUrl(fixtureOut)}00-intro.html`);
    await page.setViewportSize(WIDE);
    const wide = await compareBoxes(page);
    expect(Math.abs(wide.first.y - wide.second.y)).toBeLessThan(2);
    expect(wide.second.x).toBeGreaterThanOrEqual(wide.first.x + wide.first.width);
    await page.setViewportSize(NARROW);
    const narrow = await compareBoxes(page);
    expect(Math.abs(narrow.first.x - narrow.second.x)).toBeLessThan(2);
    expect(narrow.second.y).toBeGreaterThanOrEqual(narrow.first.y + narrow.first.height);
    // Nothing is wider than a phone's screen but the code itself, which scrolls.
    const overflow = await page.$eval('html', (html) => {
      const root = html as { scrollWidth: number; clientWidth: number };
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
    expect(errors).toEqual([]);
  });

  test('on a narrow screen the lesson list folds behind the Lessons button', async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.setViewportSize(NARROW);
    await page.goto(`${fileUrl(fixtureOut)}01-generators.html`);
    const list = page.locator('.sidebar .lesson-list');
    expect(await list.isVisible()).toBe(false);
    await page.click('.sidebar button.menu');
    expect(await list.isVisible()).toBe(true);
    expect(await page.getAttribute('.sidebar button.menu', 'aria-expanded')).toBe('true');
    await page.close();
    expect(errors).toEqual([]);
  });

  test('saves a screenshot of a lesson page', async () => {
    // A lesson of the real course when one is written; the fixture's first lesson until then.
    const written = collectCourse(COURSE_ROOT, Manifest.load(COURSE_ROOT)).lessons.find(
      (lesson) => lesson.markdown !== undefined,
    );
    const dir = written ? courseOut : fixtureOut;
    const file = written ? pageOf(written.slug) : '00-intro.html';
    const page = await context.newPage();
    await page.setViewportSize(WIDE);
    await page.goto(`${fileUrl(dir)}${file}`);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, 'lesson.png');
    await page.screenshot({ path });
    await page.setViewportSize(NARROW);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'lesson-narrow.png') });
    await page.close();
    expect(existsSync(path)).toBe(true);
    console.log(`site browser test: screenshot of ${file} in ${dirname(path)}/lesson.png`);
  });
});
