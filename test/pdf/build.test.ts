/**
 * `powerbook build --format docx,pdf` on the example, read back with poppler-utils and pdf-lib: the PDF a clerk
 * would print, checked against GB/T 9704 (page, text block, page numbers), its 目录, bookmarks, fonts and metadata.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';
import { loadRepository } from '../../src/check/load.js';
import { GB9704 } from '../../src/domain/profile.js';
import { VERSION } from '../../src/util/version.js';
import { checkBookmarks, checkPageNumbers, checkTocLinks, checkTocNumbers } from './checks.js';
import { bboxPages, bookmarks, footer, inkLines, layoutPages, pdffonts, pdfinfo, squeeze, type BboxPage } from './helpers.js';
import { brokenTokens, FLOWCHART_CAPTION, inDrawing, nearlyEmpty, readPages, strandedAtFoot, textLines } from '../helpers/pages.js';

const EXAMPLE = 'examples/zhuzhou-commerce';
const NAME = '株洲市商务局规范权力运行制度汇编';
const ENV = { SOURCE_DATE_EPOCH: '1700000000' };
const PT_PER_MM = 72 / 25.4;
const TOLERANCE = 1 * PT_PER_MM; // 1 mm
const { marginMm: M, page: P, grid: G } = GB9704;
const LEFT = M.left * PT_PER_MM;
const RIGHT = (P.widthMm - M.right) * PT_PER_MM;
const TOP = M.top * PT_PER_MM;
const PITCH = ((P.heightMm - M.top - M.bottom) / G.lines) * PT_PER_MM;

describe('powerbook build --format pdf on the example', () => {
  let out: string;
  let pdf: string;
  let stderr: string;
  let pages: string[];
  let boxes: BboxPage[];
  beforeAll(async () => {
    out = tempDir('pb-pdf-');
    const r = await cli(['build', EXAMPLE, '--format', 'pdf', '--out', out, '--stage', 'submit'], { env: ENV });
    stderr = r.stderr;
    expect(r.code, r.stderr).toBe(0);
    pdf = path.join(out, `${NAME}.pdf`);
    pages = layoutPages(pdf);
    boxes = bboxPages(pdf);
  });

  it('writes the PDF with a manifest, and says so with the fonts that served', () => {
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    // Beside the PDF: coverage.json (powerbook laws coverage) when powerbook.yaml lists the department's roles.
    expect(m.outputs.filter((o: { path: string }) => o.path !== 'coverage.json')).toEqual([{ path: `${NAME}.pdf`, sha256: createHash('sha256').update(readFileSync(pdf)).digest('hex'), bytes: readFileSync(pdf).length }]);
    expect(stderr).toMatch(/PDF\s+\S+\.pdf（\d+ 页，目录页码已核对/);
    expect(stderr).toContain('字体：正文 ');
    // This machine has no 仿宋_GB2312: a free substitute serves, and the summary warns about it.
    expect(stderr).toMatch(/警告：PDF 正文字体 仿宋_GB2312 未安装，已用 \S+ 代替/);
  });

  it('has A4 pages (portrait, and landscape for the wide tables) with the document information from the model', () => {
    const info = pdfinfo(pdf, ['-isodates']);
    // Chromium writes A4 as 594.96 × 841.92 pt (its page sizes are whole device units): 0.1 mm narrow, still A4.
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info).toMatch(/^Title:\s+株洲市商务局规范权力运行制度汇编$/m);
    expect(info).toMatch(/^Author:\s+株洲市商务局$/m);
    expect(info).toMatch(/^Subject:\s+规范权力运行制度汇编$/m);
    expect(info).toMatch(/^Keywords:\s+.*职权目录/m);
    expect(info).toMatch(new RegExp(`^Creator:\\s+powerbook ${VERSION.replace(/\./g, '\\.')}$`, 'm'));
    expect(info).toMatch(/^CreationDate:\s+2023-11-14T22:13:20Z$/m); // SOURCE_DATE_EPOCH=1700000000
    expect(info).toMatch(/^ModDate:\s+2023-11-14T22:13:20Z$/m);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    const sizes = new Set(boxes.map((b) => `${Math.round(b.width)}x${Math.round(b.height)}`));
    expect([...sizes].sort()).toEqual(['595x842', '842x595']);
    // The catalogue's header row repeats on each of its landscape pages.
    const wide = boxes.map((b, i) => [b, i] as const).filter(([b]) => b.width > b.height);
    expect(wide.length).toBeGreaterThan(1);
    for (const [, i] of wide) expect(pages[i]).toMatch(/序号\s+(事项编码|名称)/);
  });

  it('embeds every font it uses', () => {
    const fonts = pdffonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f.emb, JSON.stringify(f)).toBe('yes');
    // The body, headings, tables, page numbers and the title are named subsets (Fandol, installed as TrueType; the
    // title's substitute is FandolSong Bold, not the CFF Noto Serif CJK that Chromium writes as Type 3). Bold in 仿宋
    // (the 责任： labels, the legal bases' titles, the catalogue's group rows: Fandol has no bold 仿宋, and Chromium
    // writes the glyphs it emboldens as Type 3) is printed in 黑体, and the drawings' ⚠ comes from DejaVu Sans
    // (TrueType) rather than Noto: no unnamed Type 3 font anywhere.
    expect(fonts.filter((f) => /Type 3/.test(f.type)), 'Type 3 fonts').toEqual([]);
    for (const f of fonts) expect(f.name, JSON.stringify(f)).toMatch(/^[A-Z]{6}\+\S+$/);
    expect(fonts.some((f) => /\+DejaVuSans$/.test(f.name))).toBe(true);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(text).toContain('⚠'); // the symbols still extract
    const cover = pdffonts(pdf, 1);
    expect(cover.filter((f) => /Type 3/.test(f.type)), 'Type 3 fonts on the cover').toEqual([]);
    expect(cover.map((f) => f.name).join(' ')).toMatch(/\+FandolSong-Bold/);
    for (const face of ['FandolFang-Regular', 'FandolHei-Regular', 'FandolSong-Regular', 'FandolSong-Bold']) {
      const named = fonts.filter((f) => new RegExp(`^[A-Z]{6}\\+${face}$`).test(f.name));
      expect(named.length, face).toBeGreaterThan(0);
      for (const f of named) expect(f.type).toBe('CID TrueType');
    }
  });

  it('gives back the Chinese text: every power, rule and law', async () => {
    const { repo } = await loadRepository(EXAMPLE);
    // Reading order (-raw): a table cell's wrapped lines stay together.
    const text = squeeze(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 }));
    for (const p of repo.powers) expect(text).toContain(squeeze(p.data.name));
    for (const r of repo.rules) expect(text).toContain(squeeze(r.data.title));
    for (const l of repo.laws) expect(text).toContain(squeeze(l.data.title));
  });

  it('gives the flowcharts\' text back as the real characters (no Kangxi radicals: a search for 工作日 finds them)', () => {
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const radicals = [...text].filter((c) => /[\u2E80-\u2FDF\uF900-\uFAFF]/u.test(c));
    expect(radicals.join('')).toBe('');
    // Each generated flowchart labels its steps with their time limits: 工作日 is far more frequent than in the tables alone.
    const figurePages = pages.filter((p) => p.includes('权力运行流程图'));
    expect(figurePages.length).toBeGreaterThan(0);
    expect(figurePages.join('\n')).toContain('工作日');
  });

  it('keeps the 目录 entries\' number and title apart (第一部分 职权目录, not 第一部分职权目录)', () => {
    const toc = pages.find((p) => /目\s*录/u.test(p) && p.includes('编制说明'))!;
    expect(toc).toMatch(/第一部分[\s\u3000]+职权目录/u);
    expect(toc).not.toMatch(/第[一二三四五六七八九十]+部分(?![\s\u3000])/u);
  });

  it('has a bookmark for every part, power and rule', async () => {
    const { repo } = await loadRepository(EXAMPLE);
    const marks = (await bookmarks(readFileSync(pdf))).map(squeeze);
    expect(marks.length).toBeGreaterThanOrEqual(repo.powers.length + repo.rules.length + 3);
    for (const h of ['第一部分职权目录', '第二部分权力运行流程图', '第三部分规范权力运行制度', '编制说明']) expect(marks).toContain(h);
    for (const p of repo.powers) expect(marks.some((m) => m.includes(squeeze(p.data.name)))).toBe(true);
    for (const r of repo.rules) expect(marks).toContain(squeeze(r.data.title));
    // Each title once (a heading whose line box is shorter than its font's ascent + descent gets it twice).
    for (const m of marks) expect(m.length % 2 === 1 || m.slice(0, m.length / 2) !== m.slice(m.length / 2), m).toBe(true);
    // Each pointing at the page of its heading.
    await checkBookmarks(readFileSync(pdf), pages, [...repo.powers.map((p) => p.data.name), ...repo.rules.map((r) => r.data.title)]);
  });

  it('numbers body pages from 1 ("— N —"), none on the cover or the 目录, odd at the right and even at the left', () => {
    expect(footer(boxes[0]!)).toBeUndefined();
    expect(pages[0]).toContain(NAME.slice(0, 6));
    const first = boxes.findIndex((b) => footer(b));
    const tocPages = pages.slice(0, first).filter((p) => p.includes('目') && /\d+\s*$/m.test(p));
    expect(tocPages.length).toBeGreaterThan(0);
    checkPageNumbers(boxes);
  });

  it('numbers a landscape page where the portrait reader expects it: in its left margin, turned (GB/T 9704 §10.3)', () => {
    const turned = boxes.map((b) => footer(b)).filter((f) => f?.turned);
    // the catalogue's and the law index's pages, odd and even; where each stands: checkPageNumbers above
    expect(turned.length).toBeGreaterThanOrEqual(4);
    expect(new Set(turned.map((f) => f!.n % 2)).size).toBe(2);
    checkPageNumbers(boxes);
  });

  it('never leaves a heading, a table\'s caption or a group row at the foot of a page, nor a near-empty page before a table row, and keeps codes and numbers whole', async () => {
    const laidOut = readPages(pdf);
    const headings = (await bookmarks(readFileSync(pdf))).map(squeeze);
    expect(headings.length).toBeGreaterThan(50);
    expect(strandedAtFoot(laidOut, headings, /(基本信息|办理环节及廉政风险防控表|办理环节表|取消、暂停事项)$/)).toEqual([]);
    // A flowchart's caption is never alone at the top of a page, away from its drawing.
    const orphans = laidOut.map((p, i) => ({ i, first: textLines(p)[0] })).filter((p) => p.first && FLOWCHART_CAPTION.test(p.first.text) && !headings.includes(p.first.text));
    expect(orphans.map((p) => `page ${p.i + 1}`)).toEqual([]);
    // No near-empty page left by a table row pushed to the next page (rows taller than two thirds of a page break).
    const firstBody = boxes.findIndex((b) => footer(b));
    const beginsUnit = (i: number) => {
      const lines = textLines(laidOut[i]!).map((l) => l.text);
      return headings.some((h) => h.startsWith(lines[0]!)) || lines.some((l) => FLOWCHART_CAPTION.test(l));
    };
    expect(nearlyEmpty(laidOut, beginsUnit, firstBody)).toEqual([]);
    // The text the compendium lays out (a flowchart's labels are Mermaid's: left to the flowchart's own checks).
    expect(brokenTokens(laidOut, inDrawing(laidOut))).toEqual([]);
    expect(laidOut.flatMap((p) => textLines(p)).some((l) => /[A-Z]{2}-\d{3}/.test(l.text))).toBe(true);
  });

  it('prints the 目录 with the real page numbers, each entry a link to its page', async () => {
    const entries = checkTocNumbers(pages, boxes, 39);
    await checkTocLinks(readFileSync(pdf), boxes, entries);
  });

  it('sets a body page in the text block: 156 × 225 mm at 28 mm from the left and 37 mm from the top, 22 lines of 28 characters', () => {
    // A full page of running text (the 编制说明's or a rule's): 22 lines of ink, evenly spaced.
    const firstBody = boxes.findIndex((b) => footer(b));
    expect(firstBody).toBeGreaterThan(0);
    let checked = 0;
    for (let i = firstBody; i < pages.length && checked < 2; i++) {
      const b = boxes[i]!;
      if (b.width > b.height) continue;
      const ink = inkLines(pdf, i + 1, 0, (P.heightMm - M.bottom) * PT_PER_MM + 2);
      // 22 lines, or 21 when the last line of a rule went over with its review note (css.ts)
      if (ink.lines.length < G.lines - 1) continue;
      const centres = ink.lines.map((l) => (l.top + l.bottom) / 2);
      const pitches = centres.slice(1).map((c, k) => c - centres[k]!);
      if (Math.max(...pitches) - Math.min(...pitches) > 2) continue; // a table or a note: not the grid
      checked++;
      // Lines are centred in their line box: the first line's box starts half a pitch above its centre.
      expect(Math.abs(centres[0]! - PITCH / 2 - TOP), `top of page ${i + 1}`).toBeLessThan(TOLERANCE);
      expect(Math.abs((centres.at(-1)! - centres[0]!) / (centres.length - 1) - PITCH)).toBeLessThan(0.2);
      const body = b.words.filter((w) => w.yMin < b.height - M.bottom * PT_PER_MM);
      const left = Math.min(...body.map((w) => w.xMin));
      const right = Math.max(...body.map((w) => w.xMax));
      expect(Math.abs(left - LEFT), `left of page ${i + 1}`).toBeLessThan(TOLERANCE);
      expect(Math.abs(right - RIGHT), `right of page ${i + 1}`).toBeLessThan(TOLERANCE);
      // 28 characters on a full line of Chinese (the ink's edges agree with the text's).
      const cjkLines = groupLines(body).map((l) => l.map((w) => w.text).join('')).filter((t) => /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’、]+$/.test(t));
      expect(Math.max(...cjkLines.map((t) => [...t].length))).toBe(G.chars);
      expect(Math.abs(ink.left - LEFT)).toBeLessThan(TOLERANCE);
    }
    expect(checked, 'no full page of body text found').toBeGreaterThan(0);
  });

  it('is byte-identical when built again with the same SOURCE_DATE_EPOCH', async () => {
    const again = tempDir('pb-pdf2-');
    const r = await cli(['build', EXAMPLE, '--format', 'pdf', '--out', again], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(again, `${NAME}.pdf`)).equals(readFileSync(pdf))).toBe(true);
  });
});

describe('powerbook build --format docx,pdf', () => {
  it('writes both from one validation, one model and one set of flowcharts, the PDF next to the DOCX', async () => {
    const out = tempDir('pb-docx-pdf-');
    const r = await cli(['build', EXAMPLE, '--format', 'docx,pdf', '--out', out], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/流程图 \d+\/\d+ 个/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/DOCX[\s\S]*PDF/);
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.outputs.map((o: { path: string }) => o.path).filter((p: string) => p !== 'coverage.json')).toEqual([`${NAME}.docx`, `${NAME}.pdf`]);
    for (const o of m.outputs) expect(o.sha256).toBe(createHash('sha256').update(readFileSync(path.join(out, o.path))).digest('hex'));
  });

  it('stops with one line and exit 2 when Chromium is missing, before writing anything', async () => {
    const out = tempDir('pb-nochrome-');
    const r = await cli(['build', EXAMPLE, '--format', 'docx,pdf', '--out', out], { env: { ...ENV, POWERBOOK_CHROMIUM: '/nonexistent/chromium' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('Chromium');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out)).toEqual([]);
  });
});

function groupLines(words: { yMin: number; xMin: number; text: string }[]) {
  const lines = new Map<number, typeof words>();
  for (const w of words) {
    const key = Math.round(w.yMin);
    const found = [...lines.keys()].find((k) => Math.abs(k - key) < 3);
    const list = lines.get(found ?? key) ?? [];
    list.push(w);
    lines.set(found ?? key, list);
  }
  return [...lines.values()].map((l) => l.sort((a, b) => a.xMin - b.xMin));
}
