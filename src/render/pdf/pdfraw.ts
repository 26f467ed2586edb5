/**
 * Just enough of PDF to merge Chromium's prints quickly: reading a file through its cross-reference table, parsing
 * single objects (the catalogue, page tree, structure tree, destinations, annotations), and copying all other objects
 * through a scanner that renumbers their references (and a few values) without building them. On the 4,188 pages of
 * the 1,000-power document (250,000 objects, 80 MB) this merges in about a second where reading, copying and saving with
 * pdf-lib took 7 s (docs/architecture.md).
 *
 * Chromium (Skia) writes a classic cross-reference table, no object streams and direct stream lengths; anything else
 * is refused with an error rather than misread.
 */

export class Ref { constructor(readonly num: number) {} }
export class Name { constructor(readonly raw: string) {} }
/** A string as written: `(…)` or `<…>`, delimiters included. */
export class Str { constructor(readonly raw: string) {} }
/** A number, true, false or null, as written. */
export class Atom { constructor(readonly raw: string) {} }
export type Value = Ref | Name | Str | Atom | Value[] | Dict;
export type Dict = Map<string, Value>;

const isWhite = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0;
const isDelim = (c: number) => c === 40 || c === 41 || c === 60 || c === 62 || c === 91 || c === 93 || c === 123 || c === 125 || c === 47 || c === 37;
const isDigit = (c: number) => c >= 48 && c <= 57;

export class PdfFile {
  /** The file as a latin1 string (one character per byte). */
  readonly text: string;
  /** Byte offset of each object, by number (-1: none). */
  readonly offsets: number[];
  readonly trailer: Dict;

  constructor(readonly bytes: Buffer) {
    this.text = bytes.toString('latin1');
    const s = this.text;
    const at = s.lastIndexOf('startxref');
    if (at < 0) throw new Error('PDF: no startxref');
    const xref = Number(/\d+/.exec(s.slice(at + 9, at + 40))?.[0]);
    if (!s.startsWith('xref', xref)) throw new Error('PDF: not a classic cross-reference table');
    this.offsets = [];
    let p = xref + 4;
    for (;;) {
      const head = /^\s*(\d+)\s+(\d+)\s*?[\r\n]+/.exec(s.slice(p, p + 40));
      if (!head) break;
      const first = Number(head[1]);
      const count = Number(head[2]);
      p += head[0].length;
      for (let i = 0; i < count; i++, p += 20) {
        const entry = s.slice(p, p + 18);
        this.offsets[first + i] = entry[17] === 'n' ? Number(entry.slice(0, 10)) : -1;
      }
    }
    const t = s.indexOf('trailer', p);
    if (t < 0) throw new Error('PDF: no trailer');
    this.trailer = parseValue(s, s.indexOf('<<', t)).value as Dict;
  }

  get size(): number { return this.offsets.length; }

  /** Where object `num`'s value starts (after `num 0 obj`). */
  start(num: number): number {
    const off = this.offsets[num];
    if (off === undefined || off < 0) throw new Error(`PDF: no object ${num}`);
    const at = this.text.indexOf('obj', off);
    if (at < 0 || at > off + 24) throw new Error(`PDF: object ${num} not at its offset`);
    return at + 3;
  }

  /** The value of object `num` (for a stream, its dictionary). */
  object(num: number): Value {
    return parseValue(this.text, this.start(num)).value;
  }

  /** Follows a reference (once). */
  resolve(v: Value | undefined): Value | undefined {
    return v instanceof Ref ? this.object(v.num) : v;
  }

  dict(v: Value | undefined): Dict | undefined {
    const d = this.resolve(v);
    return d instanceof Map ? d : undefined;
  }
}

function skipWhite(s: string, p: number): number {
  for (;;) {
    const c = s.charCodeAt(p);
    if (isWhite(c)) p++;
    else if (c === 37) { while (p < s.length && s.charCodeAt(p) !== 10 && s.charCodeAt(p) !== 13) p++; }
    else return p;
  }
}

/** End of a literal string starting at p (at its `(`): the index after its `)`. */
function stringEnd(s: string, p: number): number {
  let depth = 0;
  for (;;) {
    const c = s.charCodeAt(p);
    if (Number.isNaN(c)) throw new Error('PDF: unterminated string');
    if (c === 92) { p += 2; continue; }
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return p + 1;
    p++;
  }
}

function tokenEnd(s: string, p: number): number {
  while (p < s.length) {
    const c = s.charCodeAt(p);
    if (isWhite(c) || isDelim(c)) break;
    p++;
  }
  return p;
}

