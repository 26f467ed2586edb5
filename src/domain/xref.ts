/**
 * Cross references in Markdown: [[power:XK-001]], [[law:xingzheng-xuke-fa]], [[law:xingzheng-xuke-fa#第十二条]].
 * Found in the source text (outside fenced and inline code) so that positions are exact.
 */
import { articleKey, articleLabel } from './numerals.js';
import { bookTitle, listedArticles } from './law.js';
import type { Law, Power } from './types.js';

export interface Xref { raw: string; kind: string; target: string; article?: string; index: number }

const XREF = /\[\[\s*([A-Za-z]+)\s*:\s*([^\]#\s]*)\s*(?:#\s*([^\]]*?)\s*)?\]\]/g;

/** Offsets of fenced code blocks and inline code spans, which are not scanned. */
function codeSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[ \t]*$|(?![\s\S]))/gm;
  for (let m; (m = fence.exec(text)); ) spans.push([m.index, m.index + m[0].length]);
  const inline = /(`+)[^`]+?\1/g;
  for (let m; (m = inline.exec(text)); ) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

export function findXrefs(text: string): Xref[] {
  if (!text.includes('[[')) return [];
  const spans = codeSpans(text);
  const out: Xref[] = [];
  for (let m; (m = XREF.exec(text)); ) {
    if (spans.some(([s, e]) => m!.index >= s && m!.index < e)) continue;
    out.push({ raw: m[0], kind: m[1].toLowerCase(), target: m[2], article: m[3] || undefined, index: m.index });
  }
  XREF.lastIndex = 0;
  return out;
}

export type Resolved =
  | { ok: true; kind: 'power'; power: Power; text: string }
  | { ok: true; kind: 'law'; law: Law; text: string }
  | { ok: false; zh: string; en: string; hintZh?: string; hintEn?: string };

export function resolveXref(x: Xref, powers: Map<string, { data: Power }>, laws: Map<string, { data: Law }>): Resolved {
  if (x.kind === 'power') {
    const p = powers.get(x.target)?.data;
    if (!p) return { ok: false, zh: `没有编码为"${x.target}"的职权`, en: `no power with id "${x.target}"`, hintZh: '核对事项编码（powers/ 下的文件名）', hintEn: 'Check the power id (file name under powers/)' };
    return { ok: true, kind: 'power', power: p, text: `${p.name}（${p.id}）` };
  }
  if (x.kind === 'law') {
    const l = laws.get(x.target)?.data;
    if (!l) return { ok: false, zh: `没有登记编号为"${x.target}"的法律`, en: `no law with id "${x.target}"`, hintZh: '核对 laws/ 下的文件名', hintEn: 'Check the file name under laws/' };
    if (!x.article) return { ok: true, kind: 'law', law: l, text: bookTitle(l.title) };
    const key = articleKey(x.article);
    if (!key) return { ok: false, zh: `条号"${x.article}"无法识别`, en: `article "${x.article}" cannot be read`, hintZh: '写成 #第十二条 或 #12', hintEn: 'Write #第十二条 or #12' };
    const listed = listedArticles(l);
    if (listed && !listed.has(key)) {
      return { ok: false, zh: `${bookTitle(l.title)}登记的条文中没有${articleLabel(x.article)}`, en: `${l.title} has no listed article ${key}`, hintZh: '核对条号，或在法律登记中补登这一条', hintEn: 'Check the number or list the article' };
    }
    return { ok: true, kind: 'law', law: l, text: `${bookTitle(l.title)}${articleLabel(x.article)}` };
  }
  return { ok: false, zh: `不认识的引用类型"${x.kind}"`, en: `unknown reference kind "${x.kind}"`, hintZh: '只能写 [[power:事项编码]] 或 [[law:法律编号#第X条]]', hintEn: 'Use [[power:ID]] or [[law:ID#article]]' };
}
