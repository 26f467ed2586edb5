/**
 * The compendium DOCX opened by real consumers: pandoc reads its text, LibreOffice lays it out and prints it to PDF,
 * poppler reads the PDF. The TOC's page numbers (worked out by docx's own page layout while rendering) must be the
 * pages LibreOffice puts the headings on.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocxWithReport, type DocxRenderReport } from '../../src/render/docx/index.js';
import { convertWithLibreOffice, LibreOfficeError } from '../helpers/libreoffice.js';
import { GB9704 } from '../../src/domain/profile.js';
import { bigModel, footnotesInRuns, sampleModel } from './fixture.js';
import { headingPages, pdfPages, printedToc, shownNumber, squash } from './helpers.js';
import { requireTool } from '../helpers/tools.js';

let dir: string;
let sample: { buffer: Buffer; report: DocxRenderReport };
let samplePath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'powerbook-docx-'));
  sample = await renderDocxWithReport(sampleModel(), { profile: GB9704 });
  samplePath = join(dir, 'sample.docx');
  await writeFile(samplePath, sample.buffer);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// A missing consumer fails these tests with a message saying what to install; they never skip.
describe('pandoc', () => {
  beforeAll(() => requireTool('pandoc'));
  it('reads the title, headings, table cells and footnote', () => {
    const text = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', samplePath], { encoding: 'utf8' });
    for (const s of [
      '规范权力运行制度汇编',
      '第一部分　职权法定',
      '一、职权目录',
      '（一）行政许可',
      '1.对外贸易经营者备案登记',
      '（1）申请条件',
      'QL-038',
      '单用途商业预付卡发卡企业备案第38项',
      '对外贸易经营者备案登记表',
      '廉政风险点',
      '商务部门户网站，访问于2024年6月。',
    ]) {
      expect(text.includes(s), s).toBe(true);
    }
  });
});

/** Checks a LibreOffice PDF of a rendered model against the TOC the render wrote. */
function checkToc(pdf: string, report: DocxRenderReport): void {
  const pages = pdfPages(pdf);
  const printed = printedToc(pages);
  // LibreOffice prints the TOC with the numbers written into the DOCX (it doesn't update it).
  expect(printed.entries.map((e) => e.title)).toEqual(report.toc.map((e) => squash(e.text)));
  expect(printed.entries.map((e) => e.page)).toEqual(report.toc.map((e) => e.page));
  // …and each heading is on the page the TOC says.
  const actual = headingPages(pages, report.toc.map((e) => e.text), printed.lastPage);
  const wrong = report.toc
    .map((e, i) => ({ heading: e.text, toc: e.page, pdf: actual[i] }))
    .filter((e) => e.toc !== e.pdf);
  expect(wrong).toEqual([]);
  if (report.pageCount !== undefined) expect(pages.length).toBe(report.pageCount);
}

