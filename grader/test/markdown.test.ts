import { describe, expect, test } from 'vitest';
import {
  createMarkdown,
  extractCodeBlocks,
  parseFenceInfo,
  renderTerminal,
  slugify,
} from '../markdown/index.ts';

/** Lesson text is written with ```; building it from this keeps the test source readable. */
const fence = (info: string, code: string): string => `\`\`\`${info}\n${code}\n\`\`\``;

describe('parseFenceInfo', () => {
  test('splits the language from the flags', () => {
    const info = parseFenceInfo('ts run');
    expect(info.lang).toBe('ts');
    expect([...info.flags]).toEqual(['run']);
  });

  test('accepts extra spaces and several flags', () => {
    const info = parseFenceInfo('  ts   nocheck  run ');
    expect(info.lang).toBe('ts');
    expect([...info.flags].sort()).toEqual(['nocheck', 'run']);
  });

  test('an empty info string has no language and no flags', () => {
    expect(parseFenceInfo('')).toEqual({ lang: '', flags: new Set() });
  });
});

describe('extractCodeBlocks', () => {
  test('finds every fence with its language, flags, code and 1-based line', () => {
    const markdown = [
      '# Lesson',
      '',
      fence('ts', 'const a = 1;'),
      '',
      fence('python', 'print(1)'),
    ].join('\n');
    const blocks = extractCodeBlocks(markdown);
    expect(blocks.map((b) => [b.lang, b.code, b.line])).toEqual([
      ['ts', 'const a = 1;\n', 3],
      ['python', 'print(1)\n', 7],
    ]);
  });

  test('attaches the output block right after a run block', () => {
    const markdown = [fence('ts run', 'console.log(42);'), '', fence('output', '42')].join('\n');
    const [run, output] = extractCodeBlocks(markdown);
    expect(run?.flags.has('run')).toBe(true);
    expect(run?.output).toBe('42\n');
    // The output block is still a block of its own, for readers that list every fence.
    expect(output?.lang).toBe('output');
    expect(output?.line).toBe(5);
  });

  test('an output block separated by text is not the run block output', () => {
    const markdown = [
      fence('ts run', 'console.log(1);'),
      '',
      'It prints:',
      '',
      fence('output', '1'),
    ];
    const [run] = extractCodeBlocks(markdown.join('\n'));
    expect(run?.output).toBeUndefined();
  });

  test('a block without the run flag gets no output', () => {
    const markdown = [fence('ts', 'const x = 1;'), fence('output', '1')].join('\n');
    expect(extractCodeBlocks(markdown)[0]?.output).toBeUndefined();
  });

  test('finds fences inside a compare container and inside lists', () => {
    const markdown = [
      '::: compare',
      fence('python', 'await asyncio.sleep(1)'),
      fence('ts nocheck', 'yield* sleep(1);'),
      ':::',
      '',
      '1. Step one:',
      '',
      '   ```ts',
      '   const y = 2;',
      '   ```',
    ].join('\n');
    const blocks = extractCodeBlocks(markdown);
    expect(blocks.map((b) => [b.lang, [...b.flags], b.line])).toEqual([
      ['python', [], 2],
      ['ts', ['nocheck'], 5],
      ['ts', [], 12],
    ]);
    expect(blocks[2]?.code).toBe('const y = 2;\n');
  });

  test('a fence shown inside a longer fence is not a block of its own', () => {
    const markdown = ['````md', fence('ts', 'not code'), '````'].join('\n');
    const blocks = extractCodeBlocks(markdown);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.lang).toBe('md');
  });
});

