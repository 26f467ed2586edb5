/**
 * Repeal clauses in a text: 「本办法自2019年6月1日起施行。2001年6月16日国务院公布的《报废汽车回收管理办法》同时废止。」
 * (also 即行废止, 予以废止, 一并废止), a decision's 「一、废止《北京市…条例》（1992年9月19日…通过）」, and a list after
 * 「下列…予以废止：」 (刑法's 附件). Each named title becomes a RepealClause with the date and the issuer the clause
 * gives for it (the latest date before the title: 「1990年…发布、1994年…修订发布的《行政复议条例》」 names its last
 * version), so that it can be matched to the right text.
 */
import { allDates } from './dates.js';
import type { LibArticle, RepealClause } from './types.js';

const VERB = /^[\s，,]*(?:[（(][^）)]*[）)])?[\s，,]*(?:等[^\s，,。；]{0,8}?)?(?:也|均|亦)?(?:同时|即行|予以|一并|即|自行)?(?:同时|即行|予以|一并)?废止/;
const TITLE = /《((?:[^《》]|《[^《》]*》)+)》/g;

/** Issuers as clauses name them, normalised: 国务院, 全国人民代表大会常务委员会, 广东省人民代表大会常务委员会… */
export function issuerOf(text: string): string | undefined {
  const t = text.replace(/第[一二三四五六七八九十百零〇\d]+届/g, '').replace(/人大常委会/g, '人民代表大会常务委员会');
  const m = /(全国人民代表大会常务委员会|全国人民代表大会|国务院|最高人民法院|最高人民检察院|中央军事委员会|([\u4e00-\u9fa5]{1,12}?(?:省|市|自治区|自治州|自治县|县))(人民代表大会常务委员会|人民代表大会|人民政府)|[\u4e00-\u9fa5]{1,10}?(?:部|委员会|总局|总署|局|署|办公厅)(?=[发公令部颁印]))/.exec(t);
  if (!m) return undefined;
  return m[1]!.replace(/^(?:经|由|和|及|与|、)/, '');
}

interface Where { line: number; column?: number }

function clausesIn(text: string, file: string, at: Where, out: RepealClause[]): void {
  for (const sentence of text.split(/[。；;]/)) {
    if (!sentence.includes('废止')) continue;
    const titles = [...sentence.matchAll(TITLE)];
    if (!titles.length) continue;
    // 「废止《X》（date…）」: a decision's own item.
    const lead = /^(?:[一二三四五六七八九十]+、)?\s*(?:决定)?废止/.exec(sentence);
    if (lead && titles[0]!.index === lead.index + lead[0].length) {
      const t = titles[0]!;
      const after = sentence.slice(t.index! + t[0].length);
      const paren = /^\s*[（(]([^）)]*)[）)]/.exec(after)?.[1] ?? '';
      push(out, t[1]!, paren, sentence, file, at);
      continue;
    }
    // 「…《A》、《B》和…《C》同时废止」: the titles chained right before the verb.
    for (let i = titles.length - 1; i >= 0; i--) {
      const t = titles[i]!;
      const after = sentence.slice(t.index! + t[0].length);
      if (!VERB.test(after)) continue;
      const chain = [t];
      for (let j = i - 1; j >= 0; j--) {
        const between = sentence.slice(titles[j]!.index! + titles[j]![0].length, chain[0]!.index);
        if (/^\s*(?:[（(][^）)]*[）)])?\s*(?:[、，,]|和|及|与|以及|$)/.test(between) || between === '') chain.unshift(titles[j]!);
        else break;
      }
      let start = 0;
      const before = sentence.slice(0, chain[0]!.index);
      const cut = Math.max(before.lastIndexOf('施行，'), before.lastIndexOf('施行,'), before.lastIndexOf('：'));
      if (cut >= 0) start = cut + 3;
      chain.forEach((c, k) => {
        const from = k === 0 ? start : chain[k - 1]!.index! + chain[k - 1]![0].length;
        push(out, c[1]!, sentence.slice(from, c.index), sentence, file, at);
      });
      break;
    }
  }
}

function push(out: RepealClause[], title: string, context: string, sentence: string, file: string, at: Where): void {
  const dates = allDates(context).sort();
  const clause: RepealClause = { title: title.trim(), at: { file, line: at.line, ...(at.column ? { column: at.column } : {}) }, text: sentence.trim() + '。' };
  if (dates.length) clause.date = dates[dates.length - 1];
  const issuer = issuerOf(context);
  if (issuer) clause.issuer = issuer;
  out.push(clause);
}

/** The repeal clauses of a text's articles (or sections). */
export function findRepeals(file: string, units: LibArticle[]): RepealClause[] {
  const out: RepealClause[] = [];
  for (const a of units) {
    const unitFile = a.file ?? file;
    a.clauses.forEach((c, ci) => {
      const where: Where = { line: c.line ?? a.line };
      const text = ci === 0 ? `${a.label}${c.text}` : c.text;
      if (text.includes('废止')) clausesIn(text.replace(/^第[^条]+条(?:之[一二三四五六七八九十]+)?/, ''), unitFile, where, out);
      // 「下列…予以废止：」 and the items listing the texts (without 《》).
      if (/废止[：:]\s*$/.test(c.text) && c.items.length) {
        for (const item of c.items) {
          const name = item.text.replace(/[。；;]$/, '').trim();
          if (name) out.push({ title: name.replace(/^《|》$/g, ''), at: { file: unitFile, line: where.line }, text: `${c.text}${item.label}${item.text}` });
        }
      }
    });
  }
  return out;
}
