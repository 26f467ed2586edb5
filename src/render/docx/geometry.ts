/**
 * Page geometry of the DOCX backend: the profile's one page geometry (domain/profile.ts `pageGeometry`, GB/T 9704 by
 * default) in twips (1/20 pt).
 *
 * A4 with margins 37/35/28/26 mm gives a text block of 156 × 225 mm. The document grid puts 22 lines of
 * `linePitch` on it and 28 characters of (body size + charSpace / 4096 pt) across it, as Word's 公文 templates do.
 */
import { pageGeometry, type LayoutProfile } from '../../domain/profile.js';

export const TWIPS_PER_PT = 20;
export const TWIPS_PER_MM = 1440 / 25.4;
/** EMU-free pixel unit docx uses for pictures: 96 per inch. */
export const PX_PER_TWIP = 96 / 1440;

export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);
export const ptToTwips = (pt: number): number => Math.round(pt * TWIPS_PER_PT);
/** docx's `size` of a run is in half points. */
export const ptToHalfPoints = (pt: number): number => Math.round(pt * 2);

export interface PageGeometry {
  orientation: 'portrait' | 'landscape';
  /** Page size as written in w:pgSz (w/h already swapped for landscape). */
  pageWidth: number;
  pageHeight: number;
  margin: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  /** Width and height of the text block. */
  textWidth: number;
  textHeight: number;
}

export interface Geometry {
  portrait: PageGeometry;
  landscape: PageGeometry;
  /** w:docGrid linePitch: the height of one of the profile's lines (twips), so `grid.lines` fit on a portrait page. */
  linePitch: number;
  /** w:docGrid charSpace: 4096ths of a point added to each character of the body size so `grid.chars` fit a line. */
  charSpace: number;
  /** Width one body character takes on a line (twips), for indents of "n characters". */
  charWidth: number;
  /**
   * Character spacing (w:spacing of runs, twentieths of a point) that puts `grid.chars` body characters on a line
   * without the grid: what paragraphs actually use, so Word and LibreOffice (whose 7.x layout of a negative
   * charSpace puts each character in two cells) break the lines alike.
   */
  charSpacing: number;
  /** The box a figure is printed in on a portrait page (domain/profile.ts `figure`), and the grid lines kept for its caption. */
  figure: { width: number; height: number; captionLines: number };
}

/** The profile's page geometry (domain/profile.ts) in twips, with the document grid Word's 公文 templates use. */
export function geometryOf(profile: LayoutProfile): Geometry {
  const mm = pageGeometry(profile);
  const width = mmToTwips(mm.portrait.widthMm);
  const height = mmToTwips(mm.portrait.heightMm);
  const m = mm.portrait.marginMm;
  const margin = {
    top: mmToTwips(m.top),
    bottom: mmToTwips(m.bottom),
    left: mmToTwips(m.left),
    right: mmToTwips(m.right),
    header: mmToTwips(mm.headerMm),
    footer: mmToTwips(mm.footerMm),
  };
  const portrait: PageGeometry = {
    orientation: 'portrait',
    pageWidth: width,
    pageHeight: height,
    margin,
    textWidth: width - margin.left - margin.right,
    textHeight: height - margin.top - margin.bottom,
  };
  // A landscape page keeps the margins of the portrait one (binding and page numbers stay where they are in print).
  const landscape: PageGeometry = {
    orientation: 'landscape',
    pageWidth: height,
    pageHeight: width,
    margin,
    textWidth: height - margin.left - margin.right,
    textHeight: width - margin.top - margin.bottom,
  };
  // The grid in whole twips: the line pitch rounded down so that `grid.lines` lines fit the text block as written.
  const linePitch = Math.floor(portrait.textHeight / profile.grid.lines);
  // LibreOffice lays a page with a document grid out on whole grid lines: its text block ends after the last whole
  // line (22 × 579 twips, 0.9 pt short of the 225 mm), where Word's and docx's layout end at the margin, so a table
  // row that just fits in one did not in the other. The bottom margin is made to end the text block there (a third of
  // a millimetre more), on portrait pages and, with its own pitch, on landscape ones (`gridPitch`).
  portrait.margin = { ...margin, bottom: height - margin.top - linePitch * profile.grid.lines };
  portrait.textHeight = height - margin.top - portrait.margin.bottom;
  const landscapeLines = Math.max(1, Math.floor(landscape.textHeight / linePitch));
  const landscapePitch = Math.floor(landscape.textHeight / landscapeLines);
  landscape.margin = { ...margin, bottom: width - margin.top - landscapePitch * landscapeLines };
  landscape.textHeight = width - margin.top - landscape.margin.bottom;
  const pitchPt = portrait.textWidth / TWIPS_PER_PT / profile.grid.chars;
  const charSpace = Math.floor((pitchPt - profile.sizePt.body) * 4096);
  // Condensed to the grid's pitch, and 0.15 pt more: LibreOffice rounds glyph advances and letter spacing so that
  // spacing of exactly the pitch (−0.25 pt) puts only 27 characters on its lines.
  const charSpacing = Math.floor((pitchPt - profile.sizePt.body - 0.15) * TWIPS_PER_PT);
  const charWidth = profile.sizePt.body * TWIPS_PER_PT + charSpacing;
  const figure = { width: mmToTwips(mm.figure.widthMm), height: mmToTwips(mm.figure.heightMm), captionLines: mm.figure.captionLines };
  return { portrait, landscape, linePitch, charSpace, charWidth, charSpacing, figure };
}

export const pageOf = (g: Geometry, orientation: 'portrait' | 'landscape'): PageGeometry =>
  orientation === 'landscape' ? g.landscape : g.portrait;

/**
 * The line pitch of a section's document grid: the profile's on a portrait page; on a landscape one the pitch that
 * fills its shorter text block with whole lines (LibreOffice lays a page with a grid out on whole grid lines only: with
 * the portrait pitch, half a line of every landscape page would go unused there, and not in Word).
 */
export function gridPitch(g: Geometry, orientation: 'portrait' | 'landscape'): number {
  if (orientation === 'portrait') return g.linePitch;
  const height = g.landscape.textHeight;
  return Math.round(height / Math.max(1, Math.round(height / g.linePitch)));
}
