/**
 * Heading anchors: every heading gets an `id`, so that lessons can link to each other's
 * sections (`01-generators.md#sending-values`) and the site can offer a link per heading.
 *
 * The ids follow GitHub's rule (lower case, punctuation dropped, each space a hyphen, `-1`,
 * `-2` for repeats), so a link written while reading a lesson on GitHub works on the site too.
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it';

/** What a render may pass in `env` to share ids with the page around the Markdown. */
export type AnchorEnv = {
  /**
   * Ids already taken on the page. Headings avoid them (and add theirs), so that a page that
   * adds its own ids (`exercises`) never gets two elements with the same one.
   */
  ids?: Set<string>;
};

/** GitHub's slug of a heading's text: `Why "yield*"?` → `why-yield`. */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The text a reader sees in an inline token: text and code spans, without markup. */
export function inlineText(token: Token): string {
  if (!token.children) return token.content;
  return token.children
    .map((child) => {
      if (child.type === 'text' || child.type === 'code_inline') return child.content;
      if (child.type === 'image') return inlineText(child);
      if (child.type === 'softbreak' || child.type === 'hardbreak') return ' ';
      return '';
    })
    .join('');
}

/** The markdown-it plugin: a core rule that runs once the inline content is parsed. */
export function headingAnchors(md: MarkdownIt): void {
  md.core.ruler.push('heading_anchors', (state: StateCore) => {
    const env = state.env as AnchorEnv | undefined;
    // Without a shared set, ids are unique within this one document.
    const taken = env?.ids ?? new Set<string>();
    const tokens = state.tokens;
    tokens.forEach((token, i) => {
      if (token.type !== 'heading_open' || token.attrGet('id') !== null) return;
      const inline = tokens[i + 1];
      const base = slugify(inline ? inlineText(inline) : '') || 'section';
      let id = base;
      for (let n = 1; taken.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
      token.attrSet('id', id);
    });
    return true;
  });
}
