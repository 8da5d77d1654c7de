/**
 * The code blocks of a lesson, as the self-check sees them: which to type-check (` ```ts `),
 * which to run and compare with the ` ```output ` block after them (` ```ts run `), which to
 * skip (` ```ts nocheck `). They come from markdown-it's tokens, never from regexes, so that
 * a fence inside a list, a container or a longer fence is read exactly as the site shows it.
 */
import type { MarkdownIt } from 'markdown-it';
import { createMarkdown } from './setup.ts';

export interface FenceInfo {
  /** The first word of the info string (` ```ts run ` → `ts`), or `''` when there is none. */
  lang: string;
  /** The other words (` ```ts run ` → `{'run'}`). */
  flags: Set<string>;
}

export interface CodeBlock {
  lang: string;
  flags: Set<string>;
  /** The block's text as written, ending with a newline (markdown-it's fence content). */
  code: string;
  /** 1-based line of the opening fence in the Markdown source. */
  line: number;
  /** For a block with the `run` flag: the content of an ` ```output ` block right after it. */
  output?: string;
}

/** One parser for every call: parsing leaves no state behind in it. */
let parser: MarkdownIt | undefined;

/** Splits a fence's info string: ` ```ts run ` → `{ lang: 'ts', flags: {'run'} }`. */
export function parseFenceInfo(info: string): FenceInfo {
  const [lang = '', ...flags] = info.trim().split(/\s+/).filter(Boolean);
  return { lang, flags: new Set(flags) };
}

/**
 * Every fenced block of `markdown`, in order, `output` blocks included. A `run` block followed
 * immediately by an ` ```output ` block (nothing but blank lines between them) gets that
 * block's content as its `output`. Indented code blocks are not fences and are left out.
 */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  parser ??= createMarkdown();
  const tokens = parser.parse(markdown, {});
  const blocks: CodeBlock[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'fence') return;
    const { lang, flags } = parseFenceInfo(token.info);
    const block: CodeBlock = { lang, flags, code: token.content, line: (token.map?.[0] ?? 0) + 1 };
    // "Right after" in token terms: the very next token is the output fence, so no paragraph,
    // heading or container boundary sits between the two.
    const next = tokens[i + 1];
    if (flags.has('run') && next?.type === 'fence' && parseFenceInfo(next.info).lang === 'output') {
      block.output = next.content;
    }
    blocks.push(block);
  });
  return blocks;
}

/** What a fence's language is called where a reader sees it; plain text has no name. */
const LANGUAGE_LABELS: Record<string, string> = {
  ts: 'TypeScript',
  typescript: 'TypeScript',
  js: 'JavaScript',
  javascript: 'JavaScript',
  py: 'Python',
  python: 'Python',
  output: 'Output',
  sh: 'Shell',
  bash: 'Shell',
  shell: 'Shell',
  console: 'Shell',
  json: 'JSON',
  yaml: 'YAML',
  diff: 'Diff',
  // Plain text (a folder tree, a terminal session) needs no label.
  text: '',
  txt: '',
  plain: '',
};

/** The name of a fence's language (`ts` is `TypeScript`), or `lang` itself when it has none. */
export function languageLabel(lang: string): string {
  return LANGUAGE_LABELS[lang.toLowerCase()] ?? lang;
}
