/**
 * Page geometry of the DOCX backend, in twips (1/20 pt), derived from the layout profile (GB/T 9704 by default).
 *
 * A4 with margins 37/35/28/26 mm gives a text block of 156 × 225 mm. The document grid puts 22 lines of
 * `linePitch` on it and 28 characters of (body size + charSpace / 4096 pt) across it, as Word's 公文 templates do.
 */
import type { LayoutProfile } from '../../domain/profile.js';

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
}

export function geometryOf(profile: LayoutProfile): Geometry {
  const width = mmToTwips(profile.page.widthMm);
  const height = mmToTwips(profile.page.heightMm);
  const m = profile.marginMm;
  const lineHeightMm = profile.sizePt.pageNumber * (25.4 / 72);
  // The page number's line sits `pageNumberOffsetMm` below the text block (GB/T 9704: the dash 7 mm below it);
  // Word measures the footer distance from the page's bottom edge to the footer's last line.
  const footerMm = Math.max(5, m.bottom - profile.pageNumberOffsetMm - lineHeightMm / 2);
  const margin = {
    top: mmToTwips(m.top),
    bottom: mmToTwips(m.bottom),
    left: mmToTwips(m.left),
    right: mmToTwips(m.right),
    header: mmToTwips(Math.max(5, m.top - 15)),
    footer: mmToTwips(footerMm),
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
  const linePitch = Math.floor(portrait.textHeight / profile.grid.lines);
  const pitchPt = portrait.textWidth / TWIPS_PER_PT / profile.grid.chars;
  const charSpace = Math.floor((pitchPt - profile.sizePt.body) * 4096);
  // Condensed to the grid's pitch, and 0.15 pt more: LibreOffice rounds glyph advances and letter spacing so that
  // spacing of exactly the pitch (−0.25 pt) puts only 27 characters on its lines.
  const charSpacing = Math.floor((pitchPt - profile.sizePt.body - 0.15) * TWIPS_PER_PT);
  const charWidth = profile.sizePt.body * TWIPS_PER_PT + charSpacing;
  return { portrait, landscape, linePitch, charSpace, charWidth, charSpacing };
}

export const pageOf = (g: Geometry, orientation: 'portrait' | 'landscape'): PageGeometry =>
  orientation === 'landscape' ? g.landscape : g.portrait;
