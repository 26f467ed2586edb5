/**
 * Bookmark names for the model's anchors. Word keeps a bookmark only when its name starts with a letter, has only
 * letters, digits and underscores, and is at most 40 characters long; an anchor that isn't such a name is written as
 * one derived from it (stable: the same anchor always gives the same name).
 */
import { createHash } from 'node:crypto';
import type { DocumentModel } from '../../document/model.js';
import { walk } from '../../document/walk.js';

const MAX_LENGTH = 40;

function candidate(anchor: string): string {
  const ascii = anchor.replace(/[^A-Za-z0-9_]/g, '_');
  const clean = /^[A-Za-z]/.test(ascii) ? ascii : `a_${ascii}`;
  if (clean === anchor && clean.length <= MAX_LENGTH) return clean;
  // Changed or too long: keep a readable prefix and make it unique with a hash of the anchor.
  const hash = createHash('sha1').update(anchor).digest('hex').slice(0, 8);
  return `${clean.slice(0, MAX_LENGTH - 9).replace(/_+$/, '')}_${hash}`;
}

export class BookmarkNames {
  private readonly byAnchor = new Map<string, string>();
  private readonly used = new Set<string>();

  /** The bookmark name of an anchor, made the first time it is asked for. */
  register(anchor: string): string {
    const known = this.byAnchor.get(anchor);
    if (known) return known;
    let name = candidate(anchor);
    for (let n = 2; this.used.has(name.toLowerCase()); n++) {
      const suffix = `_${n}`;
      name = `${candidate(anchor).slice(0, MAX_LENGTH - suffix.length)}${suffix}`;
    }
    this.byAnchor.set(anchor, name);
    this.used.add(name.toLowerCase());
    return name;
  }

  /** The bookmark name of an anchor that is in the document, or undefined when nothing carries it. */
  get(anchor: string): string | undefined {
    return this.byAnchor.get(anchor);
  }

  private placed = new Set<string>();

  /** Every anchor with its name, in the order they were made (to rebuild the same names elsewhere: `fromEntries`). */
  entries(): Array<[string, string]> {
    return [...this.byAnchor];
  }

  /** The names `entries` gave, none placed. */
  static fromEntries(entries: ReadonlyArray<readonly [string, string]>): BookmarkNames {
    const names = new BookmarkNames();
    for (const [anchor, name] of entries) {
      names.byAnchor.set(anchor, name);
      names.used.add(name.toLowerCase());
    }
    return names;
  }

  /** The same names, with none placed yet: for rendering part of the document again on its own. */
  unplaced(): BookmarkNames {
    const copy = Object.create(BookmarkNames.prototype) as BookmarkNames;
    Object.assign(copy, this);
    copy.placed = new Set();
    return copy;
  }

  /** Places these anchors, and only these (rendering the document again from where it was). */
  setPlaced(anchors: ReadonlySet<string>): void {
    this.placed = new Set(anchors);
  }

  /** The name to put on the block that carries an anchor: only the first such block gets the bookmark. */
  place(anchor: string): string | undefined {
    const name = this.byAnchor.get(anchor);
    if (name === undefined || this.placed.has(anchor)) return undefined;
    this.placed.add(anchor);
    return name;
  }
}

/** The bookmark names of every heading and figure anchor of the model, in document order. */
export function bookmarkNamesOf(model: DocumentModel): BookmarkNames {
  const names = new BookmarkNames();
  // The first block with an anchor carries it; a repeated anchor isn't bookmarked twice (register gives it one name).
  walk(model, { block: (b) => { if (b.type === 'heading' || b.type === 'figure') names.register(b.anchor); } });
  return names;
}
