/**
 * The course's Markdown, shared by the grader (hints in the terminal, the self-check's code
 * blocks) and the site (lesson pages), so that both read a lesson the same way.
 *
 * - `createMarkdown()`: the one markdown-it setup (`::: compare`, heading anchors).
 * - `parseFenceInfo(info)` and `extractCodeBlocks(markdown)`: the code blocks of a lesson.
 * - `renderTerminal(markdown, options)`: Markdown as terminal text.
 */
export { type AnchorEnv, inlineText, slugify } from './anchors.ts';
export {
  type CodeBlock,
  extractCodeBlocks,
  type FenceInfo,
  languageLabel,
  parseFenceInfo,
} from './code-blocks.ts';
export { COMPARE, createMarkdown } from './setup.ts';
export { renderTerminal, type TerminalOptions } from './terminal.ts';
