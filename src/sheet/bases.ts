/**
 * 法定依据 cells read into legal bases. Offices write them as
 *
 *   《title》（adopting body, date, 令 number…）第X条[第Y款][第（Z）项]：the article's text pasted
 *
 * several in one cell, on lines of their own or separated by 、 or ；, sometimes numbered (1. 2、 （1） ①), labelled
 * (【法律】, 设定依据：), with the 《》 left out, with half-width brackets, with several articles of one law
 * (第三十条、第三十一条, 第三十条至第三十二条) and the pasted text running over several lines (its items).
 * Each article becomes one entry: the title without 《》 as `law`, the article, 款 and 项 as written, the pasted text
 * as `quote`. Written by hand: the grammar is this office convention, not a general one, and each rule of it below
 * is a form seen in published lists.
 */
import { chineseToNumber } from '../domain/numerals.js';

export interface ParsedBasis {
  law: string;
  article?: string;
  clause?: string;
  item?: string;
  quote?: string;
  note?: string;
}

/** A part of the cell that was not read as a basis, or read with a doubt, for a warning at the cell. */
export interface BasisProblem {
  kind: 'unread' | 'shared-quote';
  text: string;
}

export interface ParsedBases { bases: ParsedBasis[]; problems: BasisProblem[] }

const NUM = '[零〇一二两三四五六七八九十百千0-9０-９]+';
/** 第十二条, 第12条, 第一百二十条之一 (spaces allowed inside, as pasted). */
const ARTICLE = `第\\s*${NUM}\\s*条(?:\\s*之\\s*${NUM})?`;
const CLAUSE = `第\\s*${NUM}\\s*款`;
/** 第（一）项, 第(一)项, （一）项, 第一项, and in a list 第（一）、（二）项 the first without 项. */
const ITEM = `(?:第\\s*)?[（(]\\s*${NUM}\\s*[）)](?:\\s*项)?|第\\s*${NUM}\\s*项`;
/** A law's title written without 《》: ends as titles of laws, regulations, rules and decisions end. */
const TITLE_END = '(?:法|法典|条例|规定|办法|细则|规则|决定|意见|通知|规程|实施方案|目录)';
const SEP = '[、，,和及与]|以及';

const RE_ARTICLE_AT = new RegExp(`^(${ARTICLE})`);
const RE_CLAUSE_AT = new RegExp(`^(${CLAUSE})`);
const RE_ITEM_AT = new RegExp(`^(${ITEM})`);
const RE_SEP_AT = new RegExp(`^\\s*(?:${SEP})\\s*`);
const RE_RANGE_AT = new RegExp(`^\\s*(?:至|到|—|-|－|~|～)\\s*(${ARTICLE})`);
/** A title without 《》 at the start of a line, followed by its adopting body or its article. */
const RE_BARE_TITLE = new RegExp(`^([\\u4e00-\\u9fff〈〉（）()、]{2,60}?${TITLE_END}(?:[（(](?:试行|暂行)[）)])?)(?=\\s*(?:[（(]|${ARTICLE}|$|[：:；;。]))`);
/** Numbering and labels before a citation: 1.  2、  （3）  ④  一、  【法律】  法律：  设定依据： */
const RE_LEAD = /^(?:\s*(?:\d{1,3}\s*[.．、)）]|[（(]\s*\d{1,3}\s*[）)]|[①-⑳]|[一二三四五六七八九十]{1,3}\s*、|【[^】]{1,12}】|\[[^\]]{1,12}\]|(?:法律|行政法规|地方性法规|部门规章|规章|规范性文件|设定依据|实施依据|法定依据|依据|法律依据)\s*[：:]|(?:依据|根据|按照|依照)(?=《)))+\s*/;

function fullWidthDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** 第 十二 条 → 第十二条; (一) → （一）; 第(一)项 → 第（一）项. */
function tidyRef(s: string): string {
  return fullWidthDigits(s.replace(/\s+/g, '')).replace(/\(/g, '（').replace(/\)/g, '）');
}

