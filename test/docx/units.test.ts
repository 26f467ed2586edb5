/**
 * The DOCX backend's pieces: geometry from the profile, column widths, bookmark names, picture sizes, list labels,
 * the package rewrite and its zip, page numbers written before they are known, and how the TOC's page numbers fall
 * back when they can't be worked out.
 */
import { inflateRawSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BookmarkNames } from '../../src/render/docx/bookmarks.js';
import { fitSize } from '../../src/render/docx/figures.js';
import { geometryOf } from '../../src/render/docx/geometry.js';
import { headingText, numberSeparator } from '../../src/render/docx/headings.js';
import { renderDocxWithReport } from '../../src/render/docx/index.js';
import { listLabel } from '../../src/render/docx/lists.js';
import { columnWidths } from '../../src/render/docx/tables.js';
import { chunksOf } from '../../src/render/docx/sections.js';
import { finishPackage, PackageAssembler, partsOfZip, zipTime } from '../../src/render/docx/package.js';
import { MediaStore } from '../../src/render/docx/media.js';
import { PageNumberStandIns } from '../../src/render/docx/numbers.js';
import { Deflater, deflatedSegment, FINAL_BLOCK, joinPieces, ZipWriter } from '../../src/render/docx/zip.js';
import { FileBytes } from '../../src/util/file-bytes.js';
import { tempDir } from '../helpers/repo.js';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GB9704 } from '../../src/domain/profile.js';
import { catalogueTable, heading, landscapeTable, para, sampleModel } from './fixture.js';
import { parts } from './helpers.js';

describe('geometry', () => {
  const g = geometryOf(GB9704);

  it('is A4 with the GB/T 9704 margins in twips', () => {
    // The text block ends after its last whole grid line: 22 × 579 twips, 0.3 mm short of 225 mm (geometry.ts).
    expect(g.portrait).toMatchObject({ pageWidth: 11906, pageHeight: 16838, textWidth: 8845, textHeight: 22 * 579 });
    expect(g.portrait.margin).toMatchObject({ top: 2098, bottom: 16838 - 2098 - 22 * 579, left: 1587, right: 1474 });
    expect(g.landscape.textHeight).toBe(13 * 601);
    expect(g.landscape).toMatchObject({ pageWidth: 16838, pageHeight: 11906, textWidth: 13777 });
  });

  it('fits 22 lines and 28 characters', () => {
    expect(g.linePitch).toBe(579);
    expect(22 * g.linePitch).toBeLessThanOrEqual(g.portrait.textHeight);
    expect(23 * g.linePitch).toBeGreaterThan(g.portrait.textHeight);
    // Word's grid: 16 pt + charSpace/4096 per character
    expect(g.charSpace).toBe(-842);
    const pitch = 16 + g.charSpace / 4096;
    expect(28 * pitch * 20).toBeLessThanOrEqual(8845);
    // What paragraphs use instead: 16 pt + charSpacing/20, 28 to a line with room to spare, never 29
    const advance = 16 + g.charSpacing / 20;
    expect(28 * advance * 20).toBeLessThanOrEqual(8845 - 28 * 2);
    expect(29 * advance * 20).toBeGreaterThan(8845);
  });

  it('puts the page number 7 mm below the text block', () => {
    // footer distance from the page edge to the bottom of the 14 pt line, whose middle is 7 mm below the block
    const footerMm = (g.portrait.margin.footer * 25.4) / 1440;
    const middle = footerMm + (14 * 25.4) / 72 / 2;
    expect(35 - middle).toBeCloseTo(7, 1);
  });
});

describe('tables', () => {
  it('normalise column widths to the text width', () => {
    const widths = columnWidths(catalogueTable(5), 8845);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(8845);
    expect(widths[3]! / widths[0]!).toBeCloseTo(3, 2);
  });

  it('share the width evenly without widths, counting spans', () => {
    const t = { type: 'table' as const, headerRows: 0, rows: [{ cells: [{ children: [], colSpan: 2 }, { children: [] }] }] };
    expect(columnWidths(t, 9000)).toEqual([3000, 3000, 3000]);
  });
});

describe('sections', () => {
  it('split a portrait section around a landscape table', () => {
    const chunks = chunksOf({ kind: 'body', orientation: 'portrait', blocks: [para('a'), landscapeTable(), para('b')] });
    expect(chunks.map((c) => c.orientation)).toEqual(['portrait', 'landscape', 'portrait']);
    expect(chunksOf({ kind: 'body', orientation: 'landscape', blocks: [para('a'), landscapeTable()] })).toHaveLength(1);
  });
});

