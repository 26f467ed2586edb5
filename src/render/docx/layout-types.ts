/** The types the page layout and its worker pool share. */
import type { IStylesOptions } from '#docx';
import type { FootnoteDef } from '../../document/model.js';
import type { LayoutRun } from './sections.js';

export interface LayoutOptions {
  fontFiles?: Partial<Record<string, string>>;
  styles: IStylesOptions;
  /** A directory to keep each run's pages in, so a rebuild lays out only the runs that changed. */
  cacheDir?: string;
}

/** What is kept of a run's layout: pages, and the page (from 1) of each anchor it carries. */
export interface RunPages {
  pages: number;
  anchors: Record<string, number>;
  guesses: Array<{ reason: string; page: number }>;
  mode: 'estimated' | 'guessed' | 'blank';
}

/** What laying a run out needs: the run, the anchors whose bookmarks it carries (with their names), its footnotes. */
export interface LayoutItem {
  run: LayoutRun;
  anchors: Map<string, string>;
  footnoteStart: number;
  footnotes: FootnoteDef[];
}
