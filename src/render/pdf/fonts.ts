/**
 * Fonts of the print PDF, by role (正文 仿宋, 标题 小标宋, 一级标题 黑体, 二级标题 楷体, 页码 宋体, 表格 仿宋).
 *
 * Each role's CSS family list names the official font first (what GB/T 9704 asks for), then the free substitutes.
 * A repository may bring its own files for a role (powerbook.yaml `fonts`); they come before everything and are
 * loaded with @font-face from file:// URLs (the page is a file:// page; nothing is fetched from the network).
 *
 * Where the official name is only a fontconfig alias (scripts/install-system-deps.sh maps 宋体 → FandolSong, …), the
 * substitute's faces are pinned with local() ahead of the alias: Fandol's Bold faces declare the regular weight
 * (OS/2 usWeightClass 400), so fontconfig, and Chromium through it, serves "宋体" or "黑体" of normal weight with
 * FandolSong Bold / FandolHei Bold. Pinning by PostScript name gives the regular face for normal text.
 *
 * What actually served each role is read back from Chromium (CDP CSS.getPlatformFontsForNode on a probe) after
 * printing, and described with fontconfig (family names, file); a role served by anything but the official font or
 * the repository's file is a substitute, and the build summary warns about it.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import type { FontRole, LayoutProfile } from '../../domain/profile.js';

export const FONT_ROLES: readonly FontRole[] = ['body', 'title', 'heading1', 'heading2', 'pageNumber', 'table'];

/** Free families after the official name, by role: Fandol (仿宋/黑体/楷体/宋体) and Noto CJK. */
const FREE_FAMILIES: Record<FontRole, string[]> = {
  body: ['FandolFang', 'Noto Serif CJK SC'],
  title: ['Noto Serif CJK SC', 'FandolSong'], // FandolSong (TrueType) is pinned ahead where the alias serves Noto (CFF)
  heading1: ['FandolHei', 'Noto Sans CJK SC'],
  heading2: ['FandolKai', 'Noto Serif CJK SC'],
  pageNumber: ['FandolSong', 'Noto Serif CJK SC'],
  table: ['FandolFang', 'Noto Serif CJK SC'],
};
const KNOWN_SUBSTITUTES = new Set(Object.values(FREE_FAMILIES).flat());
const GENERIC: Record<FontRole, string> = {
  body: 'serif', title: 'serif', heading1: 'sans-serif', heading2: 'serif', pageNumber: 'serif', table: 'serif',
};

/** How a font file's outlines are stored, which decides how Chromium embeds it in the PDF. */
export type OutlineFormat = 'truetype' | 'cff' | 'unknown';

export interface FontUse {
  role: FontRole;
  /** The official family the profile asks for (仿宋_GB2312, …). */
  requested: string;
  /** What served it: the family Chromium used, or the repository's file name. */
  used: string;
  /** The face's PostScript name (FandolFang-Regular), when Chromium names it. */
  face?: string;
  /** True when neither the official font nor a file of the repository served the role. */
  substitute: boolean;
  /** The font file that served it, when known. */
  file?: string;
  /** TrueType is embedded as CID TrueType (named, subset); OpenType/CFF becomes unnamed Type 3 fonts. */
  format?: OutlineFormat;
}

/** The CSS of the fonts: @font-face rules and each role's family list. */
export interface FontPlan {
  faces: string;
  families: Record<FontRole, string>;
  /** Roles whose official font is installed for real (not an alias to a substitute). */
  genuine: Set<FontRole>;
  /**
   * Roles whose font has a bold face. Chromium emboldens a face that has none and writes the emboldened glyphs as
   * unnamed Type 3 fonts: bold in such a role is printed otherwise (css.ts). Fandol has no bold 仿宋 nor 楷体.
   */
  bold: Set<FontRole>;
  files: Partial<Record<FontRole, string>>;
}

const q = (family: string) => `"${family.replace(/["\\]/g, '')}"`;

function fc(args: string[]): string | undefined {
  try {
    return execFileSync(args[0]!, args.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
  } catch {
    return undefined; // no fontconfig tools: no pinning, and the report says what Chromium said
  }
}

const familiesOf = (list: string) => list.split(',').map((s) => s.trim()).filter(Boolean);
const same = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'accent' }) === 0;

interface Face { psName: string; style: string; file: string }

/** fontconfig's best match for a family name: its family names, PostScript name and file. */
function fcMatch(family: string): { families: string[]; psName: string; file: string } | undefined {
  const out = fc(['fc-match', '-f', '%{family}\t%{postscriptname}\t%{file}', family]);
  if (!out) return undefined;
  const [fams = '', psName = '', file = ''] = out.split('\t');
  return { families: familiesOf(fams), psName, file };
}

