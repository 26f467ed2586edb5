/**
 * Fonts of the DOCX backend: the names written into each run (by role, East Asian and Latin), and the font files
 * docx's page layout (`docx/layout`) measures text with when it works out the TOC's page numbers.
 *
 * The DOCX names the official fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) that Word/WPS on a Chinese
 * Windows machine has; on Linux the free substitutes measure the same text (every ideograph is one em wide).
 */
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import type { FontRole, LayoutProfile } from '../../domain/profile.js';
import { charWidthEm, withAutospace, type Metric } from '../../document/unbroken.js';

/** A role of text in the DOCX: the profile's roles, plus quotes (楷体) and inline code. */
export type RunRole = FontRole | 'quote' | 'code';

export interface RunFonts {
  ascii: string;
  hAnsi: string;
  eastAsia: string;
  cs: string;
  hint: 'eastAsia';
}

const CODE_LATIN_FONT = 'Courier New';

/** The w:rFonts of a run of a role. Ambiguous characters (“”、……) go to the East Asian font (hint), as Word writes. */
export function runFonts(profile: LayoutProfile, role: RunRole): RunFonts {
  const base: FontRole = role === 'quote' ? 'heading2' : role === 'code' ? 'body' : role;
  const eastAsia = profile.fonts[base];
  const latin = role === 'code' ? CODE_LATIN_FONT : profile.latinFonts[base];
  return { ascii: latin, hAnsi: latin, eastAsia, cs: latin, hint: 'eastAsia' };
}

export const EAST_ASIAN_LANGUAGE = { value: 'en-US', eastAsia: 'zh-CN' } as const;

/** Where Debian and friends install the free substitutes (Fandol from texlive-lang-chinese, Noto CJK). */
const FANDOL_DIRS = [
  '/usr/local/share/fonts/fandol',
  '/usr/share/fonts/opentype/fandol',
  '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol',
  '/usr/share/texmf/fonts/opentype/public/fandol',
];
const NOTO_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'];

const firstExisting = (dirs: readonly string[], file: string): string => dirs.map((d) => `${d}/${file}`).find((p) => existsSync(p)) ?? `${dirs[0]}/${file}`;

/**
 * Font files for the page-number estimate, by the name the DOCX uses. A key "<name> Bold" gives the bold face of
 * <name>; a name without one is measured bold with its regular file (Word and LibreOffice embolden it without
 * changing the advance widths). 方正小标宋简体 has no free equivalent: Noto Serif CJK stands in for it, as
 * fontconfig's alias does for LibreOffice (every ideograph is one em wide in both).
 */
export const DEFAULT_FONT_FILES: Readonly<Record<string, string>> = {
  '仿宋_GB2312': firstExisting(FANDOL_DIRS, 'FandolFang-Regular.otf'),
  '仿宋': firstExisting(FANDOL_DIRS, 'FandolFang-Regular.otf'),
  '黑体': firstExisting(FANDOL_DIRS, 'FandolHei-Regular.otf'),
  '黑体 Bold': firstExisting(FANDOL_DIRS, 'FandolHei-Bold.otf'),
  '楷体_GB2312': firstExisting(FANDOL_DIRS, 'FandolKai-Regular.otf'),
  '楷体': firstExisting(FANDOL_DIRS, 'FandolKai-Regular.otf'),
  '宋体': firstExisting(FANDOL_DIRS, 'FandolSong-Regular.otf'),
  '宋体 Bold': firstExisting(FANDOL_DIRS, 'FandolSong-Bold.otf'),
  '方正小标宋简体': firstExisting(NOTO_DIRS, 'NotoSerifCJK-Regular.ttc'),
  '方正小标宋简体 Bold': firstExisting(NOTO_DIRS, 'NotoSerifCJK-Bold.ttc'),
};

export interface EstimatorFont {
  readonly data: Uint8Array;
  readonly name: string;
}

export interface FontFilesResult {
  fonts: EstimatorFont[];
  /** Names (of the document's fonts) that have no file: text in them stops the estimate unless it guesses. */
  missing: string[];
  /** A key identifying the set of files, for caching the estimator. */
  key: string;
}

