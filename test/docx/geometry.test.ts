import { describe, expect, it } from 'vitest';
import { GB9704, pageGeometry } from '../../src/domain/profile.js';
import { DEFAULT_PNG, FLOWCHART_BOX_MM } from '../../src/flowchart/config.js';
import { figureBox } from '../../src/render/docx/figures.js';
import { geometryOf, TWIPS_PER_MM } from '../../src/render/docx/geometry.js';
import { bodyGrid } from '../../src/render/pdf/css.js';

const g = pageGeometry(GB9704);
const PX_PER_MM = 96 / 25.4;

describe('one page geometry (domain/profile.ts) read by the DOCX, the print CSS and the flowchart box', () => {
  it('is GB/T 9704: A4, a 156 × 225 mm text block of 22 lines, the page number 7 mm below it', () => {
    expect(g.portrait).toMatchObject({ widthMm: 210, heightMm: 297, textWidthMm: 156, textHeightMm: 225 });
    expect(g.landscape).toMatchObject({ widthMm: 297, heightMm: 210, textWidthMm: 243, textHeightMm: 138, marginMm: g.portrait.marginMm });
    expect(g.linePitchMm).toBeCloseTo(225 / 22, 9);
    expect(g.charPitchPt).toBeCloseTo(((156 / 25.4) * 72) / 28, 9);
    expect(g.figure).toEqual({ captionLines: 3, widthMm: 156, heightMm: 225 - (3 * 225) / 22 });
  });

  it('the DOCX writes it in twips, rounded to the twip', () => {
    const d = geometryOf(GB9704);
    const within = (twips: number, mm: number) => expect(Math.abs(twips - mm * TWIPS_PER_MM)).toBeLessThanOrEqual(1.5);
    within(d.portrait.pageWidth, 210);
    within(d.portrait.textWidth, g.portrait.textWidthMm);
    // The text block in whole grid lines (LibreOffice ends it after the last one): at most a line pitch's rounding short.
    expect(d.portrait.textHeight).toBe(GB9704.grid.lines * d.linePitch);
    expect(g.portrait.textHeightMm * TWIPS_PER_MM - d.portrait.textHeight).toBeLessThanOrEqual(GB9704.grid.lines);
    within(d.landscape.textWidth, g.landscape.textWidthMm);
    within(d.portrait.margin.footer, g.footerMm);
    within(d.linePitch, g.linePitchMm);
    within(d.figure.height, g.figure.heightMm);
    // Figures fit the same box on a portrait page.
    const box = figureBox({ geometry: d } as Parameters<typeof figureBox>[0], 'portrait');
    within(box.width, g.figure.widthMm);
    // on a text block in whole grid lines (less than a twip a line short): the figure box as much shorter
    expect(g.figure.heightMm * TWIPS_PER_MM - box.height).toBeGreaterThanOrEqual(-1.5);
    expect(g.figure.heightMm * TWIPS_PER_MM - box.height).toBeLessThanOrEqual(GB9704.grid.lines);
  });

  it('the print CSS in px, and the flowchart PNGs and pages for the same figure box', () => {
    const css = bodyGrid(GB9704);
    expect(css.textWidthPx).toBeCloseTo(g.portrait.textWidthMm * PX_PER_MM, 9);
    expect(css.textHeightPx).toBeCloseTo(g.portrait.textHeightMm * PX_PER_MM, 9);
    expect(Math.abs(css.linePx - g.linePitchMm * PX_PER_MM)).toBeLessThan(1 / 64);
    expect(FLOWCHART_BOX_MM).toEqual({ width: g.figure.widthMm, height: g.figure.heightMm });
    expect([DEFAULT_PNG.printWidthMm, DEFAULT_PNG.printHeightMm]).toEqual([g.figure.widthMm, g.figure.heightMm]);
  });
});
