/**
 * The example printed in many chunks (renderPdf with a small chunk size: a large document's path) against the same
 * printed as one body chunk (a small document's path): the same pages, and everything that must hold across the cuts —
 * page numbers in sequence on the outer side, the 目录's numbers and links, bookmarks, tags, fonts, repeatability.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/pipeline/index.js';
import { validate } from '../../src/pipeline/index.js';
import type { DocumentModel } from '../../src/document/model.js';
import { planChunks } from '../../src/render/pdf/chunks.js';
import { renderPdf, type PdfReport } from '../../src/render/pdf/index.js';
import { GB9704 } from '../../src/domain/profile.js';
import { tempDir } from '../helpers/repo.js';
import { checkBookmarks, checkPageNumbers, checkTocLinks, checkTocNumbers } from './checks.js';
import { bboxPages, bookmarks, layoutPages, pdffonts, pdfinfo, placementDifferences, rawPages, type BboxPage } from './helpers.js';

const EXAMPLE = 'examples/zhuzhou-commerce';
const CHUNK_PAGES = 12;

describe('the example printed in chunks of about 12 pages', () => {
  let model: DocumentModel;
  let out: string;
  let chunked: { pdf: Buffer; report: PdfReport };
  let whole: { pdf: Buffer; report: PdfReport };
  let file: string;
  let pages: string[];
  let boxes: BboxPage[];
  beforeAll(async () => {
    const io = { stdout() {}, stderr() {}, cwd: process.cwd(), env: { SOURCE_DATE_EPOCH: '1700000000' }, isTTY: false };
    const { repo } = await validate(EXAMPLE, { stage: 'submit' });
    ({ model } = await compile(repo, { env: io.env }));
    chunked = await renderPdf(model, { profile: GB9704, chunkPages: CHUNK_PAGES, creator: 'powerbook test' });
    whole = await renderPdf(model, { profile: GB9704, chunkPages: Infinity, creator: 'powerbook test' });
    out = tempDir('pb-pdf-chunks-');
    file = path.join(out, 'chunked.pdf');
    writeFileSync(file, chunked.pdf);
    writeFileSync(path.join(out, 'whole.pdf'), whole.pdf);
    pages = layoutPages(file);
    boxes = bboxPages(file);
  });

  it('cuts the body where pages start anyway, into many chunks, each printed after a draft', () => {
    const chunks = planChunks(model, GB9704, { maxPages: CHUNK_PAGES });
    expect(chunks.length).toBeGreaterThan(6);
    expect(chunked.report.chunks).toBe(chunks.length);
    // The front matter, then the body chunks; the first body chunk needs no draft (it starts at page 1).
    expect(chunks.map((c) => c.body)).toEqual([false, ...chunks.slice(1).map(() => true)]);
    expect(chunked.report.prints.real).toBe(chunks.length);
    expect(chunked.report.prints.drafts).toBeGreaterThan(0);
    expect(chunked.report.prints.drafts).toBeLessThanOrEqual(chunks.length - 2);
    expect(chunked.report.tocExact).toBe(true);
    expect(whole.report.chunks).toBe(2);
    expect(whole.report.prints).toEqual({ drafts: 0, real: 2 });
    expect(whole.report.tocPasses).toBe(1);
  });

  // Compared as what is printed where: each page's text in drawing order (pdftotext -raw) and its words with their
  // boxes (within 0.25 pt: the layouts differ in the last bits of a float). Not as `pdftotext -layout`: its columns depend on the font objects a page uses, and a bold run (synthetic
  // bold of 仿宋: Chromium writes it as Type 3 fonts, one set per print) gets other glyph boxes in another print, so
  // -layout puts the same words, at the same places, in other columns.
  it('prints the same pages as the body in one chunk: same text on every page, in the same places, same sizes', () => {
    expect(chunked.report.pages).toBe(whole.report.pages);
    expect(chunked.report.numberedPages).toBe(whole.report.numberedPages);
    const wholeFile = path.join(out, 'whole.pdf');
    expect(rawPages(file)).toEqual(rawPages(wholeFile));
    const wholeBoxes = bboxPages(wholeFile);
    expect(placementDifferences(boxes, wholeBoxes)).toEqual([]);
    expect(boxes.map((b) => `${Math.round(b.width)}x${Math.round(b.height)}`)).toEqual(wholeBoxes.map((b) => `${Math.round(b.width)}x${Math.round(b.height)}`));
  });

  it('numbers the body pages 1, 2, 3 … across the chunks, odd at the right and even at the left', () => {
    checkPageNumbers(boxes);
  });

  it('prints the 目录 with the real page numbers, each entry a link to its page', async () => {
    const entries = checkTocNumbers(pages, boxes, 39);
    await checkTocLinks(chunked.pdf, boxes, entries);
  });

  it('has the bookmarks of the whole, each pointing at its heading\'s page', async () => {
    const titles = ['第一部分 职权目录', '第二部分 权力运行流程图', '第三部分 规范权力运行制度', '编制说明'];
    const marks = await checkBookmarks(chunked.pdf, pages, titles);
    expect(marks).toEqual(await bookmarks(whole.pdf));
    expect(marks.length).toBe(chunked.report.bookmarks);
    expect(marks.length).toBeGreaterThan(50);
  });

  it('is tagged, with every font embedded and the Chinese text extractable', () => {
    expect(pdfinfo(file)).toMatch(/^Tagged:\s+yes$/m);
    for (const f of pdffonts(file)) expect(f.emb, JSON.stringify(f)).toBe('yes');
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(text).toContain('规范权力运行制度');
  });

  it('is byte-identical when printed again', async () => {
    const again = await renderPdf(model, { profile: GB9704, chunkPages: CHUNK_PAGES, creator: 'powerbook test' });
    expect(again.pdf.equals(chunked.pdf)).toBe(true);
  });
});
