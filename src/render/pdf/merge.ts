/**
 * The printed chunks merged into one PDF, sheet by sheet as planned (pages.ts): each chunk's pages, with blank pages
 * between sections where the plan puts them; one structure tree (tags) made of the chunks' trees; the named
 * destinations of all chunks; every link to another chunk (printed as a URI to LINK_FILE, html.ts) turned into an
 * explicit destination; the bookmarks, written from the model's headings; the document information and a
 * content-derived /ID (metadata.ts). Objects are copied as written, renumbered by pdfraw.ts's scanner.
 */
import { LINK_FILE } from './html.js';
import { fileId, infoDict, type InfoFields } from './metadata.js';
import { outlineObjects, type Bookmark } from './outline.js';
import type { ChunkPages, Sheet } from './pages.js';
import { Atom, copyObject, literal, Name, nameText, PdfFile, Ref, serialize, Str, strBytes, streamOf, strText, type Dict, type Value } from './pdfraw.js';
import { fixToUnicode } from './tounicode.js';

/** A chunk's print, read: its pages in order and where its named destinations point. */
export interface ChunkPdf extends ChunkPages {
  file: PdfFile;
  /** Page objects in order. */
  pages: number[];
  /** Objects the merged file does not keep (catalogue, page tree, structure tree root, …), and what stands for the
   * ones other objects refer to. */
  omit: Set<number>;
  pageTree: number[];
  catalog: Dict;
  /** Destination arrays by name (as written). */
  destValues: Map<string, Value>;
}

const num = (v: Value | undefined): number | undefined => (v instanceof Atom && /^-?\d+(\.\d+)?$/.test(v.raw) ? Number(v.raw) : undefined);

export function readChunk(bytes: Uint8Array): ChunkPdf {
  const file = new PdfFile(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const omit = new Set<number>();
  const rootRef = file.trailer.get('Root');
  const info = file.trailer.get('Info');
  if (!(rootRef instanceof Ref)) throw new Error('PDF: no catalogue');
  omit.add(rootRef.num);
  if (info instanceof Ref) omit.add(info.num);
  const catalog = file.dict(rootRef)!;
  // The page tree, depth first: its nodes are dropped (the merged file has one), its leaves are the pages.
  const pages: number[] = [];
  const pageTree: number[] = [];
  const walk = (v: Value | undefined, depth: number) => {
    if (!(v instanceof Ref) || depth > 64) return;
    const d = file.dict(v);
    if (!d) return;
    const type = d.get('Type');
    if (type instanceof Name && type.raw === 'Pages') {
      pageTree.push(v.num);
      omit.add(v.num);
      const kids = file.resolve(d.get('Kids'));
      if (Array.isArray(kids)) for (const k of kids) walk(k, depth + 1);
    } else pages.push(v.num);
  };
  walk(catalog.get('Pages'), 0);
  const index = new Map(pages.map((p, i) => [p, i]));
  const dests = new Map<string, number>();
  const destValues = new Map<string, Value>();
  const destsRef = catalog.get('Dests');
  if (destsRef instanceof Ref) omit.add(destsRef.num);
  for (const [key, v] of file.dict(destsRef) ?? []) {
    let d = file.resolve(v);
    if (d instanceof Map) d = file.resolve(d.get('D'));
    if (!Array.isArray(d) || !(d[0] instanceof Ref)) continue;
    const page = index.get(d[0].num);
    if (page === undefined) continue;
    const name = nameText(key);
    dests.set(name, page);
    destValues.set(name, d);
  }
  const struct = catalog.get('StructTreeRoot');
  if (struct instanceof Ref) {
    omit.add(struct.num);
    const root = file.dict(struct)!;
    const k = root.get('K');
    if (k instanceof Ref && isDocument(file, k)) omit.add(k.num);
    for (const key of ['ParentTree', 'IDTree']) treeNodes(file, root.get(key), omit);
    const rm = root.get('RoleMap');
    if (rm instanceof Ref) omit.add(rm.num);
  }
  const outlines = catalog.get('Outlines');
  if (outlines instanceof Ref) throw new Error('PDF: a chunk printed with bookmarks (they are written after the merge)');
  return { file, pageCount: pages.length, pages, dests, destValues, omit, pageTree, catalog };
}

function isDocument(file: PdfFile, ref: Ref): boolean {
  const d = file.dict(ref);
  const s = d?.get('S');
  return s instanceof Name && s.raw === 'Document';
}

/** The indirect nodes of a number or name tree. */
function treeNodes(file: PdfFile, node: Value | undefined, into: Set<number>, depth = 0): void {
  if (!(node instanceof Ref) || depth > 32) return;
  into.add(node.num);
  const kids = file.resolve(file.dict(node)?.get('Kids'));
  if (Array.isArray(kids)) for (const k of kids) treeNodes(file, k, into, depth + 1);
}

/** Key/value pairs of a number or name tree, in order. */
function treeEntries(file: PdfFile, node: Value | undefined, kind: 'Nums' | 'Names', depth = 0): [Value, Value][] {
  const d = file.dict(node);
  if (!d || depth > 32) return [];
  const out: [Value, Value][] = [];
  const pairs = file.resolve(d.get(kind));
  if (Array.isArray(pairs)) for (let i = 0; i + 1 < pairs.length; i += 2) out.push([pairs[i]!, pairs[i + 1]!]);
  const kids = file.resolve(d.get('Kids'));
  if (Array.isArray(kids)) for (const k of kids) out.push(...treeEntries(file, k, kind, depth + 1));
  return out;
}

/** The id a link to another chunk points at (file:///…/LINK_FILE#id), else undefined. */
function chunkLink(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'file:' && url.pathname.endsWith(`/${LINK_FILE}`) && url.hash ? decodeURIComponent(url.hash.slice(1)) : undefined;
  } catch {
    return undefined;
  }
}