describe('bookmark names', () => {
  it('keep Word-valid anchors and make others valid, stable and unique', () => {
    const names = new BookmarkNames();
    expect(names.register('intro')).toBe('intro');
    const dashed = names.register('ch-catalogue');
    expect(dashed).toMatch(/^ch_catalogue_[0-9a-f]{8}$/);
    expect(new BookmarkNames().register('ch-catalogue')).toBe(dashed);
    const chinese = names.register('职权目录');
    const long = names.register(`x${'y'.repeat(60)}`);
    for (const n of [dashed, chinese, long]) {
      expect(n).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(n.length).toBeLessThanOrEqual(40);
    }
    expect(names.register('ch_catalogue')).not.toBe(dashed);
    expect(names.place('intro')).toBe('intro');
    expect(names.place('intro')).toBeUndefined();
  });
});

describe('headings and lists', () => {
  it('put an ideographic space after 第一部分 only', () => {
    expect(numberSeparator('第一部分')).toBe('　');
    for (const n of ['一、', '（一）', '1.', '（1）']) expect(numberSeparator(n)).toBe('');
    expect(headingText(heading(1, '第一部分', '职权法定', 'a'))).toBe('第一部分　职权法定');
    expect(headingText(heading(3, '（一）', '行政许可', 'b'))).toBe('（一）行政许可');
  });

  it('label list items as official documents do', () => {
    expect([1, 2].map((n) => listLabel(true, 0, n))).toEqual(['1.', '2.']);
    expect(listLabel(true, 1, 3)).toBe('（3）');
    expect(listLabel(true, 2, 4)).toBe('④');
    expect(listLabel(false, 0, 1)).toBe('● ');
  });
});

describe('figures', () => {
  it('fit in the room, in proportion, never enlarged', () => {
    expect(fitSize(1200, 600, 590, 800)).toEqual({ width: 590, height: 295 });
    expect(fitSize(400, 2000, 590, 800)).toEqual({ width: 160, height: 800 });
    expect(fitSize(300, 200, 590, 800)).toEqual({ width: 300, height: 200 });
  });
});