function fcFaces(family: string): Face[] {
  const out = fc(['fc-list', family, '-f', '%{postscriptname}\t%{style}\t%{file}\n']) ?? '';
  return out.split('\n').filter(Boolean).map((l) => {
    const [psName = '', style = '', file = ''] = l.split('\t');
    return { psName, style: familiesOf(style)[0] ?? style, file };
  });
}

/**
 * The regular and bold faces of a family, by style name (not by the weight the font declares). `heavy`: the bold face
 * serves every weight (a substitute for a heavy display face).
 */
/** Whether a family has a bold face (by style name). */
const hasBoldFace = (family: string): boolean => fcFaces(family).some((f) => f.psName && /^bold$/i.test(f.style));

function pinnedFaces(family: string, name: string, heavy = false): string {
  const faces = fcFaces(family).filter((f) => f.psName && !/italic|oblique/i.test(f.style));
  const bold = faces.find((f) => /^bold$/i.test(f.style));
  if (heavy && bold) return `@font-face { font-family: ${q(name)}; src: local(${q(bold.psName)}); font-weight: 100 900; }`;
  const regular = faces.find((f) => /^(regular|book|normal|roman)$/i.test(f.style)) ?? faces.find((f) => !/bold|black|heavy|light|thin|medium|semi|demi|extra/i.test(f.style));
  return [
    regular && `@font-face { font-family: ${q(name)}; src: local(${q(regular.psName)}); font-weight: 100 599; }`,
    bold && `@font-face { font-family: ${q(name)}; src: local(${q(bold.psName)}); font-weight: 600 900; }`,
  ].filter(Boolean).join('\n');
}

function fileFormat(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return ext === '.otf' ? 'opentype' : ext === '.woff2' ? 'woff2' : ext === '.woff' ? 'woff' : ext === '.ttc' ? 'collection' : 'truetype';
}

/**
 * The fonts' CSS. `fontFiles` are absolute paths by role; a role without a file of its own uses the file given for
 * another role asking for the same official family (table ← body).
 */
export function planFonts(profile: LayoutProfile, fontFiles: Partial<Record<FontRole, string>> = {}): FontPlan {
  const faces: string[] = [];
  const families = {} as Record<FontRole, string>;
  const genuine = new Set<FontRole>();
  const bold = new Set<FontRole>();
  const files: Partial<Record<FontRole, string>> = {};
  const pinned = new Map<string, string>();
  const boldOf = new Map<string, boolean>();
  const boldFace = (family: string) => { let b = boldOf.get(family); if (b === undefined) boldOf.set(family, (b = hasBoldFace(family))); return b; };
  for (const role of FONT_ROLES) {
    const requested = profile.fonts[role];
    const file = fontFiles[role] ?? FONT_ROLES.map((r) => (profile.fonts[r] === requested ? fontFiles[r] : undefined)).find(Boolean);
    const list: string[] = [];
    if (file) {
      files[role] = file;
      const name = `pb-file-${role}`;
      faces.push(`@font-face { font-family: ${q(name)}; src: url(${q(pathToFileURL(file).href)}) format(${q(fileFormat(file))}); }`);
      list.push(q(name));
    }
    const m = fcMatch(requested);
    if (m && m.families.some((f) => same(f, requested))) {
      genuine.add(role);
      if (!file && boldFace(requested)) bold.add(role);
    } else if (m?.families[0] && KNOWN_SUBSTITUTES.has(m.families[0])) {
      // The official name is an alias of a free substitute: pin its regular and bold faces ahead of it. (fontconfig's
      // answer for a name it does not know at all is just its default font: that is not pinned.) A substitute with
      // CFF outlines (Noto Serif CJK, standing in for 方正小标宋简体) would become dozens of unnamed Type 3 fonts in
      // Chromium's PDF: a TrueType substitute of the role is pinned instead where one is installed (FandolSong, its
      // bold face for a title: 小标宋 is a heavy Song).
      let family = m.families[0];
      let heavy = false;
      if (outlineFormat(m.file) === 'cff') {
        const tt = FREE_FAMILIES[role].find((f) => { const fm = fcMatch(f); return fm?.families.some((x) => same(x, f)) && outlineFormat(fm.file) === 'truetype'; });
        if (tt) { family = tt; heavy = role === 'title'; }
      }
      const key = `${family}${heavy ? ' (heavy)' : ''}`;
      let name = pinned.get(key);
      if (!name) {
        name = `pb-sub-${pinned.size + 1}`;
        const css = pinnedFaces(family, name, heavy);
        if (css) { faces.push(css); pinned.set(key, name); } else name = undefined;
      }
      if (name) list.push(q(name));
      // A file of the repository is one face: no bold beside it.
      if (name && !file && (heavy || boldFace(family))) bold.add(role);
    }
    list.push(q(requested), ...FREE_FAMILIES[role].map(q), GENERIC[role]);
    families[role] = [...new Set(list)].join(', ');
  }
  return { faces: faces.join('\n'), families, genuine, bold, files };
}

