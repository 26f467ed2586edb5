/**
 * Rewrites the package docx wrote so that it is deterministic and complete:
 *
 * - docx stamps zip entries and docProps/core.xml with the current time, numbers bookmarks and drawings from
 *   counters shared by every document of the process, and names hyperlink relationships randomly. The rewrite sets
 *   the dates to the compendium's (`meta.created`) and renumbers the ids in document order, so two renders of the
 *   same model give the same bytes.
 * - Runs docx writes itself (footnote marks, page references, field characters) name no fonts; they get the fonts
 *   of their paragraph's style, so every run carries East Asian and Latin font names.
 * - docx wrote stand-ins for the pictures (media.ts): their real bytes go in here, stored as they are when already
 *   compressed (PNG, JPEG), deflated otherwise (XML, SVG).
 * - A large document is written in batches (index.ts): `PackageAssembler` joins their packages into one.
 *
 * The assembler takes the parts docx compiles for a package (`compilePackage`: what `Packer` would zip) rather than
 * its zip, and writes the zip as fflate's zipSync does (zip.ts); a zip entry's date is the compendium's, in UTC,
 * whatever the machine's time zone (`zipTime`; in the hour a time zone skips for daylight saving, fflate can only
 * write the hour after).
 */
import { createHash } from 'node:crypto';
import { Packer, type File } from '#docx';
import { unzipSync } from 'fflate';
import type { LayoutProfile } from '../../domain/profile.js';
import { fontTableXml, runFonts, type RunRole } from './fonts.js';
import type { MediaStore } from './media.js';
import { styleRoles } from './styles.js';
import { crc32 } from 'node:zlib';
import { deflatedSegment, FINAL_BLOCK, joinPieces, ZipWriter, type Deflater } from './zip.js';
import type { FileBytes } from '../../util/file-bytes.js';

/** A part of a package as docx compiles it: XML as text, anything else as bytes. */
export type PartData = string | Uint8Array;
/** The parts of a package by path, in the order docx zips them. */
export type PackageParts = ReadonlyMap<string, PartData>;

interface Compiler {
  compile(file: File, prettify?: unknown, overrides?: unknown[]): Map<string, string | ArrayBufferView | ArrayBuffer>;
}

/**
 * The parts of the package docx writes for a document: what `Packer.toBuffer` zips (its compiler, a static member
 * the typings keep private), without zipping them to have them unzipped again.
 */
export function compilePackage(doc: File): Map<string, PartData> {
  const compiled = (Packer as unknown as { compiler: Compiler }).compiler.compile(doc, undefined, []);
  const parts = new Map<string, PartData>();
  for (const [path, data] of compiled) {
    parts.set(path, typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data));
  }
  return parts;
}

/** The parts of a zipped package (as `Packer.toBuffer` writes it). */
export function partsOfZip(zip: Uint8Array): Map<string, PartData> {
  return new Map(Object.entries(unzipSync(zip)));
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function rFontsXml(profile: LayoutProfile, role: RunRole): string {
  const f = runFonts(profile, role);
  return `<w:rFonts w:ascii="${escapeAttr(f.ascii)}" w:hAnsi="${escapeAttr(f.hAnsi)}" w:eastAsia="${escapeAttr(f.eastAsia)}" w:cs="${escapeAttr(f.cs)}" w:hint="${f.hint}"/>`;
}

const TOKENS = /<w:p(?=[\s>])[^>]*>|<w:pStyle w:val="([^"]*)"\/>|<w:r(?=[\s>])[^>]*>(?:<w:rPr>((?:(?!<\/w:rPr>)[\s\S])*)<\/w:rPr>)?/g;

