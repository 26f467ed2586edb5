/** The PDF merge without Chromium: the object scanner, and two small PDFs (made with pdf-lib) merged and read back. */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { mergeChunks, readChunk } from '../../src/render/pdf/merge.js';
import { Atom, copyObject, Name, parseValue, PdfFile, Ref, serialize, Str, strText, textString } from '../../src/render/pdf/pdfraw.js';
import { nextTask, type ChunkStatus } from '../../src/render/pdf/schedule.js';
import { bookmarkPages, pageLinks } from './helpers.js';

/** A PDF file from object bodies (numbered from 1), with a correct cross-reference table. */
function pdfOf(bodies: string[], root = 1): Buffer {
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  bodies.forEach((b, i) => { offsets.push(text.length); text += `${i + 1} 0 obj\n${b}\nendobj\n`; });
  const xref = text.length;
  text += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<</Size ${bodies.length + 1}\n/Root ${root} 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

describe('the PDF object scanner', () => {
  it('parses values: dictionaries, arrays, references, names, strings with parentheses, numbers', () => {
    const { value } = parseValue('<</A [1 0 R /B (x \\) 2 0 R (y)) <FEFF0041> -1.5 true]\n/C<</D 12 0 R>>>>', 0);
    const d = value as Map<string, unknown>;
    const a = d.get('A') as unknown[];
    expect(a[0]).toEqual(new Ref(1));
    expect(a[1]).toEqual(new Name('B'));
    expect(a[2]).toEqual(new Str('(x \\) 2 0 R (y))'));
    expect(strText(a[3] as Str)).toBe('A');
    expect(a[4]).toEqual(new Atom('-1.5'));
    expect(serialize(value as never, (n) => n + 100)).toBe('<</A [101 0 R /B (x \\) 2 0 R (y)) <FEFF0041> -1.5 true]\n/C <</D 112 0 R>>>>');
    expect(strText(new Str(textString('目录')))).toBe('目录');
  });

  it('copies an object renumbering its references only, shifting /StructParent(s), replacing tag ids, keeping stream data', () => {
    const file = new PdfFile(pdfOf([
      '<</Type /Catalog /Pages 2 0 R>>',
      '<</Type /Pages /Kids [3 0 R] /Count 1>>',
      '<</Type /Page /Parent 2 0 R /StructParents 7 /Contents 4 0 R /X (a 1 0 R b) /ID (node00000222) /N [0 3 0 R 10 20]>>',
      '<</Length 12>> stream\n0 0 R (x) >>\nendstream',
    ]));
    const out: (string | Buffer)[] = [];
    const rw = { ref: (n: number) => n * 10, keyOffset: 5, nodeId: (n: number) => `(node${n + 1})` };
    copyObject(file, 3, 30, rw, out);
    copyObject(file, 4, 40, rw, out);
    const text = Buffer.concat(out.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : x))).toString('latin1');
    expect(text).toBe('30 0 obj\n<</Type /Page /Parent 20 0 R /StructParents 12 /Contents 40 0 R /X (a 1 0 R b) /ID (node223) /N [0 30 0 R 10 20]>>\nendobj\n'
      + '40 0 obj\n<</Length 12>> stream\n0 0 R (x) >>\nendstream\nendobj\n');
  });
});

describe('merging two printed chunks', () => {
  /** A document of `n` pages with named destinations `names` on its pages, and a link on page 1 to `link`. */
  async function chunk(n: number, names: string[], link?: string): Promise<Buffer> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let i = 0; i < n; i++) doc.addPage([595, 842]).drawText(`${names[0]} page ${i + 1}`, { x: 50, y: 700, font, size: 12 });
    const dests = doc.context.obj({});
    names.forEach((name, i) => dests.set(PDFName.of(name), doc.context.obj([doc.getPage(i % n).ref, PDFName.of('XYZ'), 0, 800, 0])));
    doc.catalog.set(PDFName.of('Dests'), doc.context.register(dests));
    if (link) {
      const annot = doc.context.obj({
        Type: 'Annot', Subtype: 'Link', Rect: [50, 690, 200, 720],
        A: { S: 'URI', URI: PDFString.of(`file:///tmp/powerbook-pdf-x/pb-link.html#${link}`) },
      });
      doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(annot)]));
    }
    return Buffer.from(await doc.save({ useObjectStreams: false }));
  }

  it('puts the pages in the order of the sheets with blank pages, turns links into destinations, writes bookmarks and information', async () => {
    const a = readChunk(await chunk(2, ['front', 'toc'], 'second'));
    const b = readChunk(await chunk(3, ['first', 'second', 'third']));
    expect([a.pageCount, b.pageCount]).toEqual([2, 3]);
    expect(b.dests.get('second')).toBe(1);
    const { pdf, bookmarks } = mergeChunks([a, b], [{ chunk: 0, page: 0 }, null, { chunk: 0, page: 1 }, null, { chunk: 1, page: 0 }, { chunk: 1, page: 1 }, { chunk: 1, page: 2 }], [
      { title: '目录', level: 1, target: 'toc' }, { title: '第一', level: 1, target: 'first' }, { title: '第二', level: 2, target: 'second' }, { title: '无', level: 1, target: 'none' },
    ], { title: '汇编', author: '某局', subject: '主题', keywords: ['甲', '乙'], created: '2023-11-14T22:13:20Z', lang: 'zh-CN', creator: 'powerbook test', producer: 'p' });
    expect(bookmarks).toBe(3);
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(7);
    expect(doc.getTitle()).toBe('汇编');
    expect(doc.getAuthor()).toBe('某局');
    expect(doc.getCreationDate()?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(doc.catalog.lookup(PDFName.of('Lang'))).toEqual(PDFString.of('zh-CN'));
    // The link on the first sheet now points at the sheet of "second": chunk 1's page 2, sheet 6.
    expect((await pageLinks(pdf, 0)).map((l) => [l.target, l.uri])).toEqual([[5, undefined]]);
    expect((await bookmarkPages(pdf)).map((m) => [m.title, m.page, m.depth])).toEqual([['目录', 2, 0], ['第一', 4, 0], ['第二', 5, 1]]);
    // Named destinations of both chunks, on the merged sheets.
    const dests = doc.catalog.lookup(PDFName.of('Dests')) as PDFDict;
    const sheet = (name: string) => doc.getPages().findIndex((p) => p.ref === (dests.lookup(PDFName.of(name)) as PDFArray).get(0));
    expect(['front', 'toc', 'first', 'second', 'third'].map(sheet)).toEqual([0, 2, 4, 5, 6]);
    // Blank pages carry nothing; the text of each page comes through.
    expect(doc.getPage(1).node.lookup(PDFName.of('Contents'))).toBeUndefined();
    const id = doc.context.trailerInfo.ID as PDFArray;
    expect((id.get(0) as PDFHexString).asString()).toMatch(/^[0-9A-F]{32}$/);
  });
});

