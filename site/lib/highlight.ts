/**
 * Syntax highlighting at build time with Shiki: the TextMate grammars and themes of VS Code,
 * so TypeScript (generics, `yield*`, decorators) and Python look as they do in an editor.
 * Shiki runs in Node with no browser and no network; the pages get plain HTML with inline
 * colors and need no script to show them.
 *
 * Only the grammars the lessons use are loaded (a full bundle would slow every build), with
 * the JavaScript regex engine, which needs no WebAssembly.
 */
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';

/**
 * Two themes, picked by the reader's light or dark preference: with `defaultColor: false`,
 * Shiki writes each color as CSS variables (`--shiki-light`, `--shiki-dark`) for site.css.
 */
const THEMES = { light: 'github-light', dark: 'github-dark' } as const;

export interface Highlighter {
  /** Whether `lang` (or one of its aliases, such as `ts` or `py`) is highlighted. */
  supports(lang: string): boolean;
  /** `<pre class="shiki ..."><code>...</code></pre>` for `code` in `lang`. */
  html(code: string, lang: string): string;
}

/** One highlighter per process: Shiki's grammars are compiled once, however many builds run. */
let shared: Promise<Highlighter> | undefined;

export function loadHighlighter(): Promise<Highlighter> {
  shared ??= createHighlighter();
  return shared;
}

async function createHighlighter(): Promise<Highlighter> {
  const core: HighlighterCore = await createHighlighterCore({
    themes: [import('shiki/themes/github-light.mjs'), import('shiki/themes/github-dark.mjs')],
    langs: [
      import('shiki/langs/typescript.mjs'),
      import('shiki/langs/javascript.mjs'),
      import('shiki/langs/python.mjs'),
      import('shiki/langs/shellscript.mjs'),
      import('shiki/langs/json.mjs'),
      import('shiki/langs/yaml.mjs'),
      import('shiki/langs/diff.mjs'),
    ],
    engine: createJavaScriptRegexEngine(),
  });
  const known = new Set<string>(core.getLoadedLanguages());
  return {
    supports: (lang) => known.has(lang),
    html: (code, lang) =>
      core.codeToHtml(code.replace(/\n$/, ''), { lang, themes: THEMES, defaultColor: false }),
  };
}
