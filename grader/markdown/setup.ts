/**
 * The one markdown-it setup of the course. The grader (hints in the terminal, the self-check's
 * code blocks) and the site (lesson pages) parse with it, so a construct that one of them
 * understands, such as the `::: compare` container, the other understands the same way.
 */
import type { MarkdownIt as Markdown } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import container from 'markdown-it-container';
import { headingAnchors } from './anchors.ts';

/** The container that sets a Python block beside the TypeScript that mirrors it. */
export const COMPARE = 'compare';

export function createMarkdown(): Markdown {
  const md = new MarkdownIt({
    // Lessons are Markdown only: with raw HTML off, a type such as Future<T> written outside
    // backticks shows as text instead of vanishing as an unknown tag.
    html: false,
    // Bare URLs become links, as on GitHub where the lessons are also read.
    linkify: true,
    typographer: false,
  });
  // `::: compare` ... `:::` becomes a `<div class="compare">` holding the blocks, and the
  // tokens `container_compare_open` / `container_compare_close` for other renderers.
  md.use(container, COMPARE);
  md.use(headingAnchors);
  return md;
}
