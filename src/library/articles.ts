/**
 * The body of a law text (after `<!-- INFO END -->`) to articles: a line starting `第X条` (`第X条之一`) opens an article,
 * the lines after it are its 款 until the next article, and a line `（一）`, `(一)`, `（1）` or `1.` is an item (项) of
 * the 款 before it. `##`… headings are the chapters (编/章/节). Texts with no articles that number sections `一、二、`
 * (decisions, amendments, some interpretations) get those sections instead.
 *
 * Defects are reported, never repaired silently: `笫` for `第` and a space inside a number are read as the number
 * printed, with a defect; articles run together on one line are split where the next article's own number starts
 * after a sentence, with a defect; gaps, repeats and numbers going backwards are reported and left as they are.
 */
import { chineseToNumber, numberToChinese } from '../domain/numerals.js';
import type { Block } from './markdown.js';
import type { LibArticle, LibClause, LibraryDefect } from './types.js';

export interface BodyResult {
  articles: LibArticle[];
  /** `一、` sections of a text without articles. */
  sections: LibArticle[];
  defects: LibraryDefect[];
}

const NUM = '零〇一二两三四五六七八九十百千';
/** An article label at the start of a line, spaces inside allowed (and reported). */
const LABEL = new RegExp(`^([第笫])([\\s${NUM}]*[${NUM}])[\\s]*条(?:[\\s]*之[\\s]*([一二三四五六七八九十]+))?`);
const ITEM = /^(?:[（(]\s*([一二三四五六七八九十]+|[0-9０-９]+)\s*[）)]|([0-9０-９]{1,2})\s*[.．、](?![0-9０-９])|([①-⑳]))/;
const SECTION = /^([一二三四五六七八九十百]+)、/;
const APPENDIX = /^(?:附\s*[件表图录][一二三四五六七八九十\d]*\s*[：:]?|附\s*[：:]|续表$)/;
const CHAPTER_HEADING = /^(?:第[\s零〇一二三四五六七八九十百千\d]+[编章节部分]|附\s*则|总\s*则|分\s*则)/;
/** A character after which a run-together article may start (end of a sentence or a space). */
const RUN_BEFORE = /[。；;：:！？!?”’）)\s　]/;

interface Label { prefix: string; n: number; sub?: number; text: string; spaced: boolean; typo: boolean; length: number }

function readLabel(s: string): Label | null {
  const m = LABEL.exec(s);
  if (!m) return null;
  const digits = m[2]!.replace(/\s/g, '');
  const n = chineseToNumber(digits);
  if (n === null || n <= 0) return null;
  const sub = m[3] ? chineseToNumber(m[3]) ?? undefined : undefined;
  const spaced = /\s/.test(m[0].replace(/^[第笫]/, '').replace(/条.*$/, '')) || /[\s]条/.test(m[0]);
  const rest = s.slice(m[0].length);
  // A label is followed by a space (ASCII or full-width) or ends the line; one with a space inside it is taken as
  // it is printed (刑事诉讼法 `第一百二十八 条侦查人员…`), else `第一条规定的…` at the start of a 款 would be an article.
  if (rest && !/^[\s　]/.test(rest) && !spaced) return null;
  return { prefix: m[1]!, n, sub, text: m[0], spaced, typo: m[1] === '笫', length: m[0].length };
}

export function keyOf(n: number, sub?: number): string { return sub ? `${n}-${sub}` : String(n); }

function labelOf(l: Label): string {
  return l.text.replace(/\s/g, '').replace(/^笫/, '第');
}

/** Where in `s` (after `from`) the next article, numbered `next` or `next之k`, starts after a sentence; -1 if nowhere. */
function runTogether(s: string, from: number, expect: (l: Label) => boolean): number {
  let i = s.indexOf('第', from);
  for (; i >= 0; i = s.indexOf('第', i + 1)) {
    if (i === 0 || !RUN_BEFORE.test(s[i - 1]!)) continue;
    const l = readLabel(s.slice(i));
    if (l && !l.spaced && expect(l)) return i;
  }
  return -1;
}

