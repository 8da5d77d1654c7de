/**
 * Lesson Markdown to HTML for the site: the course's one markdown-it setup (shared with the
 * grader), plus what only a web page needs: highlighted code blocks with a language label,
 * a link on each heading, scrollable tables, and links rewritten to the site's own pages.
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import {
  type AnchorEnv,
  createMarkdown,
  inlineText,
  languageLabel,
  parseFenceInfo,
} from '../../grader/markdown/index.ts';
import type { Highlighter } from './highlight.ts';
import { escapeHtml } from './html.ts';
import { type LinkMap, resolveLink } from './links.ts';

export interface RenderedMarkdown {
  html: string;
  /** The text of the first `#` heading, if the Markdown has one. */
  title?: string;
}

export interface SiteMarkdown {
  /**
   * Renders `markdown`, read from the course file `from` (course-relative), with heading ids
   * that avoid those in `ids` (and are added to it).
   */
  render(markdown: string, from: string, ids: Set<string>): RenderedMarkdown;
}

type SiteEnv = AnchorEnv & {
  /** The course-relative file being rendered, which relative links start from. */
  from: string;
};

export interface SiteMarkdownOptions {
  highlighter: Highlighter;
  links: LinkMap;
  /** Whether a course-relative file exists (a figure that a lesson shows). */
  exists: (path: string) => boolean;
  /** Told about links and images that lead nowhere on the site. */
  warn: (message: string) => void;
}

export function createSiteMarkdown(options: SiteMarkdownOptions): SiteMarkdown {
  const md = createMarkdown();
  md.core.ruler.push('site_links', (state: StateCore) => {
    const env = state.env as SiteEnv;
    for (const block of state.tokens) {
      if (block.children) rewriteLinks(block.children, env.from, options);
    }
    return true;
  });
  renderCode(md, options.highlighter);
  renderHeadingLinks(md);
  renderTables(md);
  return {
    render(markdown, from, ids) {
      const env: SiteEnv = { from, ids };
      const tokens = md.parse(markdown, env);
      const h1 = tokens.findIndex((token) => token.type === 'heading_open' && token.tag === 'h1');
      const heading = h1 === -1 ? undefined : tokens[h1 + 1];
      return {
        html: md.renderer.render(tokens, md.options, env),
        title: heading ? inlineText(heading) : undefined,
      };
    },
  };
}

/** Points links and images at the site's pages; links to files the site lacks become text. */
function rewriteLinks(children: Token[], from: string, options: SiteMarkdownOptions): void {
  children.forEach((token, i) => {
    if (token.type === 'image') {
      const src = String(token.attrGet('src') ?? '');
      const target = resolveLink(src, from, options.links);
      if (target.kind === 'site') {
        token.attrSet('src', target.href);
        if (target.file && !options.exists(target.file)) {
          options.warn(`${from}: the image ${src} is missing (looked for ${target.file})`);
        }
      } else if (target.kind !== 'external') {
        options.warn(`${from}: the image ${src} is not in lessons/figures/, so the site lacks it`);
      }
      return;
    }
    if (token.type !== 'link_open') return;
    const href = String(token.attrGet('href') ?? '');
    const target = resolveLink(href, from, options.links);
    if (target.kind === 'site') {
      token.attrSet('href', target.href);
      if (target.file && !options.exists(target.file)) {
        options.warn(`${from}: the link ${href} leads to a missing file (${target.file})`);
      }
      return;
    }
    if (target.kind !== 'repo' && target.kind !== 'missing') return;
    // A file of the course folder (the learner's stub, CONTRIBUTING.md) is not on the site:
    // keep the words, and say in a tooltip which file they name.
    if (target.kind === 'missing') {
      options.warn(`${from}: the link ${href} leads to a lesson that does not exist`);
    }
    const close = children.findIndex((t, j) => j > i && t.type === 'link_close');
    token.tag = 'span';
    token.attrs = [
      ['class', 'course-file'],
      ['title', target.kind === 'repo' ? `${target.path} in the course folder` : 'not written yet'],
    ];
    const closing = children[close];
    if (closing) closing.tag = 'span';
  });
}

/** Code blocks: highlighted by Shiki, labelled with their language, in a `figure`. */
function renderCode(md: MarkdownIt, highlighter: Highlighter): void {
  md.renderer.rules.fence = (tokens, idx) => {
    const token = tokens[idx];
    if (!token) return '';
    const { lang, flags } = parseFenceInfo(token.info);
    const key = lang.toLowerCase();
    const body = highlighter.supports(key)
      ? highlighter.html(token.content, key)
      : `<pre class="plain"><code>${escapeHtml(token.content)}</code></pre>`;
    let label = languageLabel(lang);
    let note = '';
    if (flags.has('run')) {
      label += ' · runs';
      note = ' title="The self-check runs this example against the reference runtime"';
    }
    const caption = label ? `<figcaption${note}>${escapeHtml(label)}</figcaption>` : '';
    return `<figure class="code" data-lang="${escapeHtml(key)}">${caption}${body}</figure>\n`;
  };
  md.renderer.rules.code_block = (tokens, idx) =>
    `<figure class="code"><pre class="plain"><code>${escapeHtml(tokens[idx]?.content ?? '')}</code></pre></figure>\n`;
}

/** A `#` link at the start of each heading, to copy a link to that section. */
function renderHeadingLinks(md: MarkdownIt): void {
  md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
    const id = tokens[idx]?.attrGet('id');
    const open = self.renderToken(tokens, idx, options);
    if (id === null || id === undefined) return open;
    const href = `#${escapeHtml(String(id))}`;
    return `${open}<a class="anchor" href="${href}" aria-label="Link to this section">#</a>`;
  };
}

/** Wide tables scroll sideways instead of widening the page on a phone. */
function renderTables(md: MarkdownIt): void {
  md.renderer.rules.table_open = () => '<div class="table-wrap"><table>\n';
  md.renderer.rules.table_close = () => '</table></div>\n';
}