describe('createMarkdown', () => {
  test('renders the compare container as a div around both blocks', () => {
    const html = createMarkdown().render(
      ['::: compare', fence('python', 'x = 1'), fence('ts', 'const x = 1;'), ':::'].join('\n'),
    );
    expect(html).toMatch(/^<div class="compare">\n<pre><code class="language-python">/);
    expect(html).toContain('<code class="language-ts">');
    expect(html.trimEnd().endsWith('</div>')).toBe(true);
  });

  test('gives headings GitHub-style ids, unique within a page', () => {
    const html = createMarkdown().render('# Why `yield*`?\n\n## Next steps\n\n## Next steps\n');
    expect(html).toContain('<h1 id="why-yield">');
    expect(html).toContain('<h2 id="next-steps">');
    expect(html).toContain('<h2 id="next-steps-1">');
  });

  test('heading ids avoid the ids a page has already taken', () => {
    const ids = new Set(['exercises']);
    const html = createMarkdown().render('## Exercises\n', { ids });
    expect(html).toContain('<h2 id="exercises-1">');
    expect(ids.has('exercises-1')).toBe(true);
  });

  test('shows a type written outside backticks as text, not as an HTML tag', () => {
    expect(createMarkdown().render('a Future<T> here')).toContain('Future&lt;T&gt;');
  });

  test('renders tables', () => {
    const html = createMarkdown().render('| a | b |\n|---|---|\n| 1 | 2 |\n');
    expect(html).toContain('<table>');
  });
});

describe('slugify', () => {
  test('follows GitHub: lower case, punctuation dropped, spaces to hyphens', () => {
    expect(slugify('Futures, callbacks & the loop')).toBe('futures-callbacks--the-loop');
    expect(slugify('`Task.cancel()` and uncancel')).toBe('taskcancel-and-uncancel');
    expect(slugify('Ça marche')).toBe('ça-marche');
  });
});

describe('renderTerminal', () => {
  test('wraps paragraphs at the width without breaking code spans', () => {
    const text = renderTerminal(
      'The generator pauses at `yield* fut` and resumes when the future is done, with its result.',
      { width: 30 },
    );
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(30);
    expect(text).toContain('`yield* fut`');
  });

  test('without color, code keeps its backticks and emphasis is plain text', () => {
    expect(renderTerminal('Use **`return seconds * 1000;`** _here_')).toBe(
      'Use `return seconds * 1000;` here',
    );
  });

  test('with color, code, bold and italic are styled', () => {
    const text = renderTerminal('a `b` **c** *d*', { color: true });
    expect(text).toContain('\x1b[36mb\x1b[39m');
    expect(text).toContain('\x1b[1mc\x1b[22m');
    expect(text).toContain('\x1b[3md\x1b[23m');
  });

  test('links show their text and their URL', () => {
    expect(renderTerminal('See [the docs](https://docs.python.org/3/).')).toBe(
      'See the docs (https://docs.python.org/3/).',
    );
    expect(renderTerminal('https://example.org/x')).toBe('https://example.org/x');
  });

  test('lists get markers and hanging indents', () => {
    const text = renderTerminal(
      '- one\n- a longer item that wraps here\n  - nested\n\n3. three\n4. four',
      {
        width: 24,
      },
    );
    expect(text).toBe(
      [
        '• one',
        '• a longer item that',
        '  wraps here',
        '  • nested',
        '',
        '3. three',
        '4. four',
      ].join('\n'),
    );
  });

  test('fenced code is indented and never wrapped', () => {
    const long = 'const aVeryLongName = anotherVeryLongFunctionName(withAnArgument);';
    const text = renderTerminal(`Replace it with:\n\n${fence('ts', long)}`, { width: 30 });
    expect(text).toBe(`Replace it with:\n\n    ${long}`);
  });

  test('a compare container says which language each block is', () => {
    const text = renderTerminal(
      ['::: compare', fence('python', 'x = 1'), fence('ts', 'const x = 1;'), ':::'].join('\n'),
    );
    expect(text).toBe('Python:\n    x = 1\n\nTypeScript:\n    const x = 1;');
  });

  test('headings, quotes and paragraphs are separated by blank lines', () => {
    expect(renderTerminal('# Title\n\nText.\n\n> Quoted.')).toBe('Title\n\nText.\n\n│ Quoted.');
  });
});
