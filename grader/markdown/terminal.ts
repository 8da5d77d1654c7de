/**
 * Markdown for the terminal: what `npm run hint` prints. The same parser as the site reads
 * the text (so a hint looks the same in both), and this module turns its tokens into lines:
 * paragraphs wrapped to the terminal, `code` and **bold** styled, lists and quotes indented,
 * fenced code indented and never wrapped, links as their text followed by the URL.
 */
import type { Token } from 'markdown-it';
import pc from 'picocolors';
import { languageLabel, parseFenceInfo } from './code-blocks.ts';
import { COMPARE, createMarkdown } from './setup.ts';
import { KEEP_SPACE, prefixLines, visibleWidth, wrap } from './wrap.ts';

export interface TerminalOptions {
  /** ANSI colors and styles (picocolors); without them, code spans keep their backticks. */
  color?: boolean;
  /** Columns to wrap paragraphs at (80 when not given). */
  width?: number;
}

type Colors = ReturnType<typeof pc.createColors>;

interface Context {
  c: Colors;
  color: boolean;
  /** Columns left for the text at the current depth. */
  width: number;
  /** Inside a `::: compare` container, where each block says which language it is. */
  compare: boolean;
}

/** The narrowest text column we wrap to, however deep a list goes. */
const MIN_WIDTH = 20;
/** Fenced code sits this far in from the text around it. */
const CODE_INDENT = '    ';

let parser: ReturnType<typeof createMarkdown> | undefined;

/** Markdown to terminal text, without a trailing newline. */
export function renderTerminal(markdown: string, options: TerminalOptions = {}): string {
  parser ??= createMarkdown();
  const color = options.color ?? false;
  const context: Context = {
    c: pc.createColors(color),
    color,
    width: Math.max(MIN_WIDTH, options.width ?? 80),
    compare: false,
  };
  const tokens = parser.parse(markdown, {});
  return renderBlocks(tokens, 0, tokens.length, context).join('\n\n');
}

/** The index of the token that closes the one opened at `open`. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    depth += tokens[i]?.nesting ?? 0;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}

/** Renders the block tokens in [from, to) as a list of blocks, each one or more lines. */
function renderBlocks(tokens: Token[], from: number, to: number, ctx: Context): string[] {
  const blocks: string[] = [];
  let i = from;
  while (i < to) {
    const token = tokens[i];
    if (!token) break;
    const end = token.nesting === 1 ? closing(tokens, i) : i;
    const block = renderBlock(tokens, i, end, ctx);
    if (block !== undefined) blocks.push(block);
    i = end + 1;
  }
  return blocks;
}

function renderBlock(
  tokens: Token[],
  start: number,
  end: number,
  ctx: Context,
): string | undefined {
  const token = tokens[start];
  if (!token) return undefined;
  const { c } = ctx;
  switch (token.type) {
    case 'paragraph_open':
    case 'heading_open': {
      const text = wrap(renderInline(tokens[start + 1], ctx), ctx.width);
      if (token.type === 'paragraph_open') return text;
      return token.tag === 'h1' ? c.bold(c.underline(text)) : c.bold(text);
    }
    case 'bullet_list_open':
    case 'ordered_list_open':
      return renderList(tokens, start, end, ctx);
    case 'blockquote_open': {
      const inner = renderBlocks(tokens, start + 1, end, { ...ctx, width: narrower(ctx, 2) });
      const bar = c.dim('│ ');
      return prefixLines(inner.join('\n\n'), bar, bar);
    }
    case 'fence':
    case 'code_block':
      return renderCode(token, ctx);
    case 'hr':
      return c.dim('─'.repeat(Math.min(ctx.width, 40)));
    case 'table_open':
      return renderTable(tokens, start, end, ctx);
    case `container_${COMPARE}_open`:
      return renderBlocks(tokens, start + 1, end, { ...ctx, compare: true }).join('\n\n');
    case 'html_block':
      return token.content.trimEnd();
    default:
      // A construct this renderer does not know: show what it contains.
      if (token.nesting === 1) return renderBlocks(tokens, start + 1, end, ctx).join('\n\n');
      return token.content ? token.content.trimEnd() : undefined;
  }
}

function narrower(ctx: Context, by: number): number {
  return Math.max(MIN_WIDTH, ctx.width - by);
}

function renderCode(token: Token, ctx: Context): string {
  const { c } = ctx;
  const lang = parseFenceInfo(token.info).lang;
  const lines = token.content.replace(/\n$/, '').split('\n');
  const code = lines.map((line) => (line === '' ? '' : CODE_INDENT + c.cyan(line))).join('\n');
  // Beside each other on the site; one after the other here, so say which is which.
  if (!ctx.compare) return code;
  const label = languageLabel(lang) || lang || 'Code';
  return `${c.dim(`${label}:`)}\n${code}`;
}

