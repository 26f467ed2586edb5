/**
 * The example's flowcharts as printed, read from the built files: every flowchart page's text is 五号 (10.5 pt) or
 * larger, and every page of a drawing stands on one page with its caption, in
 * - the DOCX: the SVG's font size × the scale of its picture (wp:extent against the SVG's width), the picture within
 *   the figure box, its paragraph kept with the caption that follows;
 * - the PDF (Chromium): the drawing's text as pdftotext reads it, on the caption's page, each full-width character
 *   as wide as its font size;
 * - LibreOffice's PDF of the DOCX: the picture (pdfimages: its pixels at its resolution) on the caption's page, and
 *   the size it is printed at.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GB9704, pageGeometry } from '../../src/domain/profile.js';
import { textWidth } from '../../src/flowchart/wrap.js';
import { cli } from '../helpers/cli.js';
import { copyExample, tempDir } from '../helpers/repo.js';
import { requireTool } from '../helpers/tools.js';
import { parts } from '../docx/helpers.js';
import { bboxPages, type BboxPage } from '../pdf/helpers.js';
import { svgRows } from './helpers.js';

const NAME = '株洲市商务局规范权力运行制度汇编';
const MIN_PT = 10.5;
/** The tolerance the code allows itself (config.ts `legible`): a twentieth of a point. */
const TOLERANCE = 0.05;
const EMU_PER_PX = 9525;
const EMU_PER_MM = 36000;
/**
 * Text as compared: no spaces, compatibility forms folded (a Kangxi radical ⼯ read as 工), no ⚠ (drawn in another
 * font, pdftotext reads it as a word apart).
 */
const norm = (s: string) => s.normalize('NFKC').replace(/[\s⚠]+/g, '');

interface Figure {
  caption: string;
  /** The picture's size in the DOCX (EMU). */
  cx: number; cy: number;
  keepNext: boolean;
  captionFollows: boolean;
  svgWidth: number; svgHeight: number;
  fontPx: number;
  rows: string[];
}

/** The flowchart pictures of the DOCX, in order, with their SVG. */
function docxFigures(docx: Uint8Array): Figure[] {
  const files = parts(docx);
  const doc = files.get('word/document.xml')!;
  const rels = new Map([...files.get('word/_rels/document.xml.rels')!.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const out: Figure[] = [];
  for (const p of doc.matchAll(/<w:p>((?:(?!<\/w:p>)[\s\S])*?<w:drawing>[\s\S]*?)<\/w:p>(<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>)?/g)) {
    const para = p[1]!;
    const caption = /<wp:docPr [^>]*descr="([^"]*)"/.exec(para)![1]!;
    if (!caption.includes('权力运行流程图')) continue;
    const ext = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(para)!;
    const svgId = /<asvg:svgBlip [^>]*r:embed="([^"]+)"/.exec(para)![1]!;
    const svg = files.get(`word/${rels.get(svgId)!}`)!;
    const root = /^<svg\b[^>]*>/.exec(svg)![0];
    const id = /\bid="([^"]+)"/.exec(root)![1]!;
    out.push({
      caption,
      cx: Number(ext[1]), cy: Number(ext[2]),
      keepNext: para.includes('<w:keepNext/>'),
      captionFollows: (p[2] ?? '').includes('w:val="Caption"') && (p[2] ?? '').includes(caption),
      svgWidth: Number(/\bwidth="([\d.]+)"/.exec(root)![1]), svgHeight: Number(/\bheight="([\d.]+)"/.exec(root)![1]),
      fontPx: Number(new RegExp(`#${id}\\{[^}]*font-size:([\\d.]+)px`).exec(svg)![1]),
      rows: svgRows(svg).flat().map(norm).filter(Boolean),
    });
  }
  return out;
}

/** The 0-based indices of the pages whose text holds the caption. */
function captionPage(pages: BboxPage[], caption: string): number[] {
  return pages.flatMap((p, i) => (norm(p.words.map((w) => w.text).join('')).includes(norm(caption)) ? [i] : []));
}

/** Where a caption starts: the page holding it whole, or the page that ends with its first line(s). */
function captionStart(pages: BboxPage[], caption: string): { page: number; whole: boolean } | undefined {
  const whole = captionPage(pages, caption);
  if (whole.length === 1) return { page: whole[0]!, whole: true };
  const c = norm(caption);
  for (let i = 0; i + 1 < pages.length; i++) {
    const text = norm(pages[i]!.words.filter((w) => !/^[—\d]+$/.test(w.text)).map((w) => w.text).join(''));
    for (let k = c.length - 1; k >= 8; k--) {
      if (text.endsWith(c.slice(0, k)) && norm(pages[i + 1]!.words.map((w) => w.text).join('')).startsWith(c.slice(k))) return { page: i, whole: false };
    }
  }
  return undefined;
}

let figures: Figure[];
let pdfPages: BboxPage[];
let loPdf: string;
let loPages: BboxPage[];

beforeAll(async () => {
  requireTool('pdftotext');
  requireTool('pdfinfo');
  requireTool('soffice');
  requireTool('pdfimages');
  const repo = tempDir('pb-flowprint-');
  copyExample('examples/zhuzhou-commerce', repo);
  const out = tempDir('pb-flowprint-out-');
  const r = await cli(['build', repo, '--format', 'docx,pdf', '--out', out], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
  expect(r.code, r.stderr).toBe(0);
  figures = docxFigures(readFileSync(path.join(out, `${NAME}.docx`)));
  pdfPages = bboxPages(path.join(out, `${NAME}.pdf`));
  // LibreOffice here cannot open a Chinese file name: a copy under an ASCII one.
  const docx = path.join(out, 'compendium.docx');
  copyFileSync(path.join(out, `${NAME}.docx`), docx);
  const profile = tempDir('pb-lo-profile-');
  const converted = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, docx], { timeout: 600_000, encoding: 'utf8' });
  loPdf = path.join(out, 'compendium.pdf');
  expect(existsSync(loPdf), `LibreOffice did not convert the DOCX: ${converted.stderr ?? ''}`).toBe(true);
  loPages = bboxPages(loPdf);
}, 1_200_000);

