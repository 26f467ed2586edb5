/**
 * The PDF's document information, set after printing (Chromium writes its own user agent and the clock's time):
 * title, author (the department), subject, keywords, creator, producer, language, and dates from the model's
 * creation time (SOURCE_DATE_EPOCH or the compendium's date), never the clock. The file identifier (/ID) is a hash of
 * the file's content, and the tag tree's element ids are renumbered in order, so that two builds of the same model by
 * the same Chromium are byte-identical.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';
import type { DocumentMeta } from '../../document/model.js';

export interface Stamp { creator: string; producer: string }

/** 32 hex digits that cannot occur elsewhere in the file before the trailer is written. */
const PLACEHOLDER = 'B0B0B0B0B0B0B0B0B0B0B0B0B0B0B0B0';

const NODE_ID = /^node(\d+)$/;

/**
 * Chromium names tagged elements (a table's header cells, for /Headers) by DOM node id, "node00000222", and which ids
 * the page's nodes got depends on the order of work in the browser, not on the document. They are renumbered in order
 * (so the /IDTree stays sorted) wherever they occur: /ID, /Headers, the /IDTree's keys and limits.
 */
function renumberNodeIds(doc: PDFDocument): void {
  const found = new Set<number>();
  const strings: { parent: PDFDict | PDFArray; key: PDFObject | number; value: string }[] = [];
  const visit = (o: PDFObject | undefined, parent: PDFDict | PDFArray | undefined, key: PDFObject | number | undefined, depth: number): void => {
    if (!o || depth > 64) return;
    if ((o instanceof PDFString || o instanceof PDFHexString) && parent && key !== undefined) {
      const m = NODE_ID.exec(o.decodeText());
      if (m) { found.add(Number(m[1])); strings.push({ parent, key, value: m[1]! }); }
    } else if (o instanceof PDFDict) {
      for (const [k, v] of o.entries()) visit(v, o, k, depth + 1);
    } else if (o instanceof PDFArray) {
      for (let i = 0; i < o.size(); i++) visit(o.get(i), o, i, depth + 1);
    }
  };
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFStream) continue; // content and fonts: no ids
    visit(obj, undefined, undefined, 0);
  }
  if (!found.size) return;
  const order = new Map([...found].sort((a, b) => a - b).map((n, i) => [n, i + 1]));
  for (const s of strings) {
    const width = s.value.length;
    const value = PDFString.of(`node${String(order.get(Number(s.value))!).padStart(width, '0')}`);
    if (s.parent instanceof PDFArray) s.parent.set(s.key as number, value);
    else s.parent.set(s.key as PDFName, value);
  }
}

export async function finishPdf(doc: PDFDocument, meta: DocumentMeta, stamp: Stamp): Promise<Buffer> {
  renumberNodeIds(doc);
  const date = new Date(meta.created);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(stamp.creator);
  doc.setProducer(stamp.producer);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(meta.lang);
  const ctx = doc.context;
  ctx.trailerInfo.ID = PDFArray.withContext(ctx);
  (ctx.trailerInfo.ID as PDFArray).push(PDFHexString.of(PLACEHOLDER));
  (ctx.trailerInfo.ID as PDFArray).push(PDFHexString.of(PLACEHOLDER));
  const bytes = Buffer.from(await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity }));
  // The trailer comes last: replace the placeholder there with the content's hash (same length, offsets unchanged).
  const id = createHash('sha256').update(bytes).digest('hex').slice(0, 32).toUpperCase();
  const tail = Math.max(0, bytes.length - 4096);
  const ph = Buffer.from(`<${PLACEHOLDER}>`, 'latin1');
  let at = bytes.indexOf(ph, tail);
  let n = 0;
  while (at >= 0 && n < 2) {
    bytes.write(`<${id}>`, at, 'latin1');
    at = bytes.indexOf(ph, at + ph.length);
    n++;
  }
  if (n !== 2) throw new Error('PDF trailer: file identifier not found');
  return bytes;
}