/** Gives every run without w:rFonts the fonts of its paragraph's style (its role). */
export function addRunFonts(xml: string, profile: LayoutProfile): string {
  const roles = styleRoles();
  const cache = new Map<RunRole, string>();
  const fontsOf = (role: RunRole): string => {
    let s = cache.get(role);
    if (s === undefined) cache.set(role, (s = rFontsXml(profile, role)));
    return s;
  };
  let role: RunRole = 'body';
  return xml.replace(TOKENS, (token: string, style: string | undefined, rPr: string | undefined) => {
    if (token.startsWith('<w:p') && !token.startsWith('<w:pStyle')) {
      role = 'body';
      return token;
    }
    if (style !== undefined) {
      role = roles[style] ?? 'body';
      return token;
    }
    if (rPr === undefined) {
      return `${token}<w:rPr>${fontsOf(role)}</w:rPr>`;
    }
    if (rPr.includes('<w:rFonts')) return token;
    const start = token.indexOf('<w:rPr>') + '<w:rPr>'.length;
    const styleEnd = rPr.startsWith('<w:rStyle') ? rPr.indexOf('/>') + 2 : 0;
    return `${token.slice(0, start)}${rPr.slice(0, styleEnd)}${fontsOf(role)}${rPr.slice(styleEnd)}</w:rPr>`;
  });
}

/** Renumbers attribute values matched by `pattern` (group 1 the prefix, group 2 the id) in order of appearance. */
function renumber(xml: string, pattern: RegExp, ids: Map<string, number>, next: { n: number }): string {
  return xml.replace(pattern, (_m, prefix: string, id: string) => {
    let n = ids.get(id);
    if (n === undefined) ids.set(id, (n = next.n++));
    return `${prefix}${n}"`;
  });
}

const relsOwner = (name: string): string | undefined => {
  const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(name);
  return m ? `${m[1]}${m[2]}` : undefined;
};

/** Names relationships that docx names randomly (hyperlinks) rIdL1, rIdL2 … in the order of the rels file. */
function stableRelationshipIds(entries: Map<string, string>): void {
  for (const [name, rels] of entries) {
    const owner = relsOwner(name);
    if (!owner || !entries.has(owner)) continue;
    const map = new Map<string, string>();
    let n = 1;
    const renamed = rels.replace(/ Id="([^"]+)"/g, (m, id: string) => {
      if (/^rId\d+$/.test(id)) return m;
      const fresh = `rIdL${n++}`;
      map.set(id, fresh);
      return ` Id="${fresh}"`;
    });
    if (map.size === 0) continue;
    entries.set(name, renamed);
    let part = entries.get(owner)!;
    part = part.replace(/r:(id|embed|link|pict)="([^"]+)"/g, (m, attr: string, id: string) => {
      const fresh = map.get(id);
      return fresh ? `r:${attr}="${fresh}"` : m;
    });
    entries.set(owner, part);
  }
}

/** W3CDTF without fractions of a second, as Word writes it. */
export function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const XML_PART = /\.(xml|rels)$/;
const STORY = /^word\/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$/;
/** Parts that are compressed already: deflating them again costs time and saves nothing. */
const STORED = /\.(png|jpe?g|gif)$/i;

/**
 * The instant whose local date and time (what zip entries store, as fflate reads them) are the UTC ones of `date`,
 * so the entries carry the compendium's date whatever the time zone of the machine; 1980-01-01 at the earliest.
 */