function tidyItem(s: string): string {
  let t = tidyRef(s);
  if (!t.startsWith('第')) t = `第${t}`;
  if (!t.endsWith('项')) t = `${t}项`;
  return t;
}

/** A law's title as `law:` takes it: without 《》, without a trailing （2019年修正） the official title does not have. */
export function lawTitle(s: string): string {
  let t = s.trim().replace(/^《/, '').replace(/》$/, '').trim();
  if (t.length <= 200) t = t.replace(/\s*[（(]\s*\d{4}\s*年?\s*(?:修正|修订|修改|版|本)?\s*[）)]\s*$/, '');
  return t.replace(/[\s\u3000]+/g, ' ').trim();
}

/** Length of the bracketed text at the start of `s` (nested brackets counted), or 0. */
function bracketLength(s: string): number {
  if (!/^[（(]/.test(s)) return 0;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '（' || ch === '(') depth++;
    else if (ch === '）' || ch === ')') { if (--depth === 0) return i + 1; }
  }
  return 0;
}

/** Length of a 《…》 at the start of `s` (nested 《》 counted), or 0. */
function bookLength(s: string): number {
  if (!s.startsWith('《')) return 0;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '《') depth++;
    else if (s[i] === '》' && --depth === 0) return i + 1;
  }
  return 0;
}

interface Ref { article?: string; clause?: string; item?: string }

/**
 * The article references at the start of `s`: 第十二条, 第十二条第二款第（三）项, 第三十条、第三十一条, 第五条第一款、第二款,
 * 第六条第（一）、（二）项, 第三十条至第三十二条. Returns the references and how much of `s` they took.
 */