const fileCache = new Map<string, Uint8Array>();
const boldCache = new Map<string, Uint8Array>();

/**
 * Font files are read into shared memory, so that the layout's worker threads measure with the same bytes rather than
 * a copy each (layout-pool.ts: some 65 MB of fonts a thread).
 */
function sharedCopy(size: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(size));
}

function readShared(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const data = sharedCopy(size);
    for (let at = 0; at < size;) {
      const n = readSync(fd, data, at, size - at, at);
      if (n === 0) throw new Error(`${path}: the file ended before its size`);
      at += n;
    }
    return data;
  } finally {
    closeSync(fd);
  }
}

function readCached(path: string): Uint8Array {
  let data = fileCache.get(path);
  if (!data) {
    data = readShared(path);
    fileCache.set(path, data);
  }
  return data;
}

/** The font files read so far, regular and made bold, by path: for another thread (`useFontFiles`), without a copy. */
export interface SharedFontFiles {
  files: Array<[string, Uint8Array]>;
  bold: Array<[string, Uint8Array]>;
}

export function sharedFontFiles(): SharedFontFiles {
  return { files: [...fileCache], bold: [...boldCache] };
}

/** Takes the font files another thread read (`sharedFontFiles`) as read here. */
export function useFontFiles(shared: SharedFontFiles): void {
  for (const [path, data] of shared.files) fileCache.set(path, data);
  for (const [path, data] of shared.bold) boldCache.set(path, data);
}

/** The offsets of the table directories of a font file: one for a font, one per face of a collection. */
function faceOffsets(view: DataView): number[] {
  if (view.getUint32(0) === 0x74746366 /* 'ttcf' */) {
    const count = view.getUint32(8);
    return Array.from({ length: count }, (_, i) => view.getUint32(12 + i * 4));
  }
  return [0];
}

function tableOffset(view: DataView, dir: number, tag: string): number | undefined {
  const numTables = view.getUint16(dir + 4);
  for (let i = 0; i < numTables; i++) {
    const rec = dir + 12 + i * 16;
    const t = String.fromCharCode(view.getUint8(rec), view.getUint8(rec + 1), view.getUint8(rec + 2), view.getUint8(rec + 3));
    if (t === tag) return view.getUint32(rec + 8);
  }
  return undefined;
}

/**
 * A copy of a regular font file that says it is bold (OS/2 fsSelection and head macStyle), for measuring bold text
 * in a font that has no bold face: the widths are the regular ones, as synthetic bold keeps them.
 */
export function asBold(path: string): Uint8Array {
  const cached = boldCache.get(path);
  if (cached) return cached;
  const regular = readCached(path);
  const copy = sharedCopy(regular.length);
  copy.set(regular);
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  for (const dir of faceOffsets(view)) {
    const os2 = tableOffset(view, dir, 'OS/2');
    if (os2 !== undefined) {
      const sel = view.getUint16(os2 + 62);
      view.setUint16(os2 + 62, (sel | 0x20) & ~0x40);
    }
    const head = tableOffset(view, dir, 'head');
    if (head !== undefined) view.setUint16(head + 44, view.getUint16(head + 44) | 1);
  }
  boldCache.set(path, copy);
  return copy;
}

/** The East Asian font names the profile writes (those the estimate needs files for). */
export function documentFontNames(profile: LayoutProfile): string[] {
  const names = new Set<string>();
  for (const role of Object.keys(profile.fonts) as FontRole[]) {
    names.add(profile.fonts[role]);
    names.add(profile.latinFonts[role]);
  }
  return [...names].sort();
}

/** Fonts whose widths docx's layout knows without a file (Office's, and those made as wide). */
const KNOWN_WITHOUT_FILE = new Set(['times new roman', 'courier new', 'arial', 'calibri', 'cambria']);

/** The font files for the names the document uses, without reading them: a bold file, or none (made bold from the regular). */
export interface FontFileSet {
  files: Array<{ name: string; regular: string; bold?: string }>;
  /** Names (of the document's fonts) that have no file. */
  missing: string[];
  /** A key identifying the set of files (their paths). */
  key: string;
}

