/**
 * What the block and inline renderers of the DOCX backend share: the profile, the page geometry, the bookmark names
 * of the model's anchors, and the section being filled.
 */
import type { LayoutProfile } from '../../domain/profile.js';
import type { Geometry } from './geometry.js';
import type { BookmarkNames } from './bookmarks.js';
import type { RunRole } from './fonts.js';
import type { MediaStore } from './media.js';

export interface RenderContext {
  profile: LayoutProfile;
  geometry: Geometry;
  bookmarks: BookmarkNames;
  /** Ids of the model's footnotes (a reference to another id is written as plain text). */
  footnoteIds: ReadonlySet<number>;
  /** Whether the TOC's page numbers are worked out (PAGEREF fields) or left out. */
  tocPageNumbers: boolean;
  /** The headings the TOC lists. */
  tocEntries: readonly TocEntry[];
  /** The TOC's page numbers by bookmark, to write as text instead of PAGEREF fields (laying the TOC out alone). */
  tocNumbers?: ReadonlyMap<string, string>;
  /** The pictures' real bytes, which docx gets stand-ins for. */
  media: MediaStore;
  /** Counters while rendering. */
  state: { figures: number };
}

/** Where a block is rendered: the orientation of its page, and the text role of the blocks around it. */
export interface BlockScope {
  orientation: 'portrait' | 'landscape';
  /** The role of running text: body, or quote (楷体) inside a quote. */
  role: RunRole;
  /** Nesting depth of lists and quotes, for the left indent (in characters). */
  indentChars: number;
  /** Whether the block is the first of its DOCX section (no page break before it). */
  firstInSection: boolean;
}

/** A heading of the 目录. */
export interface TocEntry {
  level: number;
  text: string;
  /** The bookmark of the heading. */
  bookmark: string;
  anchor: string;
}