export function zipTime(date: Date): Date {
  const valid = Number.isFinite(date.getTime()) && date.getUTCFullYear() >= 1980 && date.getUTCFullYear() <= 2099;
  const d = valid ? date : new Date(Date.UTC(1980, 0, 1));
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

export interface PackageOptions {
  profile: LayoutProfile;
  created: Date;
  /** The real bytes of the pictures docx wrote stand-ins for. */
  media?: MediaStore;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const textOf = (data: PartData | undefined): string => (data === undefined ? '' : typeof data === 'string' ? data : decoder.decode(data));
const bytesOf = (data: PartData): Uint8Array => (typeof data === 'string' ? encoder.encode(data) : data);

/**
 * UTF-8 text appended a piece at a time into one buffer that grows in place (a resizable ArrayBuffer: the memory it
 * reserves is only used as it is written), so the whole document is never held twice, as pieces and joined.
 */
type ResizableBuffer = ArrayBuffer & { resize(byteLength: number): void };
const ResizableBuffer = ArrayBuffer as unknown as new (byteLength: number, options: { maxByteLength: number }) => ResizableBuffer;

class Utf8Builder {
  private buffer: ResizableBuffer;
  private length = 0;

  constructor(private max = 1 << 30) {
    this.buffer = new ResizableBuffer(0, { maxByteLength: max });
  }

  append(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const room = this.length + text.length * 3;
    if (room > this.max) this.grow(room);
    if (room > this.buffer.byteLength) this.buffer.resize(room);
    const { read, written } = encoder.encodeInto(text, new Uint8Array(this.buffer, this.length));
    if (read !== text.length) throw new Error('DOCX: the document could not be written as UTF-8');
    this.length += written;
  }

  /** A buffer with more room reserved, the text so far copied in. */
  private grow(needed: number): void {
    while (this.max < needed) this.max *= 2;
    const bigger = new ResizableBuffer(this.length, { maxByteLength: this.max });
    new Uint8Array(bigger).set(new Uint8Array(this.buffer, 0, this.length));
    this.buffer = bigger;
  }

  /** Lets the text go (nothing may be appended or read after). */
  release(): void {
    this.buffer = new ResizableBuffer(0, { maxByteLength: 0 });
    this.length = 0;
    this.max = 0;
  }

  /** The text so far (a view of the buffer: nothing more may be appended while it is used). */
  bytes(): Uint8Array {
    return new Uint8Array(this.buffer, 0, this.length);
  }

  get byteLength(): number {
    return this.length;
  }

  /** Replaces the first `end` bytes (whole characters) with `replace` of their text; false when it gives undefined. */
  replaceStart(end: number, replace: (text: string) => string | undefined): boolean {
    const text = replace(decoder.decode(new Uint8Array(this.buffer, 0, end)));
    if (text === undefined) return false;
    const start = encoder.encode(text);
    const rest = this.length - end;
    const length = start.length + rest;
    if (length > this.max) this.grow(length);
    if (length > this.buffer.byteLength) this.buffer.resize(length);
    const bytes = new Uint8Array(this.buffer, 0, Math.max(length, this.length));
    bytes.copyWithin(start.length, end, this.length);
    bytes.set(start, 0);
    this.length = length;
    return true;
  }
}

const attributesOf = (tag: string): Record<string, string> => Object.fromEntries([...tag.matchAll(/ ([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
const relType = (type: string): string => type.slice(type.lastIndexOf('/') + 1);
const numericRid = /^rId(\d+)$/;

/**
 * Joins the packages docx wrote for consecutive batches of the document (index.ts) into one, and finishes it (see
 * the top of this file). Each batch is a docx package of whole DOCX sections and parts of sections; its body goes on
 * where the previous one's ended. The body's final section properties of every batch but the last are dropped: they
 * are those of a section the next batch goes on with, or of an empty section added after the batch's last one, so
 * that docx closes that one as it closes a section another follows. The first batch gives every part but the body
 * (styles, settings, footnotes, properties); the others give their footers, pictures and hyperlinks, renamed.
 *
 * The body is finished a batch at a time and kept as UTF-8, so no more than a batch of it is ever held as text.
 */
export class PackageAssembler {
  private readonly opts: PackageOptions;
  /** The first batch's parts, and their order. */
  private readonly order: string[] = [];
  private readonly files = new Map<string, PartData>();
  private readonly document = new Utf8Builder();
  private readonly rels: string[] = [];
  private relsOpen = '';
  private contentTypes = '';
  private readonly overrides: string[] = [];
  private readonly extra: Array<[string, PartData]> = [];
  private nextRid = 1;
  private hyperlinks = 0;
  private footers = 0;
  private readonly mediaNames = new Map<string, string>();
  private readonly mediaCounts = new Map<string, number>();
  private readonly bookmarkIds = new Map<string, number>();
  private readonly nextBookmark = { n: 1 };
  private readonly drawingIds = new Map<string, number>();
  private readonly nextDrawing = { n: 1 };
  private batches = 0;
  private done = false;
  /** Where the body's text is compressed as it is added (`compressWith`), and the parts of it compressed so far. */
  private deflater: Deflater | undefined;
  private segments: Array<{ start: number; end: number; bytes: Promise<Uint8Array> }> = [];

  constructor(opts: PackageOptions) {
    this.opts = opts;
  }

  /**
   * The package docx wrote for the next batch (its parts, `compilePackage`); `last` for the batch whose final section
   * properties are the body's; `runFontsAdded` when its document.xml went through `addRunFonts` already (on the thread
   * that wrote it).
   */
  add(files: PackageParts, last: boolean, runFontsAdded = false): void {
    if (this.done) throw new Error('PackageAssembler: the last batch was added already');
    const first = this.batches++ === 0;
    const from = this.document.byteLength;
    this.addBatch(files, first, last, runFontsAdded);
    const to = this.document.byteLength;
    if (this.deflater && to > from) this.segments.push({ start: from, end: to, bytes: this.deflater.segment(this.document.bytes().slice(from, to), 6) });
  }

  /**
   * Compresses word/document.xml a batch at a time as batches are added, on the deflater's thread (zip.ts
   * `deflatedSegment`: one DEFLATE stream of segments), instead of all of it at the end on this one. A part of the text
   * later replaced (`replaceDocumentStart`) is compressed again at the end.
   */
  compressWith(deflater: Deflater): void {
    this.deflater = deflater;
  }

  private addBatch(files: PackageParts, first: boolean, last: boolean, runFontsAdded: boolean): void {
    const xml = textOf(files.get('word/document.xml'));
    const open = xml.indexOf('<w:body>');
    const close = xml.lastIndexOf('</w:body>');
    if (open < 0 || close < 0) throw new Error('DOCX: word/document.xml has no body');
    let body = xml.slice(open + '<w:body>'.length, close);
    const sectAt = body.lastIndexOf('<w:sectPr');
    let sectPr = '';
    if (sectAt >= 0 && (body.endsWith('</w:sectPr>') || body.endsWith('<w:sectPr/>'))) {
      sectPr = body.slice(sectAt);
      body = body.slice(0, sectAt);
    }
    // The first batch's numbering.xml is the package's: a later batch can't bring lists of its own (the DOCX backend
    // writes list labels as text).
    if (!first && body.includes('<w:numPr>')) throw new Error('DOCX: a batch after the first has numbered paragraphs, which joining batches does not carry over');
    const relsXml = textOf(files.get('word/_rels/document.xml.rels'));
    const ids = new Map<string, string>();
    if (first) {
      this.document.append(xml.slice(0, open + '<w:body>'.length));
      const root = /<Relationships\b[^>]*?(\/?)>/.exec(relsXml);
      if (!root) throw new Error('DOCX: word/_rels/document.xml.rels has no Relationships');
      this.relsOpen = relsXml.slice(0, root.index) + (root[1] ? root[0].replace(/\s*\/>$/, '>') : root[0]);
      this.contentTypes = textOf(files.get('[Content_Types].xml'));
    }
    const types = first ? '' : textOf(files.get('[Content_Types].xml'));
    for (const m of relsXml.matchAll(/<Relationship\s[^>]*\/>/g)) {
      const tag = m[0];
      const a = attributesOf(tag);
      const id = a.Id!;
      const type = relType(a.Type ?? '');
      if (type === 'hyperlink') {
        // docx names hyperlinks randomly: rIdL1, rIdL2 … in order.
        const fresh = `rIdL${++this.hyperlinks}`;
        ids.set(id, fresh);
        this.rels.push(tag.replace(` Id="${id}"`, ` Id="${fresh}"`));
        continue;
      }
      if (first) {
        const n = numericRid.exec(id);
        if (n) this.nextRid = Math.max(this.nextRid, Number(n[1]) + 1);
        if (type === 'image') this.mediaNames.set(mediaKey(files.get(`word/${a.Target}`)), a.Target!);
        this.rels.push(tag);
        continue;
      }
      if (type !== 'image' && type !== 'footer' && type !== 'header') continue; // the first batch's
      let target = a.Target!;
      if (type === 'image') {
        const data = files.get(`word/${target}`)!;
        const key = mediaKey(data);
        const known = this.mediaNames.get(key);
        if (known) target = known;
        else {
          target = this.mediaName(target);
          this.mediaNames.set(key, target);
          this.extra.push([`word/${target}`, data]);
        }
      } else {
        const name = `${type}${++this.footers}.xml`;
        this.extra.push([`word/${name}`, files.get(`word/${target}`)!]);
        const ownRels = files.get(`word/_rels/${target}.rels`);
        if (ownRels) this.extra.push([`word/_rels/${name}.rels`, ownRels]);
        const override = new RegExp(`<Override\\b[^>]*PartName="/word/${target.replace(/\./g, '\\.')}"[^>]*/>`).exec(types);
        if (override) this.overrides.push(override[0].replace(`/word/${target}`, `/word/${name}`));
        target = name;
      }
      const fresh = `rId${this.nextRid++}`;
      ids.set(id, fresh);
      this.rels.push(tag.replace(` Id="${id}"`, ` Id="${fresh}"`).replace(` Target="${a.Target}"`, ` Target="${target}"`));
    }
    if (first) {
      for (const name of files.keys()) {
        const footer = /^word\/(?:footer|header)(\d+)\.xml$/.exec(name);
        if (footer) this.footers = Math.max(this.footers, Number(footer[1]));
        const media = /^word\/media\/image(\d+)\.(\w+)$/.exec(name);
        if (media) this.mediaCounts.set(media[2]!, Math.max(this.mediaCounts.get(media[2]!) ?? 0, Number(media[1])));
        this.order.push(name);
        if (name !== 'word/document.xml' && name !== 'word/_rels/document.xml.rels' && name !== '[Content_Types].xml') this.files.set(name, files.get(name)!);
      }
    }
    const rename = (part: string): string => part.replace(/\br:(id|embed|link|pict)="([^"]+)"/g, (m, attr: string, id: string) => {
      const fresh = ids.get(id);
      return fresh ? `r:${attr}="${fresh}"` : m;
    });
    // docx numbers bookmarks and drawings from counters of the thread that wrote the batch (batches written on other
    // threads start again from 1): a batch's ids are its own, numbered on from those before it.
    this.bookmarkIds.clear();
    this.drawingIds.clear();
    this.document.append(this.finishStory(rename(body), false, runFontsAdded));
    if (last) {
      this.document.append(`${this.finishStory(rename(sectPr), false, runFontsAdded)}</w:body></w:document>`);
      this.done = true;
    }
  }

  private mediaName(target: string): string {
    const ext = target.slice(target.lastIndexOf('.') + 1);
    const n = (this.mediaCounts.get(ext) ?? 0) + 1;
    this.mediaCounts.set(ext, n);
    return `media/image${n}.${ext}`;
  }

  /** Bookmark and drawing ids in document order over the stories, and every run's fonts. */
  private finishStory(xml: string, newStory: boolean, runFontsAdded = false): string {
    if (newStory) this.drawingIds.clear(); // each drawing's id is its own
    xml = renumber(xml, /(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, this.bookmarkIds, this.nextBookmark);
    xml = renumber(xml, /(<wp:docPr\b[^>]*?\bid=")(\d+)"/g, this.drawingIds, this.nextDrawing);
    return runFontsAdded ? xml : addRunFonts(xml, this.opts.profile);
  }

  /** How long the document is so far (UTF-8 bytes, from the start of word/document.xml). */
  get documentLength(): number {
    return this.document.byteLength;
  }

  /**
   * Replaces the document's text up to `end` (a `documentLength`) with `replace` of it (numbers.ts: the page numbers
   * in place of their stand-ins); false, and the text left as it was, when `replace` gives undefined.
   */
  replaceDocumentStart(end: number, replace: (text: string) => string | undefined): boolean {
    const before = this.document.byteLength;
    if (!this.document.replaceStart(end, replace)) return false;
    const moved = this.document.byteLength - before;
    // The segments of the text replaced are compressed again at the end; those after it moved with it.
    this.segments = this.segments.filter((s) => s.start >= end).map((s) => ({ ...s, start: s.start + moved, end: s.end + moved }));
    return true;
  }

  /** word/document.xml compressed: its segments compressed as batches were added, the rest here (`compressWith`). */
  private async compressedDocument(): Promise<{ data: Uint8Array; size: number; crc: number; method: 8 }> {
    const text = this.document.bytes();
    const pieces: Uint8Array[] = [];
    let at = 0;
    for (const s of this.segments) {
      if (s.start > at) pieces.push(deflatedSegment(text.subarray(at, s.start), 6));
      pieces.push(await s.bytes);
      at = s.end;
    }
    if (at < text.length) pieces.push(deflatedSegment(text.subarray(at), 6));
    pieces.push(FINAL_BLOCK);
    return { data: Buffer.concat(pieces), size: text.length, crc: crc32(text), method: 8 };
  }

  /** The finished package. */
  async finish(): Promise<Buffer> {
    return joinPieces(await this.finishPieces());
  }

  /** The finished package as pieces of the zip to write one after the other (zip.ts `finishPieces`). */
  async finishPieces(): Promise<Array<Uint8Array | FileBytes>> {
    if (!this.done) throw new Error('PackageAssembler: no last batch');
    const { created, media } = this.opts;
    const texts = new Map<string, string>();
    for (const [name, data] of [...this.files, ...this.extra]) if (XML_PART.test(name)) texts.set(name, textOf(data));

    const core = texts.get('docProps/core.xml');
    if (core) {
      const stamp = w3cdtf(created);
      texts.set(
        'docProps/core.xml',
        core.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, (_m, open: string, _k, close: string) => `${open}${stamp}${close}`),
      );
    }
    // The fonts the document uses (docx lists none).
    const fontTable = texts.get('word/fontTable.xml');
    const fontRoot = fontTable === undefined ? undefined : /<w:fonts\b[^>]*>/.exec(fontTable);
    if (fontTable !== undefined && fontRoot) texts.set('word/fontTable.xml', `${fontTable.slice(0, fontRoot.index)}${fontTableXml(this.opts.profile, fontRoot[0])}`);
    stableRelationshipIds(texts);
    // The other stories after the body, in the order of their names.
    this.drawingIds.clear();
    for (const name of [...texts.keys()].filter((n) => STORY.test(n)).sort()) texts.set(name, this.finishStory(texts.get(name)!, true));

    const rels = `${this.relsOpen}${this.rels.join('')}</Relationships>`;
    const contentTypes = this.contentTypes.replace('</Types>', `${this.overrides.join('')}</Types>`);
    const replaced = new Map<string, () => PartData>([
      ['[Content_Types].xml', () => encoder.encode(contentTypes)],
      ['word/document.xml', () => this.document.bytes()],
      ['word/_rels/document.xml.rels', () => encoder.encode(rels)],
    ]);

    const mtime = zipTime(created);
    const zip = new ZipWriter();
    // In the order docx wrote the first batch's parts, then the other batches' footers and pictures; each part is
    // made into bytes (a picture's real ones, media.ts) only as it goes into the zip.
    const parts: Array<[string, () => PartData]> = [
      ...this.order.map((n): [string, () => PartData] => [n, replaced.get(n) ?? (() => this.files.get(n)!)]),
      ...this.extra.map(([n, data]): [string, () => PartData] => [n, () => data]),
    ];
    for (const [name, data] of parts) {
      const level = STORED.test(name) ? 0 : 6;
      const text = texts.get(name);
      if (text !== undefined) {
        zip.add(name, encoder.encode(text), level, mtime);
        continue;
      }
      const written = bytesOf(data());
      if (name === 'word/document.xml') {
        if (this.deflater) zip.addPart(name, await this.compressedDocument(), mtime);
        else zip.add(name, written, level, mtime);
        this.document.release(); // compressed: its text is no longer needed
        continue;
      }
      const compressed = name.startsWith('word/media/') && level === 6 ? media?.compressedPart(written) : undefined;
      // A PNG still in the flowchart cache's file goes into the zip from there as the zip is written out.
      const file = name.startsWith('word/media/') && level === 0 ? media?.resolveFile(written) : undefined;
      if (compressed) zip.addPart(name, await compressed, mtime);
      else if (file) zip.addFile(name, file, mtime);
      else zip.add(name, (name.startsWith('word/media/') && media?.resolve(written)) || written, level, mtime);
    }
    return zip.finishPieces();
  }
}

/** The identity of a picture part's bytes (docx's are stand-ins, media.ts: small). */
function mediaKey(part: PartData | undefined): string {
  if (!part) return '';
  const data = bytesOf(part);
  return data.length <= 256 ? `b:${Buffer.from(data).toString('latin1')}` : `h:${createHash('sha256').update(data).digest('hex')}`;
}

/** Finishes one package docx wrote (a document written in one batch). */
export function finishPackage(docx: Uint8Array, opts: PackageOptions): Promise<Buffer> {
  const assembler = new PackageAssembler(opts);
  assembler.add(partsOfZip(docx), true);
  return assembler.finish();
}