export function readRefs(s: string): { refs: Ref[]; length: number } {
  const refs: Ref[] = [];
  let i = 0;
  let cur: Ref | undefined;
  const take = (re: RegExp): string | undefined => {
    const m = re.exec(s.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return m[1];
  };
  const skipSpace = () => { while (i < s.length && /\s/.test(s[i]!)) i++; };
  for (;;) {
    const start = i;
    skipSpace();
    const art = take(RE_ARTICLE_AT);
    if (art) {
      cur = { article: tidyRef(art) };
      refs.push(cur);
    } else if (cur) {
      // After a separator: another 款 or 项 of the article before.
      const cl = take(RE_CLAUSE_AT);
      const it = cl ? undefined : take(RE_ITEM_AT);
      if (!cl && !it) { i = start; break; }
      const base: Ref = { article: cur.article };
      if (cl) base.clause = tidyRef(cl);
      else { if (cur.clause) base.clause = cur.clause; base.item = tidyItem(it!); }
      // The first reference had none of these yet: it is completed, not repeated (第五条第一款).
      if ((cl && !cur.clause && !cur.item) || (it && !cur.item)) Object.assign(cur, base);
      else { cur = base; refs.push(cur); }
    } else { i = start; break; }
    // 款 and 项 of this article.
    skipSpace();
    const cl = take(RE_CLAUSE_AT);
    if (cl) { if (cur.clause) { cur = { article: cur.article }; refs.push(cur); } cur.clause = tidyRef(cl); skipSpace(); }
    const it = take(RE_ITEM_AT);
    if (it) cur.item = tidyItem(it);
    // 第三十条至第三十二条: every article of the range.
    const range = RE_RANGE_AT.exec(s.slice(i));
    if (range && cur.article && !cur.clause && !cur.item) {
      const from = articleNumber(cur.article), to = articleNumber(tidyRef(range[1]!));
      if (from !== null && to !== null && to > from && to - from <= 50) {
        for (let n = from + 1; n <= to; n++) refs.push({ article: sameStyle(cur.article, n) });
        cur = refs[refs.length - 1];
        i += range[0].length;
      }
    }
    const sep = RE_SEP_AT.exec(s.slice(i));
    if (!sep) break;
    const after = s.slice(i + sep[0].length);
    if (!RE_ARTICLE_AT.test(after) && !RE_CLAUSE_AT.test(after) && !RE_ITEM_AT.test(after)) break;
    i += sep[0].length;
  }
  return { refs, length: i };
}

function articleNumber(label: string): number | null {
  const m = /^第(.+?)条$/.exec(label);
  return m ? chineseToNumber(fullWidthDigits(m[1]!)) : null;
}

/** Article n written as `like` is written: 第12条 → 第13条, 第十二条 → 第十三条. */
function sameStyle(like: string, n: number): string {
  if (/\d/.test(like)) return `第${n}条`;
  return `第${chineseNumeral(n)}条`;
}

function chineseNumeral(n: number): string {
  const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return CN[n]!;
  if (n < 20) return `十${n % 10 ? CN[n % 10] : ''}`;
  if (n < 100) return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`;
  const h = Math.floor(n / 100), rest = n % 100;
  if (!rest) return `${CN[h]}百`;
  return `${CN[h]}百${rest < 10 ? '零' : ''}${rest < 10 ? CN[rest] : rest < 20 ? `一${chineseNumeral(rest)}` : chineseNumeral(rest)}`;
}

/** A citation's start at the beginning of `s` (after numbering and labels): its law and where its references begin. */
function citationStart(s: string, midLine = false): { law: string; rest: string; lead: number } | undefined {
  const lead = RE_LEAD.exec(s)?.[0].length ?? 0;
  const t = s.slice(lead);
  const book = bookLength(t);
  if (book) {
    let law = t.slice(0, book);
    let rest = t.slice(book);
    // 《A》《B》 is not two titles of one text: a second 《 starts another citation, read by the caller.
    rest = skipBrackets(rest, (inner) => { if (/^(试行|暂行)$/.test(inner)) law = `${law.slice(0, -1)}（${inner}）》`; });
    return { law: lawTitle(law), rest, lead };
  }
  const bare = RE_BARE_TITLE.exec(t);
  if (bare) {
    let law = bare[1]!;
    const rest = skipBrackets(t.slice(bare[0].length), (inner) => { if (/^(试行|暂行)$/.test(inner)) law = `${law}（${inner}）`; });
    // Inside a line (after 、 or ；) a title without 《》 must be followed by its article: the pasted text is full of
    // phrases ending in 规定 or 决定.
    if (!(midLine ? RE_ARTICLE_AT.test(rest.trimStart()) : /^\s*(?:第|$|[：:；;。])/.test(rest))) return undefined;
    return { law: lawTitle(law), rest, lead };
  }
  return undefined;
}

/** Skips the bracketed remarks after a title (adopting body, date, 令 number), calling `each` with each one's text. */
function skipBrackets(s: string, each: (inner: string) => void): string {
  let rest = s;
  for (;;) {
    const lead = /^\s*/.exec(rest)![0].length;
    const n = bracketLength(rest.slice(lead));
    if (!n) return rest;
    each(rest.slice(lead + 1, lead + n - 1).trim());
    rest = rest.slice(lead + n);
  }
}

/** Whether a new citation starts at the beginning of `s` (used to split a line at 、 and ；). */
function startsCitation(s: string, prevLaw: string | undefined, midLine = false): boolean {
  const c = citationStart(s, midLine);
  if (c) return /^\s*(?:第|$|[：:；;、。，,])/.test(c.rest) || /^\s*$/.test(c.rest);
  // "；第五条：…" continues the law before with another article.
  if (prevLaw && RE_ARTICLE_AT.test(s.trimStart())) {
    const r = readRefs(s.trimStart());
    return r.refs.length > 0 && /^\s*(?:[：:]|$|[；;])/.test(s.trimStart().slice(r.length));
  }
  return false;
}

/** A line cut where another citation starts after 、 ；; 。 or a number (1.《A》第一条；2.《B》第二条). */
function splitLine(line: string, prevLaw: string | undefined): string[] {
  const parts: string[] = [];
  let from = 0;
  const re = /[、；;。，,]\s*|\s(?=\d{1,3}\s*[.．、]|[（(]\d{1,3}[）)]|[①-⑳])/g;
  let law = prevLaw;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const at = m.index + m[0].length;
    const rest = line.slice(at);
    const sep = m[0].trim();
    // A 、 or ， only separates citations (or articles of the one before when followed by 第…条 and a colon).
    const cited = citationStart(rest, true);
    const ok = cited ? startsCitation(rest, law, true) : (sep === '；' || sep === ';') && startsCitation(rest, law, true);
    if (!ok) continue;
    parts.push(line.slice(from, sep ? m.index + 1 : m.index));
    if (cited) law = cited.law;
    from = at;
  }
  parts.push(line.slice(from));
  return parts.map((p) => p.trim().replace(/[、；;，,]$/, '').trim()).filter(Boolean);
}

interface Open { law: string; refs: Ref[]; note?: string; quote: string[]; quoted: Set<string> }

/** The 法定依据 cell's citations. */
export function parseBases(cell: string): ParsedBases {
  const problems: BasisProblem[] = [];
  const open: Open[] = [];
  let cur: Open | undefined;
  const lines = cell.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean);
  for (const line of lines) {
    const parts = startsCitation(line, cur?.law) ? splitLine(line, cur?.law) : [line];
    for (const part of parts) {
      const c = citationStart(part);
      if (c) {
        cur = { law: c.law, refs: [], quote: [], quoted: new Set() };
        open.push(cur);
        readTail(cur, c.rest);
        continue;
      }
      if (cur) {
        const t = part.trimStart();
        const r = RE_ARTICLE_AT.test(t) ? readRefs(t) : undefined;
        const after = r ? t.slice(r.length) : '';
        const one = r && r.refs.length === 1 && !r.refs[0]!.clause && !r.refs[0]!.item ? r.refs[0]!.article! : undefined;
        // The pasted text starting with its own number (第十二条　下列事项…): the quote of the citation before (of
        // one of its articles, when it cites several: kept with the number, where the quote is cut).
        if (one && cur.refs.some((x) => x.article === one) && !cur.quoted.has(one) && (cur.refs.length > 1 || !cur.quote.length)) {
          cur.quoted.add(one);
          cur.quote.push(cur.refs.length > 1 ? t : after.replace(/^[\s：:]+/, ''));
          continue;
        }
        if (r && r.refs.length && /^\s*(?:[：:]|$|\s)/.test(after)) {
          // Another article of the same law on a line of its own.
          cur = { law: cur.law, refs: [], quote: [], quoted: new Set() };
          open.push(cur);
          readTail(cur, t);
          continue;
        }
        cur.quote.push(part);
        continue;
      }
      problems.push({ kind: 'unread', text: part });
    }
  }
  const bases: ParsedBasis[] = [];
  for (const o of open) bases.push(...finish(o, problems));
  return { bases, problems };
}

/** After the title: the references, then a note before the colon or the pasted text after it. */
function readTail(o: Open, rest: string): void {
  let t = rest.trimStart();
  const r = readRefs(t);
  o.refs = r.refs;
  t = t.slice(r.length);
  if (!r.refs.length) {
    // No article: 《决定》附件第209项, or the text straight after a colon.
    const colon = /[：:]/.exec(t);
    const head = (colon ? t.slice(0, colon.index) : t).trim().replace(/^[，,]/, '').trim();
    if (head && !/^规定$/.test(head)) o.note = head;
    t = colon ? t.slice(colon.index + 1) : '';
  } else {
    // 第十二条规定：… / 第十二条： … / 第十二条 …
    t = t.replace(/^\s*规定\s*[：:，,]?/, '').replace(/^[\s：:，,]+/, '');
  }
  if (t.trim()) o.quote.push(t.trim());
}

/** 第三十条　…… 第三十一条　…… : the quote of several articles cut at each one's number, when each is found in order. */
function splitQuote(refs: Ref[], quote: string): string[] | undefined {
  const cuts: number[] = [];
  let from = 0;
  for (const r of refs) {
    if (!r.article) return undefined;
    const at = findLabel(quote, r.article, from);
    if (at < 0) return undefined;
    cuts.push(at);
    from = at + r.article.length;
  }
  if (cuts[0]! > 0 && quote.slice(0, cuts[0]).trim()) return undefined;
  return cuts.map((c, i) => quote.slice(c, cuts[i + 1] ?? quote.length).replace(new RegExp(`^${refs[i]!.article}`), '').replace(/^[\s：:]+/, '').trim());
}

function findLabel(s: string, label: string, from: number): number {
  for (let i = s.indexOf(label, from); i >= 0; i = s.indexOf(label, i + 1)) {
    if (i === 0 || /[\s\n。；;]/.test(s[i - 1]!)) return i;
  }
  return -1;
}

/**
 * The text of the cited 项 when the pasted text is the article's opening and its items (下列事项可以设定行政许可：
 * （一）……；（二）……): the line of that item, with the lines that continue it. The rest is the article's, not the item's.
 */
function itemText(quote: string, item: string | undefined): string {
  if (!item) return quote;
  const n = /（(.+)）/.exec(item)?.[1];
  if (!n) return quote;
  const lines = quote.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^\\s*[（(]\\s*${n}\\s*[）)]`).test(l));
  if (at <= 0) return quote;
  const out = [lines[at]!];
  for (const l of lines.slice(at + 1)) { if (/^\s*[（(]\s*[零〇一二两三四五六七八九十百\d]+\s*[）)]/.test(l)) break; out.push(l); }
  return out.join('\n');
}