describe('package', () => {
  const created = new Date('2024-06-30T08:00:00Z');
  const docxOf = (files: Record<string, string | Uint8Array>): Uint8Array =>
    zipSync(Object.fromEntries(Object.entries(files).map(([n, d]) => [n, typeof d === 'string' ? new TextEncoder().encode(d) : d])));

  it('puts the real picture bytes in place of their stand-ins, and is the same for the same input', async () => {
    const media = new MediaStore();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const other = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 4, 5, 6]);
    const a = media.binary('png', png);
    expect(media.binary('png', new Uint8Array(png))).toEqual(a); // equal pictures, one stand-in
    expect(media.binary('png', other)).not.toEqual(a);
    const svg = media.svg('<svg>汇编</svg>');
    expect(media.size).toBe(3);
    const document = '<w:document><w:body><w:p><w:r><w:t>汇编</w:t></w:r></w:p><w:sectPr/></w:body></w:document>';
    const rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>';
    const input = docxOf({ '[Content_Types].xml': '<Types></Types>', 'word/_rels/document.xml.rels': rels, 'word/document.xml': document, 'word/media/image1.png': a, 'word/media/image1.svg': svg, 'word/media/image2.png': png });
    const out = await finishPackage(input, { profile: GB9704, created, media });
    const files = unzipSync(out);
    expect(Object.keys(files)).toEqual(['[Content_Types].xml', 'word/_rels/document.xml.rels', 'word/document.xml', 'word/media/image1.png', 'word/media/image1.svg', 'word/media/image2.png']);
    expect(new TextDecoder().decode(files['word/_rels/document.xml.rels'])).toBe(rels);
    expect(files['word/media/image1.png']).toEqual(png);
    expect(new TextDecoder().decode(files['word/media/image1.svg'])).toBe('<svg>汇编</svg>');
    expect(files['word/media/image2.png']).toEqual(png); // not a stand-in: as it was
    // Every run names its fonts.
    expect(new TextDecoder().decode(files['word/document.xml'])).toMatch(/^<w:document><w:body><w:p><w:r><w:rPr><w:rFonts [^>]*w:eastAsia="仿宋_GB2312"[^>]*\/><\/w:rPr><w:t>汇编<\/w:t><\/w:r><\/w:p><w:sectPr\/><\/w:body><\/w:document>$/);
    expect((await finishPackage(input, { profile: GB9704, created, media })).equals(out)).toBe(true);
  });

  it('writes the zip that fflate\'s zipSync writes, byte for byte', () => {
    const mtime = zipTime(created);
    const text = new TextEncoder().encode('<w:document>汇编 '.repeat(5000));
    const entries: Array<[string, Uint8Array, number]> = [
      ['[Content_Types].xml', new TextEncoder().encode('<Types/>'), 6],
      ['word/document.xml', text, 6],
      ['word/media/image1.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), 0],
      ['word/media/图.svg', new TextEncoder().encode('<svg>流程图</svg>'), 6],
      ['docProps/empty.xml', new Uint8Array(0), 6],
    ];
    const zip = new ZipWriter();
    for (const [name, data, level] of entries) zip.add(name, data, level, mtime);
    const expected = zipSync(Object.fromEntries(entries.map(([name, data, level]) => [name, [data, { level: level as 0 | 6, mtime }]])));
    expect(Buffer.from(zip.finish()).equals(Buffer.from(expected))).toBe(true);

    // The PNG left in its file (a flowchart cache's): the same zip, the file among the pieces, read only when joined.
    const png = entries[2]![1];
    const file = path.join(tempDir('pb-zip-file-'), 'image.png');
    writeFileSync(file, png);
    const lazy = new ZipWriter();
    for (const [name, data, level] of entries) {
      if (name.endsWith('.png')) lazy.addFile(name, new FileBytes(file, createHash('sha256').update(png).digest('hex'), png.length), mtime);
      else lazy.add(name, data, level, mtime);
    }
    const pieces = lazy.finishPieces();
    expect(pieces.filter((p) => p instanceof FileBytes)).toHaveLength(1);
    expect(Buffer.from(joinPieces(pieces)).equals(Buffer.from(expected))).toBe(true);
  });

  it('puts text in place of the start of the document, longer or shorter', async () => {
    const document = '<w:document><w:body><w:p><w:r><w:t>第\uE0000\uE001页</w:t></w:r></w:p><w:p><w:r><w:t>后文</w:t></w:r></w:p><w:sectPr/></w:body></w:document>';
    const input = docxOf({ '[Content_Types].xml': '<Types></Types>', 'word/_rels/document.xml.rels': '<Relationships></Relationships>', 'word/document.xml': document });
    for (const page of ['7', '1234']) {
      const assembler = new PackageAssembler({ profile: GB9704, created });
      assembler.add(partsOfZip(input), true);
      const end = assembler.documentLength;
      expect(assembler.replaceDocumentStart(end, (t) => t.replace('\uE0000\uE001', page))).toBe(true);
      const written = new TextDecoder().decode(unzipSync(await assembler.finish())['word/document.xml']);
      expect(written).toContain(`>第${page}页</w:t>`);
      expect(written).toMatch(/后文<\/w:t><\/w:r><\/w:p><w:sectPr\/><\/w:body><\/w:document>$/);
    }
    const untouched = new PackageAssembler({ profile: GB9704, created });
    untouched.add(partsOfZip(input), true);
    expect(untouched.replaceDocumentStart(untouched.documentLength, () => undefined)).toBe(false);
    expect(new TextDecoder().decode(unzipSync(await untouched.finish())['word/document.xml'])).toContain('第\uE0000\uE001页');
  });

  it('compresses text in segments that make one DEFLATE stream, as zlib inflates it', () => {
    const line = (i: number) => `<w:p><w:r><w:t>第${i}条 行政许可事项的办理时限为二十个工作日。</w:t></w:r></w:p>`;
    const text = new TextEncoder().encode(Array.from({ length: 6000 }, (_, i) => line(i)).join(''));
    // Sizes where fflate's own sync flush writes a broken stored block (70,000 and 100,000 bytes of this text did), and
    // a segment of one byte, of nothing, of bytes that do not compress.
    const noise = Uint8Array.from({ length: 100_000 }, (_, i) => (Math.imul(i, 2654435761) >>> 13) & 255);
    const cases: Uint8Array[][] = [
      [text.subarray(0, 70_000)], [text.subarray(0, 100_000), text.subarray(5, 6)], [text.subarray(0, 1), new Uint8Array(0), text],
      [noise, text.subarray(0, 65_536), noise.subarray(3)],
    ];
    for (let size = 1; size < 300_000; size = Math.ceil(size * 1.7) + 13) cases.push([text.subarray(0, size), text.subarray(size, size * 2)]);
    for (const parts of cases) {
      const stream = Buffer.concat([...parts.map((p) => deflatedSegment(p, 6)), FINAL_BLOCK]);
      expect(inflateRawSync(stream).equals(Buffer.concat(parts))).toBe(true);
    }
  });

  it('compresses the body a batch at a time as batches are added, the same text as at the end', async () => {
    const document = (body: string) => `<w:document><w:body>${body}<w:sectPr/></w:body></w:document>`;
    const batch = (body: string) => partsOfZip(docxOf({ '[Content_Types].xml': '<Types></Types>', 'word/_rels/document.xml.rels': '<Relationships></Relationships>', 'word/document.xml': document(body) }));
    const bodies = ['<w:p><w:r><w:t>目录 第\uE0000\uE001页</w:t></w:r></w:p>', ...Array.from({ length: 5 }, (_, i) => `<w:p><w:r><w:t>${'第' + i + '批 正文。'.repeat(3000 * (i + 1))}</w:t></w:r></w:p>`)];
    const written = async (deflater: Deflater | undefined, replace: boolean) => {
      const assembler = new PackageAssembler({ profile: GB9704, created });
      if (deflater) assembler.compressWith(deflater);
      let start = 0;
      bodies.forEach((b, i) => {
        assembler.add(batch(b), i === bodies.length - 1);
        if (i === 0) start = assembler.documentLength;
      });
      if (replace) expect(assembler.replaceDocumentStart(start, (t) => t.replace('\uE0000\uE001', '12345'))).toBe(true);
      const zip = Buffer.from(await assembler.finish());
      return { text: new TextDecoder().decode(unzipSync(zip)['word/document.xml']), zip };
    };
    for (const replace of [false, true]) {
      const deflater = Deflater.start();
      try {
        const plain = await written(undefined, replace);
        const segmented = await written(deflater, replace);
        expect(segmented.text).toBe(plain.text);
        expect(segmented.text).toContain(replace ? '第12345页' : '第\uE0000\uE001页');
        expect((await written(deflater, replace)).zip.equals(segmented.zip)).toBe(true); // the same bytes again
      } finally {
        await deflater.close();
      }
    }
  });

  it('dates zip entries with the UTC date and time in any time zone, 1980 at the earliest', () => {
    const tz = process.env.TZ;
    try {
      for (const zone of ['UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati']) {
        process.env.TZ = zone;
        const t = zipTime(created);
        expect([t.getFullYear(), t.getMonth(), t.getDate(), t.getHours(), t.getMinutes(), t.getSeconds()]).toEqual([2024, 5, 30, 8, 0, 0]);
        const early = zipTime(new Date('1970-01-01T00:00:00Z'));
        expect([early.getFullYear(), early.getMonth(), early.getDate(), early.getHours()]).toEqual([1980, 0, 1, 0]);
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});

describe('page numbers written before they are known', () => {
  const numbers = { bookmarks: new Map([['a', '3'], ['b', '12']]), pageCount: 20 };
  /** What docx does with an estimate for a PAGEREF field (and, without a bookmark, for a NUMPAGES field). */
  const field = (standIns: PageNumberStandIns, bookmark?: string): string | undefined => {
    const { bookmarks, pageCount } = standIns.estimator({} as never, {} as never) as unknown as { bookmarks: Map<string, string>; pageCount?: number };
    return bookmark === undefined ? (pageCount === undefined ? undefined : String(pageCount)) : bookmarks.get(bookmark);
  };

  it('take their pages once they are known', () => {
    const standIns = new PageNumberStandIns();
    const text = `目录 ${field(standIns, 'a')} ${field(standIns, 'b')} ${field(standIns, 'a')}`;
    expect(standIns.fits).toBe(true);
    expect(standIns.fill(text, numbers)).toBe('目录 3 12 3');
  });

  it('say when they can\'t be: a bookmark without a page, a stand-in missing or one too many, the number of pages', () => {
    const missing = new PageNumberStandIns();
    expect(missing.fill(`${field(missing, 'c')}`, numbers)).toBeUndefined();
    const elsewhere = new PageNumberStandIns();
    field(elsewhere, 'a');
    expect(elsewhere.fill(`${field(elsewhere, 'b')}`, numbers)).toBeUndefined();
    const own = new PageNumberStandIns();
    const token = field(own, 'a');
    expect(own.fill(`${token} ${token}`, numbers)).toBeUndefined();
    const count = new PageNumberStandIns();
    const text = `${field(count, 'a')} ${field(count)}`;
    expect(count.fits).toBe(false);
    expect(count.fill(text, numbers)).toBeUndefined();
  });
});

describe('TOC page numbers', () => {
  it('are left out when not asked for', async () => {
    const { buffer, report } = await renderDocxWithReport(sampleModel(), { profile: GB9704, tocPageNumbers: false });
    expect(report.pageNumbers).toBe('off');
    expect(report.toc.every((e) => e.page === undefined)).toBe(true);
    const document = parts(buffer).get('word/document.xml')!;
    expect(document).toContain(' TOC \\o &quot;1-5&quot; \\h \\z ');
    expect(document).not.toContain('PAGEREF');
    expect(document).toContain('>第一部分　职权法定</w:t>');
  }, 60_000);

  it('are guessed, and said to be, when a font has no file to measure it with', async () => {
    const { report } = await renderDocxWithReport(sampleModel(), { profile: GB9704, fontFiles: { '仿宋_GB2312': '/nonexistent/FandolFang.otf' } });
    expect(report.missingFonts).toEqual(['仿宋_GB2312']);
    expect(report.pageNumbers).toBe('guessed');
    expect(report.guesses.length).toBeGreaterThan(0);
    expect(report.toc.every((e) => /^\d+$/.test(e.page ?? ''))).toBe(true);
  }, 60_000);
});