export function parseBody(file: string, blocks: Block[]): BodyResult {
  const articles: LibArticle[] = [];
  const sections: LibArticle[] = [];
  const defects: LibraryDefect[] = [];
  const chapters: string[] = [];
  const seen = new Map<string, number>();
  let current: LibArticle | undefined;
  let prev: { n: number; sub?: number } | undefined;
  let inAppendix = false;
  let zeroWidth: { line: number; count: number } | undefined;
  const defect = (line: number, column: number, kind: string, zh: string, en: string) =>
    defects.push({ at: { file, line, column }, kind, zh, en });

  const chapterText = () => (chapters.filter(Boolean).join(' ') || undefined);

  const addClauseText = (text: string, line: number) => {
    if (!current) return;
    const item = ITEM.exec(text);
    const last = current.clauses[current.clauses.length - 1];
    if (item && last) {
      last.items.push({ label: item[0].trim(), text: text.slice(item[0].length).trim() });
      return;
    }
    if (last && !last.text && !last.items.length) { last.text = text; last.line = line; return; } // the label stood alone
    current.clauses.push({ text, items: [], line });
  };

  const open = (l: Label, rest: string, line: number, column: number) => {
    const key = keyOf(l.n, l.sub);
    if (l.typo) defect(line, column, 'di-typo', `条号写作「${l.text.trim()}」：「笫」应为「第」，按${labelOf(l)}读取`, `article label "${l.text.trim()}" has 笫 for 第; read as ${labelOf(l)}`);
    if (l.spaced) defect(line, column, 'space-in-number', `条号「${l.text}」中间有空格，按「${labelOf(l)}」读取`, `space inside the article label "${l.text}"; read as ${labelOf(l)}`);
    if (seen.has(key)) {
      defect(line, column, 'numbering-duplicate', `${labelOf(l)}重复出现（第${seen.get(key)}行已有）；引用时取第一个`, `${labelOf(l)} appears again (first at line ${seen.get(key)}); citations take the first`);
    } else if (prev) {
      const p = prev;
      if (l.sub === undefined && l.n > p.n + 1) {
        const missing = l.n - 1 > p.n + 1 ? `第${numberToChinese(p.n + 1)}条至第${numberToChinese(l.n - 1)}条` : `第${numberToChinese(p.n + 1)}条`;
        defect(line, column, 'numbering-gap', `条号不连续：${labelOf(l)}之前缺少${missing}（原文如此，未重新编号）`, `numbering gap: article${l.n - 1 > p.n + 1 ? `s ${p.n + 1}–${l.n - 1}` : ` ${p.n + 1}`} missing before ${labelOf(l)} (left as printed, not renumbered)`);
      } else if (l.n < p.n || (l.n === p.n && (l.sub ?? 0) <= (p.sub ?? 0))) {
        defect(line, column, 'numbering-order', `条号倒退：${labelOf(l)}出现在第${numberToChinese(p.n)}条${p.sub ? `之${numberToChinese(p.sub)}` : ''}之后`, `numbering goes back: ${labelOf(l)} after article ${keyOf(p.n, p.sub)}`);
      }
    }
    current = { key, label: labelOf(l), clauses: [], line };
    const ch = chapterText();
    if (ch) current.chapter = ch;
    if (!seen.has(key)) seen.set(key, line);
    articles.push(current);
    prev = { n: l.n, sub: l.sub };
    inAppendix = false;
    const text = rest.slice(l.length);
    const lead = text.length - text.replace(/^[\s　]+/, '').length;
    addFirstClause(text.slice(lead), line, column + l.length + lead);
  };

  /** The article's own paragraph, split where articles were run together on the line. */
  const addFirstClause = (text: string, line: number, column: number) => {
    const cur = prev!;
    const next = runTogether(text, 0, (l) => (l.sub === undefined ? l.n === cur.n + 1 : l.n === cur.n && l.sub === (cur.sub ?? 0) + 1));
    if (next < 0) { current!.clauses.push({ text: text.trim(), items: [], line }); return; }
    current!.clauses.push({ text: text.slice(0, next).trim(), items: [], line });
    const rest = text.slice(next);
    const l = readLabel(rest)!;
    defect(line, column + next, 'articles-run-together', `${labelOf(l)}与上一条写在同一行（第${line}行），已按条号分开`, `${labelOf(l)} runs on from the article before on line ${line}; split at its number`);
    open(l, rest, line, column + next);
  };

  for (const b of blocks) {
    if (b.kind === 'comment') continue;
    const text = b.text.replace(/[\u200b\ufeff]/g, '');
    if (b.kind === 'line' && !text.trim()) {
      if (b.text.trim()) { // only zero-width characters
        if (zeroWidth) zeroWidth.count++; else zeroWidth = { line: b.line, count: 1 };
      }
      continue;
    }
    if (b.kind === 'heading') {
      const depth = b.depth ?? 2;
      const t = text.replace(/\s+/g, ' ').trim();
      if (depth >= 2 && (CHAPTER_HEADING.test(t) || !current)) {
        chapters.length = Math.max(0, depth - 2);
        chapters[depth - 2] = t;
        inAppendix = false;
      } else if (current) {
        inAppendix = true; // a heading that is no 编/章/节 after the articles: an appendix (税目税率表…)
      }
      continue;
    }
    const t = text.trim();
    const l = readLabel(t);
    const column = b.column + (text.length - text.trimStart().length);
    if (l) { open(l, t, b.line, column); continue; }
    if (!current) {
      const s = SECTION.exec(t);
      if (s) {
        const n = chineseToNumber(s[1]!)!;
        sections.push({ key: `§${n}`, label: `${s[1]}、`, clauses: [{ text: t.slice(s[0].length).trim(), items: [], line: b.line }], line: b.line, ...(chapterText() ? { chapter: chapterText() } : {}) });
      } else if (sections.length) {
        const sec = sections[sections.length - 1]!;
        const item = ITEM.exec(t);
        if (item) sec.clauses[sec.clauses.length - 1]!.items.push({ label: item[0].trim(), text: t.slice(item[0].length).trim() });
        else sec.clauses.push({ text: t, items: [], line: b.line });
      }
      continue;
    }
    if (APPENDIX.test(t)) inAppendix = true;
    if (inAppendix) continue;
    addClauseText(t, b.line);
  }
  if (zeroWidth) {
    defects.push({ at: { file, line: zeroWidth.line, column: 1 }, kind: 'zero-width-lines', zh: `${zeroWidth.count} 行只有零宽空格（U+200B），从第${zeroWidth.line}行起；已忽略`, en: `${zeroWidth.count} line(s) hold only U+200B (zero-width space), the first at line ${zeroWidth.line}; ignored` });
  }
  return { articles, sections: articles.length ? [] : sections, defects };
}

/** The article's whole text: its 款 and 项 as printed, one per line. */
export function articleText(a: LibArticle): string {
  return a.clauses.map((c: LibClause) => [c.text, ...c.items.map((i) => `${i.label}${i.text}`)].join('\n')).join('\n');
}

/** The text of each unit (article, else section) of a version, for search. */
export function unitTexts(v: { articles: LibArticle[]; sections?: LibArticle[] }): string[] {
  return (v.articles.length ? v.articles : v.sections ?? []).map(articleText);
}