describe('flowcharts as printed', () => {
  it('DOCX: every flowchart picture prints its text at 10.5 pt or more, inside the figure box, kept with its caption', () => {
    // The example's 16 powers, the long ones cut into several pages.
    expect(figures.length).toBeGreaterThan(30);
    expect(new Set(figures.map((f) => f.caption)).size).toBe(figures.length);
    const box = pageGeometry(GB9704).figure;
    for (const f of figures) {
      const scale = f.cx / EMU_PER_PX / f.svgWidth;
      // The picture keeps the drawing's proportions; its text is the SVG's font size (px, 0.75 pt each) scaled.
      expect(Math.abs(f.cy / EMU_PER_PX / f.svgHeight - scale) / scale, f.caption).toBeLessThan(0.01);
      expect(f.fontPx * 0.75 * scale, f.caption).toBeGreaterThanOrEqual(MIN_PT - TOLERANCE);
      expect(f.cx, f.caption).toBeLessThanOrEqual(box.widthMm * EMU_PER_MM + EMU_PER_PX);
      expect(f.cy, f.caption).toBeLessThanOrEqual(box.heightMm * EMU_PER_MM + EMU_PER_PX);
      expect(f.keepNext && f.captionFollows, `${f.caption}: the caption follows its picture, kept with it`).toBe(true);
    }
  });

  it('PDF: each flowchart page stands on its caption\'s page, its text 10.5 pt or more', () => {
    let measured = 0;
    for (const f of figures) {
      const at = captionPage(pdfPages, f.caption);
      expect(at, f.caption).toHaveLength(1);
      const page = pdfPages[at[0]!]!;
      // The drawing is on that page: its rows are the page's text (not cut off onto the next one).
      const text = norm(page.words.map((w) => w.text).join(''));
      const found = f.rows.filter((r) => text.includes(r));
      expect(found.length / f.rows.length, `${f.caption}: rows not on its page: ${f.rows.filter((r) => !text.includes(r)).join(' ')}`).toBeGreaterThanOrEqual(0.95);
      // Size: a word that is a whole row of full-width characters is as wide as their number × the font size.
      const rows = new Set(f.rows);
      const sizes = page.words.filter((w) => rows.has(norm(w.text)) && textWidth(norm(w.text)) === 2 * [...norm(w.text)].length)
        .map((w) => (w.xMax - w.xMin) / [...norm(w.text)].length);
      expect(sizes.length, f.caption).toBeGreaterThan(0);
      for (const pt of sizes) expect(pt, f.caption).toBeGreaterThanOrEqual(MIN_PT - TOLERANCE);
      // …and what the DOCX says it is, within a tenth of a point.
      expect(Math.abs(Math.min(...sizes) - f.fontPx * 0.75 * (f.cx / EMU_PER_PX / f.svgWidth)), f.caption).toBeLessThan(0.1);
      measured += sizes.length;
    }
    expect(measured).toBeGreaterThan(figures.length * 5);
  });

  it('LibreOffice\'s PDF of the DOCX: each flowchart picture on the page its caption starts on, printed at 10.5 pt or more', () => {
    const listed = execFileSync('pdfimages', ['-list', loPdf], { encoding: 'utf8', maxBuffer: 1 << 26 }).split('\n').slice(2)
      .map((l) => l.trim().split(/\s+/)).filter((c) => c[2] === 'image')
      .map((c) => ({ page: Number(c[0]) - 1, widthPt: (Number(c[3]) / Number(c[12])) * 72, heightPt: (Number(c[4]) / Number(c[13])) * 72 }));
    const box = pageGeometry(GB9704).figure;
    for (const f of figures) {
      const at = captionStart(loPages, f.caption);
      expect(at, f.caption).toBeDefined();
      // The picture on that page with the drawing's proportions.
      const ratio = f.svgWidth / f.svgHeight;
      const pictures = listed.filter((i) => i.page === at!.page && Math.abs(i.widthPt / i.heightPt - ratio) / ratio < 0.02);
      expect(pictures.length, `${f.caption}: no picture of it on its caption's page ${at!.page + 1}`).toBeGreaterThanOrEqual(1);
      const pic = pictures[0]!;
      expect(pic.heightPt, f.caption).toBeLessThanOrEqual((box.heightMm / 25.4) * 72 + 1);
      // Its text printed: the SVG's font size scaled as the picture is (px → pt is 0.75 on both sides).
      expect(f.fontPx * (pic.widthPt / f.svgWidth), f.caption).toBeGreaterThanOrEqual(MIN_PT - TOLERANCE);
    }
  });

  // LibreOffice once laid a full-height flowchart page over the end of the table before it and cut a long caption in
  // two across a page break; the page form (captions' lines kept together, rows kept whole up to two thirds of a page)
  // keeps each caption whole on its picture's page in LibreOffice's own pagination too.
  it('LibreOffice\'s PDF of the DOCX: every caption whole on its picture\'s page', () => {
    const split = figures.filter((f) => captionStart(loPages, f.caption)?.whole !== true).map((f) => f.caption);
    expect(split).toEqual([]);
  });
});
