/**
 * Rewrites the package docx wrote so that it is deterministic and complete:
 *
 * - docx stamps zip entries and docProps/core.xml with the current time, numbers bookmarks and drawings from
 *   counters shared by every document of the process, and names hyperlink relationships randomly. The rewrite sets
 *   the dates to the compendium's (`meta.created`) and renumbers the ids in document order, so two renders of the
 *   same model give the same bytes.
 * - Runs docx writes itself (footnote marks, page references, field characters) name no fonts; they get the fonts
 *   of their paragraph's style, so every run carries East Asian and Latin font names.
 */
import type { LayoutProfile } from '../profile.js';
import { runFonts, type RunRole } from './fonts.js';
import { styleRoles } from './styles.js';
import { readZip, writeZip, type ZipEntry } from './zip.js';

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

export interface PackageOptions {
  profile: LayoutProfile;
  created: Date;
}

export function finishPackage(docx: Uint8Array, { profile, created }: PackageOptions): Buffer {
  const entries = readZip(docx);
  const decoder = new TextDecoder();
  const texts = new Map<string, string>();
  for (const e of entries) if (XML_PART.test(e.name)) texts.set(e.name, decoder.decode(e.data));

  const core = texts.get('docProps/core.xml');
  if (core) {
    const stamp = w3cdtf(created);
    texts.set(
      'docProps/core.xml',
      core.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, (_m, open: string, _k, close: string) => `${open}${stamp}${close}`),
    );
  }

  stableRelationshipIds(texts);

  // Bookmark and drawing ids, in document order over the stories (document first).
  const stories = [...texts.keys()].filter((n) => STORY.test(n)).sort((a, b) => (a === 'word/document.xml' ? -1 : b === 'word/document.xml' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const bookmarkIds = new Map<string, number>();
  const nextBookmark = { n: 1 };
  const drawingIds = new Map<string, number>();
  const nextDrawing = { n: 1 };
  for (const name of stories) {
    let xml = texts.get(name)!;
    xml = renumber(xml, /(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, bookmarkIds, nextBookmark);
    drawingIds.clear(); // each drawing's id is its own
    xml = renumber(xml, /(<wp:docPr\b[^>]*?\bid=")(\d+)"/g, drawingIds, nextDrawing);
    xml = addRunFonts(xml, profile);
    texts.set(name, xml);
  }

  const encoder = new TextEncoder();
  const out: ZipEntry[] = entries.map((e) => (texts.has(e.name) ? { name: e.name, data: encoder.encode(texts.get(e.name)!) } : e));
  return writeZip(out, created);
}
