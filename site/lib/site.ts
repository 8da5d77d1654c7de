/**
 * Builds the static site: one page per lesson (written or still to come), the overview from
 * the README, the figures and the assets, into one folder that works from `file://` and from
 * any static server.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Manifest } from '../../grader/manifest.ts';
import { type Course, collectCourse, type LessonInfo } from './course.ts';
import { loadHighlighter } from './highlight.ts';
import { escapeHtml } from './html.ts';
import {
  exerciseSection,
  type PageLink,
  pageOf,
  renderPage,
  reservedIds,
  SITE_TITLE,
} from './layout.ts';
import type { LinkMap } from './links.ts';
import { createSiteMarkdown, type SiteMarkdown } from './render.ts';

export interface BuildOptions {
  /** The course folder (the one with `exercises/manifest.yaml`). */
  root: string;
  /** Where the site goes; emptied first. */
  out: string;
}

export interface BuildResult {
  /** The pages written, relative to `out`, the overview first. */
  pages: string[];
  /** Links and images that lead nowhere (the site is still built). */
  warnings: string[];
}

/** Written into every build, so that a rebuild only ever empties a folder it made. */
const MARKER = '.course-site';
const ASSETS = fileURLToPath(new URL('../assets', import.meta.url));
const FIGURES = 'lessons/figures';

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const root = resolve(options.root);
  const out = resolve(options.out);
  const highlighter = loadHighlighter();
  const course = collectCourse(root, Manifest.load(root));
  const warnings: string[] = [];
  const md = createSiteMarkdown({
    highlighter: await highlighter,
    links: linkMap(course),
    exists: (path) => existsSync(join(root, path)),
    warn: (message) => warnings.push(message),
  });
  const builtAt = new Date().toISOString().slice(0, 16).replace('T', ' ');

  prepareOutput(out);
  cpSync(ASSETS, join(out, 'assets'), { recursive: true });
  if (existsSync(join(root, FIGURES))) {
    cpSync(join(root, FIGURES), join(out, 'figures'), { recursive: true });
  }

  const pages: string[] = [];
  const write = (file: string, html: string): void => {
    writeFileSync(join(out, file), html);
    pages.push(file);
  };
  const first = course.lessons[0];
  write(
    'index.html',
    renderPage(
      course,
      {
        title: SITE_TITLE,
        main: overview(course, md),
        next: first ? { href: pageOf(first.slug), title: lessonTitle(first) } : undefined,
      },
      builtAt,
    ),
  );
  course.lessons.forEach((lesson, i) => {
    const before = course.lessons[i - 1];
    const after = course.lessons[i + 1];
    const prev: PageLink = before
      ? { href: pageOf(before.slug), title: lessonTitle(before) }
      : { href: 'index.html', title: 'Overview' };
    const next = after ? { href: pageOf(after.slug), title: lessonTitle(after) } : undefined;
    const page = {
      title: lessonTitle(lesson),
      current: lesson.slug,
      main: lessonMain(course, lesson, md),
      prev,
      next,
    };
    write(pageOf(lesson.slug), renderPage(course, page, builtAt));
  });
  return { pages, warnings };
}

/** Every Markdown file that has a page, and the folders copied as they are. */
function linkMap(course: Course): LinkMap {
  const pages = new Map<string, string>([['README.md', 'index.html']]);
  for (const lesson of course.lessons) pages.set(lesson.sourcePath, pageOf(lesson.slug));
  return { pages, folders: new Map([[FIGURES, 'figures']]) };
}

/**
 * Empties `out`, unless it holds something that a build did not write there: a mistyped
 * `--out` must never cost anyone their files.
 */
function prepareOutput(out: string): void {
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!existsSync(join(out, MARKER))) {
      throw new Error(`refusing to empty ${out}: it was not made by \`npm run site\``);
    }
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, MARKER), 'Built by `npm run site`; emptied on every build.\n');
}

function lessonTitle(lesson: LessonInfo): string {
  return `${lesson.id} · ${lesson.title}`;
}

function lessonMain(course: Course, lesson: LessonInfo, md: SiteMarkdown): string {
  const ids = reservedIds(lesson);
  const hints = (markdown: string): string =>
    md.render(markdown, 'exercises/manifest.yaml', ids).html;
  const eyebrow = `<p class="eyebrow">Lesson ${escapeHtml(lesson.id)}</p>`;
  let article: string;
  if (lesson.markdown === undefined) {
    article = `<article class="lesson coming">${eyebrow}
<h1>${escapeHtml(lesson.title)}</h1>
<p class="coming-note">This lesson is not written yet. Its exercises are listed below, and
<code>npm run grade</code> already knows them.</p>
</article>`;
  } else {
    const rendered = md.render(lesson.markdown, lesson.sourcePath, ids);
    // A lesson normally opens with its own title; give it the manifest's if it does not.
    const heading = rendered.title === undefined ? `<h1>${escapeHtml(lesson.title)}</h1>\n` : '';
    article = `<article class="lesson">${eyebrow}\n${heading}${rendered.html}</article>`;
  }
  return `${article}\n${exerciseSection(course, lesson, hints)}`;
}

/** The overview: the README, then every lesson with how far the learner got in it. */
function overview(course: Course, md: SiteMarkdown): string {
  const ids = reservedIds(undefined);
  const intro =
    course.readme === undefined
      ? `<h1>${SITE_TITLE}</h1>
<p>Build Python's asyncio, piece by piece, in TypeScript.</p>
<p>In the course folder, <code>npm start</code> grades the exercise you are on and grades it
again each time you save.</p>`
      : md.render(course.readme, 'README.md', ids).html;
  const cards = course.lessons.map((lesson) => {
    const passed = lesson.exercises.filter((e) => course.progress.state(e) === 'passed').length;
    const count = lesson.exercises.length;
    const status =
      lesson.markdown === undefined
        ? 'coming'
        : `${count} exercise${count === 1 ? '' : 's'}${course.progress.recorded ? `, ${passed} passed` : ''}`;
    return `<li><a href="${pageOf(lesson.slug)}"><span class="num">${escapeHtml(lesson.id)}</span> ${escapeHtml(lesson.title)}</a> <span class="status">${status}</span></li>`;
  });
  return `<article class="overview">
${intro}
</article>
<section class="lesson-index" aria-labelledby="lessons-title">
<h2 id="lessons-title">Lessons</h2>
<ol>
${cards.join('\n')}
</ol>
</section>`;
}
