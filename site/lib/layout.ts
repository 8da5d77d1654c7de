/**
 * The page templates, as functions that return HTML strings: the frame of every page, the
 * sidebar with every lesson and its exercises, the exercise cards of a lesson, and the links
 * to the previous and next pages. Pages load one stylesheet and one classic script (no ES
 * modules, no fetch), so that they work when opened straight from disk (`file://`).
 */
import type { Exercise } from '../../grader/manifest.ts';
import type { ExerciseState } from '../../grader/progress.ts';
import type { Course, LessonInfo } from './course.ts';
import { escapeHtml } from './html.ts';

export const SITE_TITLE = 'asyncio from scratch';

/** A page's neighbour in reading order. */
export interface PageLink {
  href: string;
  title: string;
}

export interface PageModel {
  /** `<title>`, without the site's name. */
  title: string;
  /** The lesson's slug, or undefined for the overview. */
  current?: string;
  /** The page's own content, inside `<main>`. */
  main: string;
  prev?: PageLink;
  next?: PageLink;
}

/** The file name of a lesson's page. */
export function pageOf(slug: string): string {
  return `${slug}.html`;
}

/** The id of an exercise's card (`exercise-03-2`): heading ids never contain a dot or clash. */
export function exerciseAnchor(exercise: Exercise): string {
  return `exercise-${exercise.id.replace('.', '-')}`;
}

/** Ids the page frame and the exercise cards use, which lesson headings must avoid. */
export function reservedIds(lesson: LessonInfo | undefined): Set<string> {
  const ids = ['main', 'sidebar', 'lesson-nav', 'exercises', 'exercises-title', 'lessons-title'];
  for (const exercise of lesson?.exercises ?? []) ids.push(exerciseAnchor(exercise));
  return new Set(ids);
}

const STATES: Record<ExerciseState, { icon: string; label: string; className: string }> = {
  passed: { icon: '✓', label: 'passed', className: 'passed' },
  failed: { icon: '✗', label: 'failing', className: 'failed' },
  changed: { icon: '~', label: 'changed since last graded', className: 'changed' },
  'not graded': { icon: '○', label: 'not graded yet', className: 'not-graded' },
};

export function renderPage(course: Course, page: PageModel, builtAt: string): string {
  const title = page.current === undefined ? SITE_TITLE : `${page.title} · ${SITE_TITLE}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/site.css">
<script src="assets/site.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<div class="layout">
${sidebar(course, page.current)}
<main id="main">
${page.main}
${pager(page)}
<footer class="footer">Built from the course files on ${escapeHtml(builtAt)} UTC.
Run <code>npm run site</code> again to refresh the pages and your progress.</footer>
</main>
</div>
</body>
</html>
`;
}

function sidebar(course: Course, current: string | undefined): string {
  const { progress } = course;
  const lessons = course.lessons.map((lesson) => {
    const here = lesson.slug === current;
    const classes = ['lesson', here ? 'current' : '', lesson.markdown === undefined ? 'coming' : '']
      .filter(Boolean)
      .join(' ');
    const coming = lesson.markdown === undefined ? ' <span class="tag">coming</span>' : '';
    const exercises = lesson.exercises.map((exercise) => {
      const state = STATES[progress.state(exercise)];
      const href = `${pageOf(lesson.slug)}#${exerciseAnchor(exercise)}`;
      return `<li><a class="exercise-link" href="${href}"><span class="state state-${state.className}" title="${state.label}">${state.icon}</span> <span class="num">${escapeHtml(exercise.id)}</span> ${escapeHtml(exercise.title)}</a></li>`;
    });
    const list =
      exercises.length > 0 ? `\n<ol class="exercise-list">${exercises.join('')}</ol>` : '';
    const aria = here ? ' aria-current="page"' : '';
    return `<li class="${classes}"><a class="lesson-link" href="${pageOf(lesson.slug)}"${aria}><span class="num">${escapeHtml(lesson.id)}</span> ${escapeHtml(lesson.title)}${coming}</a>${list}</li>`;
  });
  const overviewAria = current === undefined ? ' aria-current="page"' : '';
  return `<nav class="sidebar" id="sidebar" aria-label="Lessons">
<div class="sidebar-head">
<a class="brand" href="index.html"${overviewAria}>${SITE_TITLE}</a>
<button class="menu" type="button" aria-controls="lesson-nav" aria-expanded="false" hidden>Lessons</button>
</div>
<div class="sidebar-body" id="lesson-nav">
${progressSummary(course)}
<ol class="lesson-list">
${lessons.join('\n')}
</ol>
</div>
</nav>`;
}

function progressSummary(course: Course): string {
  const { progress } = course;
  if (!progress.recorded) {
    return '<p class="progress-summary">No exercise graded yet.</p>';
  }
  const percent = progress.total === 0 ? 0 : Math.round((100 * progress.passed) / progress.total);
  return `<p class="progress-summary">${progress.passed} of ${progress.total} exercises pass
<span class="meter" role="img" aria-label="${percent}% done"><span style="width:${percent}%"></span></span></p>`;
}

function pager(page: PageModel): string {
  if (!page.prev && !page.next) return '';
  const prev = page.prev
    ? `<a class="prev" rel="prev" href="${page.prev.href}"><span>Previous</span>${escapeHtml(page.prev.title)}</a>`
    : '<span></span>';
  const next = page.next
    ? `<a class="next" rel="next" href="${page.next.href}"><span>Next</span>${escapeHtml(page.next.title)}</a>`
    : '<span></span>';
  return `<nav class="pager" aria-label="Previous and next">${prev}${next}</nav>`;
}

/**
 * The exercise cards of a lesson: what to edit, how to grade it, its hints, and its state as
 * the grader last recorded it. `renderHint` turns a hint's Markdown into HTML.
 */
export function exerciseSection(
  course: Course,
  lesson: LessonInfo,
  renderHint: (markdown: string) => string,
): string {
  if (lesson.exercises.length === 0) return '';
  const { progress } = course;
  const note = progress.recorded
    ? 'Progress as the grader last recorded it, read when this page was built: run <code>npm run site</code> again to refresh it.'
    : 'No progress recorded yet: grade an exercise with <code>npm run grade</code>, then run <code>npm run site</code> again to see it here.';
  const cards = lesson.exercises.map((exercise) => {
    const state = STATES[progress.state(exercise)];
    const files = exercise.filePaths.map((path) => `<code>${escapeHtml(path)}</code>`).join(', ');
    const hints = exercise.hints.map((hint) => `<li>${renderHint(hint)}</li>`).join('\n');
    return `<article class="exercise state-${state.className}" id="${exerciseAnchor(exercise)}">
<header><span class="num">${escapeHtml(exercise.id)}</span> <h3>${escapeHtml(exercise.title)}</h3>
<span class="badge state-${state.className}">${state.icon} ${state.label}</span></header>
<dl>
<dt>Edit</dt><dd>${files}</dd>
<dt>Grade</dt><dd><code class="command">npm run grade ${escapeHtml(exercise.id)}</code></dd>
<dt>Hint</dt><dd><code class="command">npm run hint ${escapeHtml(exercise.id)}</code> shows one hint at a time</dd>
</dl>
<details class="hints"><summary>All ${exercise.hints.length} hints, gentlest first</summary>
<ol>
${hints}
</ol>
</details>
</article>`;
  });
  return `<section class="exercises" id="exercises" aria-labelledby="exercises-title">
<h2 id="exercises-title">Exercises</h2>
<p class="progress-note">${note}</p>
${cards.join('\n')}
</section>`;
}