/** The merged file's bytes, collected as latin1 strings and buffers, with each object's offset. */
class Output {
  private readonly parts: Buffer[] = [];
  private strings: string[] = [];
  private stringBytes = 0;
  pos = 0;
  readonly offsets: number[] = [0];
  push(...xs: (string | Buffer)[]): void {
    for (const x of xs) this.push1(x);
  }
  private push1(x: string | Buffer): void {
    if (typeof x === 'string') {
      this.strings.push(x);
      this.stringBytes += x.length;
      this.pos += x.length;
      if (this.stringBytes > 1 << 20) this.flush();
    } else {
      this.flush();
      this.parts.push(x);
      this.pos += x.length;
    }
  }
  object(n: number, body: string): void {
    this.offsets[n] = this.pos;
    this.push(`${n} 0 obj\n${body}\nendobj\n`);
  }
  private flush(): void {
    if (!this.strings.length) return;
    this.parts.push(Buffer.from(this.strings.join(''), 'latin1'));
    this.strings = [];
    this.stringBytes = 0;
  }
  bytes(): Buffer {
    this.flush();
    return Buffer.concat(this.parts);
  }
}

export interface MergeResult { pdf: Buffer; bookmarks: number }

/** `chunks`: the real print of each chunk; `sheets`: the merged document's sheets in order. */
export function mergeChunks(chunks: readonly ChunkPdf[], sheets: readonly Sheet[], bookmarks: readonly Bookmark[], info: InfoFields): MergeResult {
  const out = new Output();
  out.push('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n');
  let next = 1;
  const CATALOG = next++, PAGES = next++, INFO = next++;
  const tagged = chunks.some((c) => c.catalog.get('StructTreeRoot') instanceof Ref);
  const ROOT = tagged ? next++ : 0, DOC = tagged ? next++ : 0;

  // New numbers: each chunk's objects in their order, but for the ones dropped; what refers to a dropped page tree
  // node, structure tree root or Document element refers to the merged file's.
  const maps = chunks.map((c) => {
    const map = new Int32Array(c.file.size);
    for (let n = 1; n < c.file.size; n++) if ((c.file.offsets[n] ?? -1) >= 0 && !c.omit.has(n)) map[n] = next++;
    for (const n of c.pageTree) map[n] = PAGES;
    const struct = c.catalog.get('StructTreeRoot');
    if (struct instanceof Ref) {
      map[struct.num] = ROOT;
      const k = c.file.dict(struct)?.get('K');
      if (k instanceof Ref && isDocument(c.file, k)) map[k.num] = DOC;
    }
    return (n: number) => {
      const m = map[n];
      if (!m) throw new Error(`PDF merge: a reference to object ${n}, which is not copied`);
      return m;
    };
  });
  // Named destinations of all chunks (the first of a name wins), with the chunk they are in.
  const dests = new Map<string, { chunk: number; value: Value }>();
  chunks.forEach((c, i) => { for (const [name, value] of c.destValues) if (!dests.has(name)) dests.set(name, { chunk: i, value }); });
  const destText = (name: string): string | undefined => {
    const d = dests.get(name);
    return d ? serialize(d.value, maps[d.chunk]!) : undefined;
  };

  // The chunks' objects; the structure tree's parts collected on the way.
  const nums: string[] = [];
  const ids: [string, string][] = [];
  const docKids: string[] = [];
  const roleMap = new Map<string, string>();
  let lang: string | undefined;
  let nextKey = 0;
  let nextId = 1;
  chunks.forEach((c, i) => {
    const { file } = c;
    const ref = maps[i]!;
    // Tag ids renumbered in order of Chromium's numbers (which follow the document), from where the last chunk stopped.
    const found = [...new Set([...file.text.matchAll(/\(node(\d+)\)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    const idOf = new Map(found.map((n, k) => [n, `(node${String(nextId + k).padStart(8, '0')})`]));
    nextId += found.length;
    const keyOffset = nextKey;
    const rw = { ref, keyOffset, nodeId: (n: number) => idOf.get(n) ?? `(node${n})` };
    // The fonts' ToUnicode CMaps: Kangxi radicals in the flowcharts' text layer become the ideographs (tounicode.ts).
    const toUnicode = new Set([...file.text.matchAll(/\/ToUnicode\s+(\d+)\s+0\s+R/g)].map((m) => Number(m[1])));
    for (let n = 1; n < file.size; n++) {
      if ((file.offsets[n] ?? -1) < 0 || c.omit.has(n)) continue;
      const start = file.start(n);
      out.offsets[ref(n)] = out.pos;
      const fixed = toUnicode.has(n) ? fixedToUnicode(file, n) : undefined;
      if (fixed) out.push(`${ref(n)} 0 obj\n<</Filter /FlateDecode\n/Length ${fixed.length}>> stream\n`, fixed, '\nendstream\nendobj\n');
      else if (ANNOT.test(file.text.slice(start, start + 48))) out.push(`${ref(n)} 0 obj\n${annotation(file, n, rw, destText)}\nendobj\n`);
      else copyObject(file, n, ref(n), rw, out);
    }
    const structRef = c.catalog.get('StructTreeRoot');
    if (!(structRef instanceof Ref)) return;
    const root = file.dict(structRef)!;
    const k = root.get('K');
    const tops = Array.isArray(k) ? k : k ? [k] : [];
    for (const top of tops) {
      const el = top instanceof Ref ? file.dict(top) : undefined;
      if (top instanceof Ref && el && isDocument(file, top)) {
        const l = el.get('Lang');
        if (l instanceof Str) lang ??= l.raw;
        const kids = file.resolve(el.get('K'));
        for (const kid of Array.isArray(kids) ? kids : kids ? [kids] : []) docKids.push(serialize(kid, ref));
      } else docKids.push(serialize(top, ref));
    }
    let keys = num(root.get('ParentTreeNextKey')) ?? 0;
    for (const [key, value] of treeEntries(file, root.get('ParentTree'), 'Nums')) {
      const n = num(key) ?? 0;
      nums.push(`${n + keyOffset} ${serialize(value, ref)}`);
      keys = Math.max(keys, n + 1);
    }
    nextKey = keyOffset + keys;
    for (const [key, value] of treeEntries(file, root.get('IDTree'), 'Names')) {
      const m = key instanceof Str ? /^node(\d+)$/.exec(strBytes(key)) : null;
      ids.push([m ? idOf.get(Number(m[1]))! : serialize(key, ref), serialize(value, ref)]);
    }
    for (const [name, v] of file.dict(root.get('RoleMap')) ?? []) roleMap.set(name, serialize(v, ref));
  });

  // The sheets: the chunks' pages, and blank pages the size of the sheet before.
  const kids: number[] = [];
  sheets.forEach((s, i) => {
    if (s) { kids.push(maps[s.chunk]!(chunks[s.chunk]!.pages[s.page]!)); return; }
    let box = '[0 0 594.96 841.92]';
    const before = sheets.slice(0, i).reverse().find((x) => x !== null);
    if (before) {
      const mb = chunks[before.chunk]!.file.dict(new Ref(chunks[before.chunk]!.pages[before.page]!))?.get('MediaBox');
      if (Array.isArray(mb)) box = serialize(mb, (x) => x);
    }
    const n = next++;
    out.object(n, `<</Type /Page\n/Parent ${PAGES} 0 R\n/MediaBox ${box}\n/Resources <<>>>>`);
    kids.push(n);
  });
  out.object(PAGES, `<</Type /Pages\n/Kids [${kids.map((n) => `${n} 0 R`).join(' ')}]\n/Count ${kids.length}>>`);

  let destsNum = 0;
  if (dests.size) {
    destsNum = next++;
    const names = [...dests.keys()];
    out.object(destsNum, `<<${names.map((n) => `/${encodeName(n)} ${destText(n)}`).join('\n')}>>`);
  }
  if (tagged) {
    const parentTree = next++;
    out.object(parentTree, `<</Nums [${nums.join(' ')}]>>`);
    let idTree = 0;
    if (ids.length) {
      ids.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const leaf = next++;
      idTree = next++;
      out.object(leaf, `<</Names [${ids.map(([k, v]) => `${k} ${v}`).join(' ')}]\n/Limits [${ids[0]![0]} ${ids.at(-1)![0]}]>>`);
      out.object(idTree, `<</Kids [${leaf} 0 R]>>`);
    }
    const roles = roleMap.size ? `\n/RoleMap <<${[...roleMap].map(([k, v]) => `/${k} ${v}`).join(' ')}>>` : '';
    out.object(ROOT, `<</Type /StructTreeRoot\n/K ${DOC} 0 R\n/ParentTreeNextKey ${nextKey}\n/ParentTree ${parentTree} 0 R${idTree ? `\n/IDTree ${idTree} 0 R` : ''}${roles}>>`);
    out.object(DOC, `<</Type /StructElem\n/S /Document${lang ? `\n/Lang ${lang}` : ''}\n/P ${ROOT} 0 R\n/K [${docKids.join(' ')}]>>`);
  }
  const outline = outlineObjects(bookmarks, destText, () => next++);
  for (const [n, body] of outline.objects) out.object(n, body);

  out.object(CATALOG, [
    '<</Type /Catalog', `/Pages ${PAGES} 0 R`, destsNum ? `/Dests ${destsNum} 0 R` : '',
    tagged ? `/MarkInfo <</Type /MarkInfo\n/Marked true>>\n/StructTreeRoot ${ROOT} 0 R` : '',
    outline.root ? `/Outlines ${outline.root} 0 R` : '',
    '/ViewerPreferences <</DisplayDocTitle true>>', `/Lang ${literal(info.lang)}>>`,
  ].filter(Boolean).join('\n'));
  out.object(INFO, infoDict(info));

  const xref = out.pos;
  const size = next;
  const rows = ['xref', `0 ${size}`, '0000000000 65535 f '];
  for (let n = 1; n < size; n++) {
    const off = out.offsets[n];
    if (off === undefined) throw new Error(`PDF merge: object ${n} not written`);
    rows.push(`${String(off).padStart(10, '0')} 00000 n `);
  }
  out.push(`${rows.join('\n')}\ntrailer\n<</Size ${size}\n/Root ${CATALOG} 0 R\n/Info ${INFO} 0 R\n/ID ${fileId.placeholder}>>\nstartxref\n${xref}\n%%EOF\n`);
  return { pdf: fileId.stamp(out.bytes()), bookmarks: outline.count };
}

const ANNOT = /\/Type\s*\/Annot[\s/>]/;

function fixedToUnicode(file: PdfFile, n: number): Buffer | undefined {
  const st = streamOf(file, n);
  if (!st) return undefined;
  const f = st.dict.get('Filter');
  if (f !== undefined && !(f instanceof Name)) return undefined;
  return fixToUnicode(st.data, f instanceof Name ? f.raw : undefined);
}

/** A link annotation: a link to another chunk becomes an explicit destination; /StructParent shifted. */
function annotation(file: PdfFile, n: number, rw: { ref(n: number): number; keyOffset: number }, dest: (name: string) => string | undefined): string {
  const d = file.object(n);
  if (!(d instanceof Map)) return serialize(d, rw.ref);
  const sp = num(d.get('StructParent'));
  if (sp !== undefined) d.set('StructParent', new Atom(String(sp + rw.keyOffset)));
  const action = file.resolve(d.get('A'));
  if (action instanceof Map) {
    const kind = action.get('S');
    const uri = action.get('URI');
    let name: string | undefined;
    if (kind instanceof Name && kind.raw === 'URI' && uri instanceof Str) name = chunkLink(strText(uri));
    else if (kind instanceof Name && kind.raw === 'GoTo') {
      const target = action.get('D');
      if (target instanceof Name) name = nameText(target.raw);
      else if (target instanceof Str) name = strText(target);
    }
    const explicit = name !== undefined ? dest(name) : undefined;
    if (explicit) {
      d.delete('A');
      d.delete('Dest');
      return `<<${[...d].map(([k, v]) => `/${k} ${serialize(v, rw.ref)}`).join('\n')}\n/Dest ${explicit}>>`;
    }
  }
  return serialize(d, rw.ref);
}

/** A name for any text: characters outside ! … ~ and the delimiters as #xx (UTF-8). */
function encodeName(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (b > 0x20 && b < 0x7f && !'#()<>[]{}/%'.includes(String.fromCharCode(b)) ? String.fromCharCode(b) : `#${b.toString(16).padStart(2, '0')}`)).join('');
}