/** Strips quotation marks around a whole quote: “…”, "…", 「…」. */
function unquote(s: string): string {
  const t = s.trim();
  const m = /^[“"「『](.*)[”"」』]$/s.exec(t);
  return m && !/[“”"「」『』]/.test(m[1]!) ? m[1]!.trim() : t;
}

function finish(o: Open, problems: BasisProblem[]): ParsedBasis[] {
  const quote = unquote(o.quote.join('\n').replace(/^[：:]\s*/, ''));
  const entry = (r: Ref): ParsedBasis => ({
    law: o.law,
    ...(r.article ? { article: r.article } : {}),
    ...(r.clause ? { clause: r.clause } : {}),
    ...(r.item ? { item: r.item } : {}),
  });
  if (!o.refs.length) return [{ law: o.law, ...(quote ? { quote } : {}), ...(o.note ? { note: o.note } : {}) }];
  if (o.refs.length === 1) {
    // 《A》第十二条：第十二条　下列事项……: the pasted text repeats the number.
    const a = o.refs[0]!.article;
    const own = a && quote.startsWith(a) && /^[\s：:]/.test(quote.slice(a.length)) ? quote.slice(a.length).replace(/^[\s：:]+/, '') : quote;
    return [{ ...entry(o.refs[0]!), ...(own ? { quote: itemText(own, o.refs[0]!.item) } : {}) }];
  }
  if (!quote) return o.refs.map(entry);
  const parts = splitQuote(o.refs, quote);
  if (parts) return o.refs.map((r, i) => ({ ...entry(r), ...(parts[i] ? { quote: parts[i] } : {}) }));
  // One text for several articles, not cut at their numbers: kept as the first one's note, not compared as a quote.
  problems.push({ kind: 'shared-quote', text: quote });
  return o.refs.map((r, i) => ({ ...entry(r), ...(i === 0 ? { note: quote } : {}) }));
}