export function fontFileSet(profile: LayoutProfile, given: Partial<Record<string, string>> = {}): FontFileSet {
  const paths: Record<string, string> = { ...DEFAULT_FONT_FILES };
  for (const [name, path] of Object.entries(given)) if (path) paths[name] = path;
  const files: FontFileSet['files'] = [];
  const missing: string[] = [];
  const keyParts: string[] = [];
  for (const name of documentFontNames(profile)) {
    const regular = paths[name];
    if (!regular || !existsSync(regular)) {
      if (!KNOWN_WITHOUT_FILE.has(name.toLowerCase())) missing.push(name);
      continue;
    }
    const bold = paths[`${name} Bold`];
    if (bold && existsSync(bold)) {
      files.push({ name, regular, bold });
      keyParts.push(`${name}=${regular}|${bold}`);
    } else {
      files.push({ name, regular });
      keyParts.push(`${name}=${regular}|*`);
    }
  }
  return { files, missing, key: keyParts.join(';') };
}

/**
 * Loads the font files for the names the document uses, regular and bold (some 75 MB: read only when pages are laid
 * out, not for a build whose layout is all in the cache).
 */
export function loadEstimatorFonts(profile: LayoutProfile, given: Partial<Record<string, string>> = {}): FontFilesResult {
  const set = fontFileSet(profile, given);
  const fonts: EstimatorFont[] = [];
  for (const { name, regular, bold } of set.files) {
    fonts.push({ name, data: readCached(regular) });
    fonts.push({ name, data: bold ? readCached(bold) : asBold(regular) });
  }
  return { fonts, missing: set.missing, key: set.key };
}

/** What the font table says of a font Word may not have: another name to look for, its character set, family, pitch. */
const FONT_FACTS: Readonly<Record<string, { altName?: string; charset: string; family: string; pitch: string }>> = {
  '仿宋_GB2312': { altName: '仿宋', charset: '86', family: 'modern', pitch: 'fixed' },
  '楷体_GB2312': { altName: '楷体', charset: '86', family: 'modern', pitch: 'fixed' },
  '黑体': { altName: 'SimHei', charset: '86', family: 'modern', pitch: 'fixed' },
  '宋体': { altName: 'SimSun', charset: '86', family: 'auto', pitch: 'variable' },
  '方正小标宋简体': { altName: '方正小标宋_GBK', charset: '86', family: 'auto', pitch: 'variable' },
  [CODE_LATIN_FONT]: { charset: '00', family: 'modern', pitch: 'fixed' },
};

const xmlAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Every font name the document's runs and styles name (East Asian and Latin, by role, and the code font). */
export function usedFontNames(profile: LayoutProfile): string[] {
  const names = new Set<string>();
  for (const role of [...(Object.keys(profile.fonts) as FontRole[]), 'quote', 'code'] as RunRole[]) {
    const f = runFonts(profile, role);
    names.add(f.eastAsia).add(f.ascii);
  }
  return [...names].sort();
}

/** word/fontTable.xml listing the fonts the document uses (docx writes it empty). */
export function fontTableXml(profile: LayoutProfile, root: string): string {
  const fonts = usedFontNames(profile).map((name) => {
    const f = FONT_FACTS[name] ?? { charset: /[^\x00-\x7f]/.test(name) ? '86' : '00', family: 'auto', pitch: 'variable' };
    return `<w:font w:name="${xmlAttr(name)}">${f.altName ? `<w:altName w:val="${xmlAttr(f.altName)}"/>` : ''}<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`;
  });
  return `${root.replace(/\/>$/, '>')}${fonts.join('')}</w:fonts>`;
}

const advancesCache = new Map<string, Float64Array | null>();

/**
 * The advance widths (in ems) of the printable ASCII characters (U+0020–U+007E, by code − 0x20) in the file that
 * stands for a font name in this machine's layout (DEFAULT_FONT_FILES: what LibreOffice gets for the name through
 * fontconfig, and what docx's layout measures with), from its cmap (format 4) and hmtx; `undefined` without one.
 * Read by hand from the tables rather than by a font library: four tables, and the directory code above.
 */
