/**
 * The law library: `openLibrary(roots, { cacheDir })` reads one or more clones of LawRefBook/Laws into a LawLibrary
 * (see types.ts), from the cached index when it is current and parsing only the files that changed.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { CacheSlot } from './cache.js';
import { Library } from './library.js';
import { openRoot, type RootState } from './open.js';
import type { OpenLibrary } from './types.js';

export type * from './types.js';
export type { Library } from './library.js';
export { articleText } from './articles.js';
export { SKIP_REASONS } from './classify.js';
export { normTitle } from './titles.js';

/** A library root that does not exist or is no directory. */
export class LibraryPathError extends Error {
  readonly zh: string;
  readonly en: string;
  constructor(readonly root: string, readonly reason: 'missing' | 'not-dir') {
    const en = reason === 'missing' ? `law library not found: ${root}` : `law library is not a directory: ${root}`;
    super(en);
    this.en = en;
    this.zh = reason === 'missing' ? `法规库目录不存在：${root}` : `法规库路径不是目录：${root}`;
  }
}

export const openLibrary = async (roots: string[], opts: { cacheDir?: string } = {}): Promise<Library> => {
  const states: RootState[] = [];
  const prefixes = new Set<string>();
  for (const [i, r] of roots.entries()) {
    const root = path.resolve(r);
    const st = statSync(root, { throwIfNoEntry: false });
    if (!st) throw new LibraryPathError(r, 'missing');
    if (!st.isDirectory()) throw new LibraryPathError(r, 'not-dir');
    let prefix = '';
    if (roots.length > 1 && i > 0) {
      prefix = path.basename(root) || `root${i}`;
      while (prefixes.has(prefix)) prefix += `-${i}`;
      prefixes.add(prefix);
      prefix += '/';
    }
    states.push(await openRoot(root, prefix, opts.cacheDir ? new CacheSlot(opts.cacheDir, root, i) : undefined));
  }
  return new Library(roots.map((r) => path.resolve(r)), states);
};

/**
 * Whether the opened folders hold no law text at all: empty, or only Markdown that is no law (notes, a README) — no
 * file of LawRefBook/Laws's `short title(YYYY-MM-DD).md` with a dated version. Every citation would be "unknown".
 */
export function holdsNoLaws(lib: { laws: readonly { versions: readonly { date?: string }[] }[] }): boolean {
  return !lib.laws.some((l) => l.versions.some((v) => v.date));
}

// openLibrary meets the agreed signature (and gives the fuller Library).
void (openLibrary satisfies OpenLibrary);