describe('the chunk scheduler', () => {
  /**
   * Runs the scheduler over body chunks of the given pages (chunk 0: the front matter with the 目录) on `slots`
   * slots, with times in proportion to the pages: load 3.5, draft 1.4, real print 6.1 per page (as measured).
   */
  function simulate(pages: number[], slots: number) {
    const n = pages.length + 1;
    const st = Array.from({ length: n }, (_, c) => ({ body: c > 0, loaded: false, busy: false, known: false, real: false, prints: 0, drafted: false }));
    const log: string[] = [];
    const due = (c: number) => {
      if (st[c]!.real) return false;
      const before = c === 0 ? st.slice(1) : st.slice(1, c);
      return before.every((s) => s.known) ? true : undefined;
    };
    let t = 0;
    const running: { c: number; kind: string; end: number }[] = [];
    for (;;) {
      while (running.length < slots) {
        const status: ChunkStatus[] = st.map((s, c) => ({ body: s.body, loaded: s.loaded, busy: s.busy, known: s.known, prints: s.prints, due: due(c) }));
        const task = nextTask(status, 3);
        if (!task) break;
        const s = st[task.chunk]!;
        const p = task.chunk === 0 ? 50 : pages[task.chunk - 1]!;
        const work = (s.loaded ? 0 : 3.5 * p) + (task.kind === 'real' ? 6.1 * p : task.kind === 'draft' ? 1.4 * p : 0);
        s.busy = true;
        s.loaded = true;
        if (task.kind !== 'load') s.prints++;
        log.push(`${task.kind} ${task.chunk}`);
        running.push({ c: task.chunk, kind: task.kind, end: t + work });
      }
      if (!running.length) break;
      running.sort((x, y) => x.end - y.end);
      const done = running.shift()!;
      t = done.end;
      const s = st[done.c]!;
      s.busy = false;
      if (done.kind === 'real') { s.real = true; s.known = true; }
      if (done.kind === 'draft') { s.known = true; s.drafted = true; }
    }
    return { t, log, printed: st.every((s) => s.real), drafted: st.filter((s) => s.drafted).length, drafts: st.map((s) => s.drafted) };
  }

  it('prints every chunk, drafting neither the first nor the last body chunk', () => {
    for (const pages of [[1000], [500, 500], [1030, 1030, 1030, 1030], [600, 600, 600, 600, 600, 600, 600]]) {
      const r = simulate(pages, 2);
      expect(r.printed, JSON.stringify(pages)).toBe(true);
      expect(r.drafts[1]).toBe(false);
      expect(r.drafts.at(-1)).toBe(false);
      // The 目录 is printed last: it needs every body page.
      expect(r.log.filter((x) => x.startsWith('real')).at(-1)).toBe('real 0');
    }
  });

  it('keeps two slots busy on four chunks: one prints chunk 1 while the other drafts 2 and 3, within 20 % of the bound', () => {
    const pages = [1030, 1030, 1030, 1030];
    const r = simulate(pages, 2);
    expect(r.log.slice(0, 3)).toEqual(['real 1', 'draft 2', 'draft 3']);
    expect(r.drafted).toBe(2);
    const bound = pages.reduce((x, p) => x + (3.5 + 6.1) * p, 0) / 2;
    expect(r.t).toBeLessThan(bound * 1.2);
    // One slot: no drafts at all, the chunks in order.
    const one = simulate(pages, 1);
    expect(one.drafted).toBe(0);
    expect(one.log.filter((x) => x.startsWith('real'))).toEqual(['real 1', 'real 2', 'real 3', 'real 4', 'real 0']);
  });
});
