/**
 * Where a link written in a lesson points on the site. Lessons are written to be read in the
 * repository too (on GitHub or in an editor), so they link to `01-generators.md` and
 * `figures/03-loop-queue.svg`; the site has `01-generators.html` and its own copy of the
 * figures. Everything else in the repository (the learner's files, CONTRIBUTING.md) is not
 * on the site: such a link keeps its text, and the build says which file it meant.
 */
import { posix } from 'node:path';

export type LinkTarget =
  /** Leaves the site (`https:`, `mailto:`); kept as written. */
  | { kind: 'external' }
  /** A heading or element on the same page; kept as written. */
  | { kind: 'anchor' }
  /**
   * Another page of the site, or a file copied onto it, relative to the output folder; `file`
   * is the course-relative source of a copied file, so that the build can check it exists.
   */
  | { kind: 'site'; href: string; file?: string }
  /** A file of the course that the site does not carry, relative to the course root. */
  | { kind: 'repo'; path: string }
  /** A Markdown lesson that does not exist. */
  | { kind: 'missing'; path: string };

export interface LinkMap {
  /** Course-relative Markdown files that have a page: `lessons/01-generators.md` → `01-generators.html`. */
  pages: ReadonlyMap<string, string>;
  /** Course-relative folders copied as they are: `lessons/figures` → `figures`. */
  folders: ReadonlyMap<string, string>;
}

/**
 * Resolves `href`, written in the course file `from` (course-relative, such as
 * `lessons/00-start.md`), against the pages and folders of the site.
 */
export function resolveLink(href: string, from: string, map: LinkMap): LinkTarget {
  if (href.startsWith('#')) return { kind: 'anchor' };
  // A scheme (`https:`, `mailto:`) or a protocol-relative URL leaves the site.
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return { kind: 'external' };
  const cut = href.search(/[?#]/);
  const pathPart = cut === -1 ? href : href.slice(0, cut);
  const rest = cut === -1 ? '' : href.slice(cut);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    decoded = pathPart;
  }
  const target = decoded.startsWith('/')
    ? posix.normalize(decoded.slice(1))
    : posix.normalize(posix.join(posix.dirname(from), decoded));
  const page = map.pages.get(target);
  if (page !== undefined) return { kind: 'site', href: page + rest };
  for (const [folder, out] of map.folders) {
    if (target.startsWith(`${folder}/`)) {
      const href = encodeURI(out + target.slice(folder.length)) + rest;
      return { kind: 'site', href, file: target };
    }
  }
  if (target.startsWith('lessons/') && target.endsWith('.md'))
    return { kind: 'missing', path: target };
  return { kind: 'repo', path: target };
}