/** Parses one value at p; references `n g R` become Ref. */
export function parseValue(s: string, p: number): { value: Value; end: number } {
  p = skipWhite(s, p);
  const c = s.charCodeAt(p);
  if (c === 60 && s.charCodeAt(p + 1) === 60) {
    const dict: Dict = new Map();
    p += 2;
    for (;;) {
      p = skipWhite(s, p);
      if (s.charCodeAt(p) === 62 && s.charCodeAt(p + 1) === 62) return { value: dict, end: p + 2 };
      if (s.charCodeAt(p) !== 47) throw new Error(`PDF: dictionary key expected at ${p}`);
      const keyEnd = tokenEnd(s, p + 1);
      const key = s.slice(p + 1, keyEnd);
      const v = parseValue(s, keyEnd);
      dict.set(key, v.value);
      p = v.end;
    }
  }
  if (c === 91) {
    const arr: Value[] = [];
    p++;
    for (;;) {
      p = skipWhite(s, p);
      if (s.charCodeAt(p) === 93) return { value: arr, end: p + 1 };
      const v = parseValue(s, p);
      arr.push(v.value);
      p = v.end;
    }
  }
  if (c === 40) { const end = stringEnd(s, p); return { value: new Str(s.slice(p, end)), end }; }
  if (c === 60) { const end = s.indexOf('>', p) + 1; return { value: new Str(s.slice(p, end)), end }; }
  if (c === 47) { const end = tokenEnd(s, p + 1); return { value: new Name(s.slice(p + 1, end)), end }; }
  const end = tokenEnd(s, p);
  if (end === p) throw new Error(`PDF: unexpected character at ${p}`);
  const raw = s.slice(p, end);
  // A reference: two integers and R.
  if (/^\d+$/.test(raw)) {
    const m = /^\s+(\d+)\s+R(?=[\s/<>[\]()%]|$)/.exec(s.slice(end, end + 24));
    if (m) return { value: new Ref(Number(raw)), end: end + m[0].length };
  }
  return { value: new Atom(raw), end };
}

/** Writes a value back, references through `ref` (the new object numbers). */
export function serialize(v: Value, ref: (num: number) => number): string {
  if (v instanceof Ref) return `${ref(v.num)} 0 R`;
  if (v instanceof Name) return `/${v.raw}`;
  if (v instanceof Str || v instanceof Atom) return v.raw;
  if (Array.isArray(v)) return `[${v.map((x) => serialize(x, ref)).join(' ')}]`;
  return `<<${[...v].map(([k, x]) => `/${k} ${serialize(x, ref)}`).join('\n')}>>`;
}

/** A name's text (#xx escapes decoded, UTF-8). */
export function nameText(raw: string): string {
  return Buffer.from(raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}

/** A string's bytes (escapes decoded) as latin1 text. */
export function strBytes(s: Str): string {
  const raw = s.raw;
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '');
    return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex').toString('latin1');
  }
  let out = '';
  for (let i = 1; i < raw.length - 1; i++) {
    const c = raw[i]!;
    if (c !== '\\') { out += c; continue; }
    const n = raw[++i]!;
    const esc: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
    if (n in esc) out += esc[n];
    else if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && /[0-7]/.test(raw[i + 1] ?? '')) oct += raw[++i];
      out += String.fromCharCode(parseInt(oct, 8) & 255);
    } else if (n === '\r') { if (raw[i + 1] === '\n') i++; } else if (n !== '\n') out += n;
  }
  return out;
}

/** A text string's text: UTF-16BE with a byte order mark, else PDFDocEncoding (taken as latin1). */
export function strText(s: Str): string {
  const b = strBytes(s);
  if (b.charCodeAt(0) === 0xfe && b.charCodeAt(1) === 0xff) return Buffer.from(b.slice(2), 'latin1').swap16().toString('utf16le');
  return b;
}

/** A text string for any text: `<FEFF…>` (UTF-16BE), as pdf-lib writes them. */
export function textString(text: string): string {
  const le = Buffer.from(text, 'utf16le');
  return `<FEFF${Buffer.from(le).swap16().toString('hex').toUpperCase()}>`;
}