/** TrueType or CFF outlines, from the file's first bytes (a collection: its first font). */
export function outlineFormat(file: string): OutlineFormat {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    let tag = head.toString('latin1', 0, 4);
    if (tag === 'ttcf') {
      const offset = head.readUInt32BE(12);
      readSync(fd, head, 0, 4, offset);
      tag = head.toString('latin1', 0, 4);
    }
    if (tag === 'OTTO') return 'cff';
    if (tag === '\x00\x01\x00\x00' || tag === 'true') return 'truetype';
    return 'unknown';
  } catch {
    return 'unknown';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A platform font Chromium reports for a node. */
export interface PlatformFont { familyName: string; postScriptName?: string; isCustomFont: boolean; glyphCount: number }

/** Describes what served a role, from what Chromium reports for a probe set in that role's fonts. */
export function describeUse(role: FontRole, plan: FontPlan, profile: LayoutProfile, fonts: PlatformFont[]): FontUse {
  const requested = profile.fonts[role];
  const main = [...fonts].sort((a, b) => b.glyphCount - a.glyphCount)[0];
  const file = plan.files[role];
  if (main?.isCustomFont && file) {
    return { role, requested, used: path.basename(file), substitute: false, file, format: outlineFormat(file) };
  }
  if (!main) {
    const m = fcMatch(requested);
    return { role, requested, used: m?.families[0] ?? '?', substitute: !plan.genuine.has(role), file: m?.file, format: m?.file ? outlineFormat(m.file) : undefined };
  }
  const ps = main.postScriptName ?? '';
  const described = ps ? fc(['fc-list', `:postscriptname=${ps}`, '-f', '%{family}\t%{file}\n'])?.split('\n')[0] : undefined;
  const [fams = '', fileOf = ''] = described?.split('\t') ?? [];
  const names = fams ? familiesOf(fams) : [main.familyName];
  const isOfficial = names.some((f) => same(f, requested));
  return {
    role, requested, used: names[0] ?? main.familyName, face: ps || undefined, substitute: !isOfficial,
    file: fileOf || undefined, format: fileOf && existsSync(fileOf) ? outlineFormat(fileOf) : undefined,
  };
}

/**
 * Font files named by powerbook.yaml `fonts` (paths relative to the repository), as absolute paths by role.
 * Unknown roles and missing files are returned as problems, for the build summary; they never stop a build.
 */
export function fontFilesFromConfig(root: string, fonts: Record<string, string> | undefined): { files: Partial<Record<FontRole, string>>; problems: string[] } {
  const files: Partial<Record<FontRole, string>> = {};
  const problems: string[] = [];
  for (const [key, rel] of Object.entries(fonts ?? {})) {
    if (!(FONT_ROLES as readonly string[]).includes(key)) { problems.push(`fonts.${key}`); continue; }
    const abs = path.resolve(root, rel);
    const inside = !path.relative(root, abs).startsWith('..') && !path.isAbsolute(path.relative(root, abs));
    if (!inside || !existsSync(abs)) { problems.push(`fonts.${key}: ${rel}`); continue; }
    files[key as FontRole] = abs;
  }
  return { files, problems };
}

/** Which fonts Chromium actually used for each role, from a probe set in each role's family list. */
export async function probeFonts(page: Page, plan: FontPlan, profile: LayoutProfile): Promise<FontUse[]> {
  const samples: Record<FontRole, string> = {
    body: '规范权力运行制度汇编职权法定', title: '规范权力运行制度汇编', heading1: '职权目录权力运行流程图',
    heading2: '公众参与专家论证', pageNumber: '— 0123456789 —', table: '事项编码承办机构收费',
  };
  await page.evaluate((roles: [string, string, string][]) => {
    const probe = document.createElement('div');
    probe.id = 'pb-probe';
    for (const [role, family, text] of roles) {
      const s = document.createElement('span');
      s.dataset.role = role;
      s.style.fontFamily = family;
      s.textContent = text;
      probe.appendChild(s);
    }
    document.body.appendChild(probe);
    return document.fonts.ready.then(() => undefined);
  }, FONT_ROLES.map((r) => [r, plan.families[r], samples[r]] as [string, string, string]));
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const out: FontUse[] = [];
    for (const role of FONT_ROLES) {
      let fonts: PlatformFont[] = [];
      try {
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `#pb-probe span[data-role="${role}"]` });
        fonts = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts;
      } catch { /* describeUse falls back to fontconfig */ }
      out.push(describeUse(role, plan, profile, fonts));
    }
    return out;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