function renderList(tokens: Token[], start: number, end: number, ctx: Context): string {
  const list = tokens[start];
  const ordered = list?.type === 'ordered_list_open';
  let number = Number(list?.attrGet('start') ?? 1);
  // A tight list hides its paragraphs; a loose one keeps a blank line between items.
  let tight = true;
  const items: Array<[number, number]> = [];
  for (let i = start + 1; i < end; i++) {
    const token = tokens[i];
    if (token?.type === 'list_item_open') {
      const close = closing(tokens, i);
      items.push([i, close]);
      i = close;
    }
  }
  for (let i = start + 1; i < end; i++) {
    const token = tokens[i];
    if (
      token?.type === 'paragraph_open' &&
      token.level === (list?.level ?? 0) + 2 &&
      !token.hidden
    ) {
      tight = false;
    }
  }
  const lastNumber = number + items.length - 1;
  const markerWidth = ordered ? `${lastNumber}. `.length : 2;
  const rendered = items.map(([open, close]) => {
    const marker = ordered ? `${number++}.`.padEnd(markerWidth) : '• ';
    const inner = renderBlocks(tokens, open + 1, close, {
      ...ctx,
      width: narrower(ctx, markerWidth),
    });
    const body = inner.join(tight ? '\n' : '\n\n');
    return prefixLines(body, ctx.c.dim(marker), ' '.repeat(markerWidth));
  });
  return rendered.join(tight ? '\n' : '\n\n');
}

/** A table as aligned columns; cells are not wrapped (tables in hints are rare and small). */
function renderTable(tokens: Token[], start: number, end: number, ctx: Context): string {
  const rows: string[][] = [];
  let header = 0;
  for (let i = start; i < end; i++) {
    const token = tokens[i];
    if (token?.type === 'tr_open') rows.push([]);
    if (token?.type === 'th_open' || token?.type === 'td_open') {
      rows.at(-1)?.push(renderInline(tokens[i + 1], ctx).replaceAll(KEEP_SPACE, ' '));
    }
    if (token?.type === 'thead_close') header = rows.length;
  }
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, col) =>
    Math.max(0, ...rows.map((row) => visibleWidth(row[col] ?? ''))),
  );
  const line = (row: string[]): string =>
    row
      .map((cell, col) => cell + ' '.repeat((widths[col] ?? 0) - visibleWidth(cell)))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  rows.forEach((row, r) => {
    out.push(r < header ? ctx.c.bold(line(row)) : line(row));
    if (r === header - 1) out.push(ctx.c.dim(widths.map((w) => '─'.repeat(w)).join('  ')));
  });
  return out.join('\n');
}

/**
 * The text of an inline token with its styles. Spaces inside code spans become KEEP_SPACE,
 * so that wrapping never splits `yield* fut` across two lines.
 */
function renderInline(inline: Token | undefined, ctx: Context): string {
  const { c } = ctx;
  // One buffer per open style or link; closing it applies the style to what it holds.
  const stack: Array<{ text: string; close: (text: string) => string }> = [
    { text: '', close: (text) => text },
  ];
  const append = (text: string): void => {
    const top = stack.at(-1);
    if (top) top.text += text;
  };
  const open = (close: (text: string) => string): void => {
    stack.push({ text: '', close });
  };
  const close = (): void => {
    if (stack.length < 2) return;
    const top = stack.pop();
    if (top) append(top.close(top.text));
  };
  for (const token of inline?.children ?? []) {
    switch (token.type) {
      case 'text':
        append(token.content);
        break;
      case 'code_inline': {
        const code = token.content.replaceAll(' ', KEEP_SPACE);
        append(ctx.color ? c.cyan(code) : `\`${code}\``);
        break;
      }
      case 'strong_open':
        open(c.bold);
        break;
      case 'em_open':
        open(c.italic);
        break;
      case 's_open':
        open(c.strikethrough);
        break;
      case 'link_open': {
        const href = String(token.attrGet('href') ?? '');
        open((text) => linkText(text, href, c));
        break;
      }
      case 'strong_close':
      case 'em_close':
      case 's_close':
      case 'link_close':
        close();
        break;
      case 'image': {
        const src = String(token.attrGet('src') ?? '');
        append(`[image: ${token.content || src}] ${c.dim(`(${src})`)}`);
        break;
      }
      case 'softbreak':
        append(' ');
        break;
      case 'hardbreak':
        append('\n');
        break;
      default:
        append(token.content);
    }
  }
  while (stack.length > 1) close();
  return stack[0]?.text ?? '';
}

/** A link as its text, then the URL in parentheses unless the text already is the URL. */
function linkText(text: string, href: string, c: Colors): string {
  const plain = text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC.
    /\x1b\[[0-9;]*m/g,
    '',
  );
  // An anchor within the same text means nothing in a terminal.
  if (href === '' || href.startsWith('#')) return text;
  if (plain === href || `mailto:${plain}` === href || `http://${plain}` === href) {
    return c.underline(text);
  }
  return `${text} ${c.dim(`(${href})`)}`;
}
