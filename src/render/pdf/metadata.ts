/**
 * The PDF's document information, written by the merge (Chromium's own carries its user agent and the clock's time):
 * title, author (the department), subject, keywords, creator, producer, and dates from the model's creation time
 * (SOURCE_DATE_EPOCH or the compendium's date), never the clock. The file identifier (/ID) is a hash of the file's
 * content, and the tag tree's element ids are renumbered in order (merge.ts), so that two builds of the same model by
 * the same Chromium are byte-identical.
 */
import { createHash } from 'node:crypto';
import type { DocumentMeta } from '../../document/model.js';
import { literal, textString } from './pdfraw.js';

export interface Stamp { creator: string; producer: string }
export type InfoFields = Pick<DocumentMeta, 'title' | 'author' | 'subject' | 'keywords' | 'created' | 'lang'> & Stamp;

/** `D:YYYYMMDDHHmmSSZ`, as pdf-lib writes dates. */
const pdfDate = (iso: string) => `D:${new Date(iso).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** The information dictionary; text as UTF-16 strings. */
export function infoDict(f: InfoFields): string {
  const date = literal(pdfDate(f.created));
  return [
    `<</Title ${textString(f.title)}`, `/Author ${textString(f.author)}`, f.subject ? `/Subject ${textString(f.subject)}` : '',
    `/Keywords ${textString(f.keywords.join(' '))}`, `/Creator ${textString(f.creator)}`, `/Producer ${textString(f.producer)}`,
    `/CreationDate ${date}`, `/ModDate ${date}>>`,
  ].filter(Boolean).join('\n');
}

/** 32 hex digits that cannot occur elsewhere in the file before the trailer is written. */
const PLACEHOLDER = 'B0B0B0B0B0B0B0B0B0B0B0B0B0B0B0B0';

export const fileId = {
  /** The trailer's /ID before stamping. */
  placeholder: `[<${PLACEHOLDER}> <${PLACEHOLDER}>]`,
  /** Replaces the placeholder in the trailer (the end of the file) with the hash of the file (same length). */
  stamp(bytes: Buffer): Buffer {
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
  },
};