export function asciiAdvances(name: string): Float64Array | undefined {
  const known = advancesCache.get(name);
  if (known !== undefined) return known ?? undefined;
  let out: Float64Array | null = null;
  const file = DEFAULT_FONT_FILES[name];
  try {
    if (file && existsSync(file)) out = readAsciiAdvances(readCached(file));
  } catch {
    out = null; // an unreadable file: the callers fall back to their own widths
  }
  advancesCache.set(name, out);
  return out ?? undefined;
}

function readAsciiAdvances(data: Uint8Array): Float64Array | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const dir = faceOffsets(view)[0]!;
  const head = tableOffset(view, dir, 'head');
  const hhea = tableOffset(view, dir, 'hhea');
  const hmtx = tableOffset(view, dir, 'hmtx');
  const cmap = tableOffset(view, dir, 'cmap');
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) return null;
  const unitsPerEm = view.getUint16(head + 18);
  const metrics = view.getUint16(hhea + 34);
  // The Unicode BMP subtable (platform 3 encoding 1, or platform 0), format 4.
  let sub: number | undefined;
  for (let i = 0, n = view.getUint16(cmap + 2); i < n; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = view.getUint16(rec), encoding = view.getUint16(rec + 2);
    const at = cmap + view.getUint32(rec + 4);
    if (view.getUint16(at) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) { sub = at; break; }
  }
  if (sub === undefined) return null;
  const segs = view.getUint16(sub + 6) / 2;
  const ends = sub + 14, starts = ends + segs * 2 + 2, deltas = starts + segs * 2, ranges = deltas + segs * 2;
  const glyphOf = (c: number): number => {
    for (let s = 0; s < segs; s++) {
      if (view.getUint16(ends + s * 2) < c) continue;
      const start = view.getUint16(starts + s * 2);
      if (start > c) return 0;
      const delta = view.getInt16(deltas + s * 2), range = view.getUint16(ranges + s * 2);
      if (range === 0) return (c + delta) & 0xffff;
      const g = view.getUint16(ranges + s * 2 + range + (c - start) * 2);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const out = new Float64Array(0x7f - 0x20);
  for (let c = 0x20; c < 0x7f; c++) {
    const g = glyphOf(c);
    out[c - 0x20] = view.getUint16(hmtx + Math.min(g, metrics - 1) * 4) / unitsPerEm;
  }
  return out;
}

/**
 * How the text of a role is measured, for laying lines out ahead (document/unbroken.ts): as docx's page layout
 * measures it (this machine's font file for the role's Latin font, no space between scripts, as Word with
 * w:autoSpaceDE off), and as LibreOffice does (the same fonts with its space between ideographs and Latin letters or
 * digits), whose lines must agree: LibreOffice's are made both's. Word with the official GB2312 fonts (half-width
 * Latin letters) is not measured: breaking lines for it as well put a character alone on a line where they disagreed.
 */
export function roleMetrics(profile: LayoutProfile, role: RunRole): { metrics: Metric[]; agree: [Metric, Metric] } {
  // The same functions for a role each time (document/unbroken.ts remembers the lines laid out with them).
  let byRole = metricsByProfile.get(profile);
  if (byRole === undefined) metricsByProfile.set(profile, (byRole = new Map()));
  let known = byRole.get(role);
  if (known === undefined) byRole.set(role, (known = measuredRole(profile, role)));
  return known;
}

const metricsByProfile = new WeakMap<LayoutProfile, Map<RunRole, { metrics: Metric[]; agree: [Metric, Metric] }>>();

function measuredRole(profile: LayoutProfile, role: RunRole): { metrics: Metric[]; agree: [Metric, Metric] } {
  const advances = asciiAdvances(runFonts(profile, role).ascii);
  const layout: Metric = (ch) => {
    const c = ch.codePointAt(0)!;
    return advances && c >= 0x20 && c < 0x7f ? advances[c - 0x20]! : charWidthEm(ch);
  };
  const libreOffice = withAutospace(layout);
  return { metrics: [layout, libreOffice], agree: [layout, libreOffice] };
}