describe('LibreOffice', () => {
  let pdf: string;
  let pages: string[];

  beforeAll(async () => {
    requireTool('soffice', 'pdftotext', 'pdfinfo');
    pdf = await convertWithLibreOffice(samplePath, join(dir, 'pdf'), 'pdf', { timeoutMs: 180_000 });
    pages = pdfPages(pdf);
  }, 200_000);

  it('prints an A4 PDF', () => {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    // one landscape page for the wide table
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages.length), pdf], { encoding: 'utf8' });
    expect(sizes.match(/size:\s+841\.\d+ x 595\.\d+ pts/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
  });

  it('finds the headings and the page numbers "— N —", none on the cover', () => {
    const text = squash(pages.join('\n'));
    for (const h of ['第一部分职权法定', '一、职权目录', '（一）行政许可', '1.对外贸易经营者备案登记', '（1）申请条件', '三、不列入目录的说明']) {
      expect(text.includes(h), h).toBe(true);
    }
    // No number on the cover or the TOC page; numbers run on from 1 in the body, landscape pages included.
    expect(shownNumber(pages[0]!)).toBeUndefined();
    expect(shownNumber(pages[1]!)).toBeUndefined();
    expect(pages[2]).toMatch(/—\s*1\s*—/);
    expect(pages.slice(2).map(shownNumber)).toEqual(pages.slice(2).map((_, i) => String(i + 1)));
  });

  it('puts every heading on the page the TOC gives it', () => {
    checkToc(pdf, sample.report);
  });

  it('puts 28 characters on a body line and 22 lines on a page', () => {
    // Portrait pages: a landscape one holds a wide table (its lines are the table's, off the body's grid).
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages.length), pdf], { encoding: 'utf8' });
    const portrait = new Set([...sizes.matchAll(/Page\s+(\d+) size:\s+595\.\d+ x 841\.\d+/g)].map((m) => Number(m[1]) - 1));
    expect(portrait.size).toBeGreaterThan(pages.length / 2);
    const body = pages.filter((_, i) => portrait.has(i)).map((p) => p.split('\n').map(squash).filter((l) => /^[\u4e00-\u9fff，。；、]{20,}$/.test(l)));
    const lengths = body.flat().map((l) => [...l].length);
    expect(Math.max(...lengths)).toBe(28);
    // a page of running text has 22 lines (and the page number's)
    const lineCounts = pages.map((p) => p.split('\n').filter((l) => l.trim() && shownNumber(l) === undefined).length);
    expect(lineCounts).toContain(22);
  });
});

describe('LibreOffice, a ~50-page compendium', () => {
  beforeAll(() => requireTool('soffice', 'pdftotext'));
  it('agrees with every page number of the TOC', async () => {
    const { buffer, report } = await renderDocxWithReport(bigModel(6), { profile: GB9704 });
    expect(report.pageNumbers).toBe('estimated');
    expect(report.pageCount).toBeGreaterThan(45);
    const path = join(dir, 'big.docx');
    await writeFile(path, buffer);
    const pdf = await convertWithLibreOffice(path, join(dir, 'pdf'), 'pdf', { timeoutMs: 180_000 });
    checkToc(pdf, report);
  }, 240_000);
});

describe('LibreOffice, a compendium written in batches', () => {
  beforeAll(() => requireTool('soffice', 'pdftotext'));
  it('agrees with every page number of the TOC of a ~50-page compendium written in many batches', async () => {
    const { buffer, report } = await renderDocxWithReport(bigModel(6), { profile: GB9704, batch: 40 });
    expect(report.pageNumbers).toBe('estimated');
    const path = join(dir, 'big-batches.docx');
    await writeFile(path, buffer);
    const pdf = await convertWithLibreOffice(path, join(dir, 'pdf-batches'), 'pdf', { timeoutMs: 180_000 });
    checkToc(pdf, report);
  }, 240_000);

  it('agrees with the TOC of a section written in several batches, with its footnotes', async () => {
    const { buffer, report } = await renderDocxWithReport(footnotesInRuns(), { profile: GB9704, batch: 1 });
    expect(report.pageNumbers).toBe('estimated');
    const path = join(dir, 'runs-batches.docx');
    await writeFile(path, buffer);
    const pdf = await convertWithLibreOffice(path, join(dir, 'pdf-runs-batches'), 'pdf', { timeoutMs: 180_000 });
    checkToc(pdf, report);
    const text = pdfPages(pdf).join('\n');
    for (const n of [2, 3, 4, 5]) expect(squash(text)).toContain(`第${n}个注释的内容`);
  }, 240_000);
});

describe('convertWithLibreOffice', () => {
  it('says clearly when LibreOffice is missing', async () => {
    const error = await convertWithLibreOffice(samplePath, join(dir, 'none'), 'pdf', { soffice: '/nonexistent/soffice' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibreOfficeError);
    expect((error as Error).message).toContain('找不到 LibreOffice');
  });

  it('says clearly when the input is missing', async () => {
    const error = await convertWithLibreOffice(join(dir, 'missing.docx'), join(dir, 'none'), 'pdf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibreOfficeError);
    expect((error as Error).message).toContain('missing.docx');
  });
});
