/**
 * Word wrapping for text that may hold ANSI color codes: widths are measured on what the
 * terminal shows, so coloring a word never moves a line break.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC.
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Stands for a space that must not break a line (inside a code span), until `wrap` has
 * placed the breaks. A private-use character, so it never clashes with the text itself.
 */
export const KEEP_SPACE = '\uE000';

/** How many columns `text` takes in a terminal (colors take none). */
export function visibleWidth(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/**
 * Fills lines up to `width` columns, breaking at spaces only: a word longer than a line
 * (a URL, a long identifier) gets a line of its own rather than being cut. Newlines in
 * `text` (hard breaks) are kept.
 */
export function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, width))
    .join('\n')
    .replaceAll(KEEP_SPACE, ' ');
}

function wrapLine(line: string, width: number): string {
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0;
  for (const word of line.split(' ')) {
    if (word === '') continue;
    const w = visibleWidth(word);
    if (current !== '' && currentWidth + 1 + w > width) {
      lines.push(current);
      current = '';
      currentWidth = 0;
    }
    if (current === '') {
      current = word;
      currentWidth = w;
    } else {
      current = `${current} ${word}`;
      currentWidth += 1 + w;
    }
  }
  lines.push(current);
  return lines.join('\n');
}

/** Puts `first` before the first line and `rest` before the others (list markers, quotes). */
export function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => {
      const prefix = i === 0 ? first : rest;
      // No trailing spaces on blank lines.
      return line === '' ? prefix.trimEnd() : prefix + line;
    })
    .join('\n');
}