/** An ASCII literal string, escaped. */
export function literal(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** What the scanner does to an object besides renumbering its references. */
export interface Rewrite {
  /** New number of each referenced object. */
  ref(num: number): number;
  /** Added to the integer after /StructParents and /StructParent. */
  keyOffset: number;
  /** Chromium's tag ids: a string `(nodeNNN)` is replaced with what this returns for NNN. */
  nodeId(n: number): string;
}

/**
 * Copies object `num` of `file` as `newNum 0 obj … endobj`, into `out` (pieces of the new file): its references
 * renumbered, /StructParent(s) shifted, tag ids replaced; a stream's data is copied as it is.
 */
export function copyObject(file: PdfFile, num: number, newNum: number, rw: Rewrite, out: { push(...xs: (string | Buffer)[]): unknown }): void {
  const s = file.text;
  let p = skipWhite(s, file.start(num));
  const first = s.charCodeAt(p);
  if (!(first === 60 && s.charCodeAt(p + 1) === 60) && first !== 91) {
    // A bare value (a number, a reference …): parsed and written back.
    const v = parseValue(s, p);
    out.push(`${newNum} 0 obj\n${serialize(v.value, rw.ref)}\nendobj\n`);
    return;
  }
  let last = p;
  out.push(`${newNum} 0 obj\n`);
  // The last two integers seen (start, end), for `n g R`.
  let i1 = -1, i1End = -1, i2 = -1, i2End = -1;
  let shiftNext = false;
  let lengthNext = false;
  let length = -1;
  let depth = 0;
  while (p < s.length) {
    const c = s.charCodeAt(p);
    if (isWhite(c)) { p++; continue; }
    if (c === 40) { // a literal string: Chromium's tag ids are replaced
      const end = stringEnd(s, p);
      if (end - p < 40) {
        const m = /^\(node(\d+)\)$/.exec(s.slice(p, end));
        if (m) { out.push(s.slice(last, p), rw.nodeId(Number(m[1]))); last = end; }
      }
      p = end; i1 = i2 = -1; shiftNext = lengthNext = false;
      continue;
    }
    if (c === 60 && s.charCodeAt(p + 1) !== 60) { p = s.indexOf('>', p) + 1; i1 = i2 = -1; shiftNext = lengthNext = false; continue; }
    if (c === 60 || c === 91) { depth++; p += c === 60 ? 2 : 1; i1 = i2 = -1; continue; }
    if (c === 62 || c === 93) {
      depth--; p += c === 62 ? 2 : 1; i1 = i2 = -1;
      if (depth === 0) break;
      continue;
    }
    if (c === 47) {
      const end = tokenEnd(s, p + 1);
      const name = s.slice(p + 1, end);
      shiftNext = name === 'StructParents' || name === 'StructParent';
      lengthNext = depth === 1 && name === 'Length';
      p = end; i1 = i2 = -1;
      continue;
    }
    const end = tokenEnd(s, p);
    if (end === p) throw new Error(`PDF: object ${num}: unexpected character at ${p}`);
    if (c === 82 && end === p + 1 && i1 >= 0) { // R
      out.push(s.slice(last, i1), String(rw.ref(Number(s.slice(i1, i1End)))));
      last = i1End;
      i1 = i2 = -1;
    } else if (isDigit(c) && /^\d+$/.test(s.slice(p, end))) {
      if (shiftNext) { out.push(s.slice(last, p), String(Number(s.slice(p, end)) + rw.keyOffset)); last = end; }
      else if (lengthNext) length = Number(s.slice(p, end));
      shiftNext = lengthNext = false;
      i1 = i2; i1End = i2End; i2 = p; i2End = end;
    } else {
      i1 = i2 = -1; shiftNext = lengthNext = false;
    }
    p = end;
  }
  if (depth !== 0) throw new Error(`PDF: object ${num} runs off the end`);
  out.push(s.slice(last, p));
  const after = skipWhite(s, p);
  if (s.startsWith('stream', after)) {
    if (length < 0) throw new Error(`PDF: object ${num}: a stream without a direct /Length`);
    let data = after + 6;
    if (s.charCodeAt(data) === 13) data++;
    if (s.charCodeAt(data) === 10) data++;
    if (!s.startsWith('endstream', skipWhite(s, data + length))) throw new Error(`PDF: object ${num}: stream length does not match`);
    out.push(' stream\n', file.bytes.subarray(data, data + length), '\nendstream');
  }
  out.push('\nendobj\n');
}

/** The raw bytes of stream object `num` and its dictionary, or undefined when it is no stream with a direct /Length. */
export function streamOf(file: PdfFile, num: number): { dict: Dict; data: Buffer } | undefined {
  const s = file.text;
  const { value, end } = parseValue(s, file.start(num));
  if (!(value instanceof Map)) return undefined;
  const after = skipWhite(s, end);
  if (!s.startsWith('stream', after)) return undefined;
  const len = value.get('Length');
  if (!(len instanceof Atom) || !/^\d+$/.test(len.raw)) return undefined;
  let data = after + 6;
  if (s.charCodeAt(data) === 13) data++;
  if (s.charCodeAt(data) === 10) data++;
  return { dict: value, data: file.bytes.subarray(data, data + Number(len.raw)) };
}
