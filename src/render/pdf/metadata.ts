/**
 * The PDF's document information, set after printing (Chromium writes its own user agent and the clock's time):
 * title, author (the department), subject, keywords, creator, producer, language, and dates from the model's
 * creation time (SOURCE_DATE_EPOCH or the compendium's date), never the clock. The file identifier (/ID) is a hash of
 * the file's content, so that two builds of the same model by the same Chromium are byte-identical.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFHexString, type PDFDocument } from 'pdf-lib';
import type { DocumentMeta } from '../../document/model.js';

export interface Stamp { creator: string; producer: string }

/** 32 hex digits that cannot occur elsewhere in the file before the trailer is written. */
const PLACEHOLDER = 'B0B0B0B0B0B0B0B0B0B0B0B0B0B0B0B0';

export async function finishPdf(doc: PDFDocument, meta: DocumentMeta, stamp: Stamp): Promise<Buffer> {
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
