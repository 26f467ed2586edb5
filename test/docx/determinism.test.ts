/**
 * The same model gives the same DOCX bytes: no render time in the zip entries or docProps/core.xml, and no ids from
 * docx's process-wide counters or random relationship names.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/render/docx/index.js';
import { GB9704 } from '../../src/domain/profile.js';
import { sampleModel } from './fixture.js';
import { parts } from './helpers.js';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** The MS-DOS date and time of each entry of a zip's central directory. */
function zipStamps(zip: Buffer): Array<{ name: string; date: number; time: number }> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out: Array<{ name: string; date: number; time: number }> = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(p + 28);
    out.push({ name: zip.toString('utf8', p + 46, p + 46 + nameLength), time: zip.readUInt16LE(p + 12), date: zip.readUInt16LE(p + 14) });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

describe('determinism', () => {
  it('renders the same model to the same bytes, twice in one process', async () => {
    const a = await renderDocx(sampleModel(), { profile: GB9704 });
    // Let the clock move on (zip times have a 2-second resolution) and docx's id counters advance.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const b = await renderDocx(sampleModel(), { profile: GB9704 });
    expect(sha(b)).toBe(sha(a));
    expect(Buffer.compare(a, b)).toBe(0);
  }, 60_000);

  it('dates every zip entry and the core properties with the model date, not the render time', async () => {
    const docx = await renderDocx(sampleModel(), { profile: GB9704, tocPageNumbers: false });
    // 2024-06-30T08:00:00Z
    const date = ((2024 - 1980) << 9) | (6 << 5) | 30;
    const time = (8 << 11) | (0 << 5) | 0;
    const stamps = zipStamps(docx);
    expect(stamps.length).toBeGreaterThan(10);
    for (const s of stamps) expect({ name: s.name, date: s.date, time: s.time }).toEqual({ name: s.name, date, time });

    const model = sampleModel();
    model.meta.created = '2025-01-02T03:04:05Z';
    const other = await renderDocx(model, { profile: GB9704, tocPageNumbers: false });
    const core = parts(other).get('docProps/core.xml')!;
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-02T03:04:05Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2025-01-02T03:04:05Z</dcterms:modified>');
    // Only the dates differ.
    expect(parts(other).get('word/document.xml')).toBe(parts(docx).get('word/document.xml'));
  }, 60_000);

  it('gives the same bytes in any time zone, and takes a date before 1980 (SOURCE_DATE_EPOCH=0)', async () => {
    const tz = process.env.TZ;
    const inZone = async (zone: string) => {
      process.env.TZ = zone; // Node reads TZ again when it changes
      try { return await renderDocx(sampleModel(), { profile: GB9704, tocPageNumbers: false }); } finally {
        if (tz === undefined) delete process.env.TZ; else process.env.TZ = tz;
      }
    };
    const utc = await inZone('UTC');
    const shanghai = await inZone('Asia/Shanghai');
    expect(sha(shanghai)).toBe(sha(utc));
    const model = sampleModel();
    model.meta.created = '1970-01-01T00:00:00Z';
    const epoch0 = await renderDocx(model, { profile: GB9704, tocPageNumbers: false });
    for (const s of zipStamps(epoch0)) expect(s.date).toBe((0 << 9) | (1 << 5) | 1);
  }, 60_000);

  it('numbers bookmarks, drawings and hyperlink relationships from the document alone', async () => {
    const xml = parts(await renderDocx(sampleModel(), { profile: GB9704, tocPageNumbers: false }));
    const document = xml.get('word/document.xml')!;
    const bookmarkIds = [...document.matchAll(/<w:bookmarkStart [^>]*w:id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(bookmarkIds).toEqual(bookmarkIds.map((_, i) => i + 1));
    expect([...document.matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => m[1])).toEqual(['1']);
    const rels = xml.get('word/_rels/document.xml.rels')!;
    for (const [, id] of rels.matchAll(/ Id="([^"]+)"/g)) expect(id).toMatch(/^rId(L?)\d+$/);
  }, 60_000);
});
