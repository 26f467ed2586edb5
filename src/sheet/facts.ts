/**
 * The cells that state a fact the compendium prints: 权力类别, 办理时限, 收费依据及标准. Each is read only when it says
 * the fact: "20个工作日" is twenty working days, "30日" thirty calendar days, "即时办结" none; "不收费" is no fee.
 * A cell that says nothing ("无", "/", "—") or something else ("按年度计划") is not turned into a fact: the time limit's
 * text is kept as its note, and the field is reported missing.
 */
import { chineseToNumber } from '../domain/numerals.js';
import { POWER_CATEGORIES, type PowerCategory, type TimeLimit } from '../domain/types.js';

/** Cells that hold nothing: left out, never read as 不收费 or 未规定. */
export function isPlaceholder(s: string): boolean {
  return /^[\s/／\\\-—–－_·.。…无暂缺略空]*$/.test(s) || /^(无|暂无|空|略|不适用|\/|未填写|未填|待填写|待补充)$/.test(s.trim());
}

const CATEGORY_WORDS: [RegExp, PowerCategory][] = [
  [/许可|审批/, '行政许可'],
  [/处罚/, '行政处罚'],
  [/强制/, '行政强制'],
  [/征收|征用/, '行政征收'],
  [/给付/, '行政给付'],
  [/检查|监督检查/, '行政检查'],
  [/确认/, '行政确认'],
  [/奖励|表彰/, '行政奖励'],
  [/裁决/, '行政裁决'],
  [/^其他|其他行政权力|其他权力/, '其他行政权力'],
];

/** 权力类别 as written → the category of the format: 行政许可, 许可, 行政许可类 …; undefined when it is none of them. */
export function readCategory(s: string): PowerCategory | undefined {
  const t = s.replace(/[\s\u3000]+/g, '').replace(/类$|事项$|权$/, '');
  if (!t) return undefined;
  if ((POWER_CATEGORIES as readonly string[]).includes(t)) return t as PowerCategory;
  const hits = CATEGORY_WORDS.filter(([re]) => re.test(t));
  return hits.length === 1 && t.length <= 12 ? hits[0]![1] : undefined;
}

// A number starts after a character that is no digit: a run of digits is tried once, not from each of its digits.
const DAYS = /(?<![0-9０-９零〇一二两三四五六七八九十百])([0-9０-９]+|[零〇一二两三四五六七八九十百]+)\s*个?\s*(工作日|自然日|日|天)/;
const IMMEDIATE = /即时办结|即办|当场办结|当场办理|即时|当场|立即办结/;

function toNumber(s: string): number | null {
  const d = s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return /^\d+$/.test(d) ? Number(d) : chineseToNumber(d);
}

/** "20个工作日" → {days: 20, unit: 工作日}; "30日" → {days: 30, unit: 自然日}; "即时办结" → {days: 0}. */
export function readDays(s: string): TimeLimit | undefined {
  const t = s.trim();
  const m = DAYS.exec(t);
  if (m) {
    const n = toNumber(m[1]!);
    if (n === null || !Number.isInteger(n) || n < 0) return undefined;
    return { days: n, unit: m[2] === '工作日' ? '工作日' : '自然日' };
  }
  if (IMMEDIATE.test(t)) return { days: 0 };
  return undefined;
}

export interface ReadTimeLimit {
  statutory?: TimeLimit | '未规定';
  promised?: TimeLimit;
  /** The cell's text when it is more than the figures read (or not read at all). */
  note?: string;
}

/** One time-limit part: "法定20个工作日", "未规定", … */
function statutoryOf(s: string): TimeLimit | '未规定' | undefined {
  if (/未规定|没有规定|无规定|未作规定|无明确规定/.test(s)) return '未规定';
  return readDays(s);
}

/**
 * 办理时限 cell: "法定时限：20个工作日；承诺时限：10个工作日", "法定20日，承诺5日", or one figure (the statutory limit:
 * the column the list publishes is the legal one unless it says 承诺). `which` is the column's own meaning when the
 * sheet has separate 法定时限 and 承诺时限 columns.
 */
export function readTimeLimit(s: string, which: 'any' | 'statutory' | 'promised' = 'any'): ReadTimeLimit {
  const t = s.trim();
  if (!t || isPlaceholder(t)) return {};
  const out: ReadTimeLimit = {};
  if (which === 'promised') {
    const d = readDays(t);
    if (d) out.promised = d;
  } else if (which === 'statutory') {
    const d = statutoryOf(t);
    if (d) out.statutory = d;
  } else {
    const legal = /法定[^；;，,。\n承]*/.exec(t)?.[0];
    const promised = /承诺[^；;，,。\n法]*/.exec(t)?.[0];
    if (legal || promised) {
      // "20个工作日（承诺10个工作日）": the figure outside the 承诺 part is the statutory one.
      const rest = !legal && promised ? t.replace(promised, '').split(/[；;，,。\n（(）)]/).map((x) => x.trim()).filter(Boolean) : [];
      const a = legal ? statutoryOf(legal) : rest.length === 1 ? statutoryOf(rest[0]!) : undefined;
      const b = promised ? readDays(promised) : undefined;
      if (a) out.statutory = a;
      if (b) out.promised = b;
      // What the cell says besides its labelled figures is a note: 法定：20个工作日\n承诺：10个工作日\n（自受理之日起计算）.
      if (a || b) {
        const read = [legal && (a || /未填写|未填/.test(legal)) ? legal : undefined, promised && b ? promised : undefined, !legal && a ? rest[0] : undefined];
        const note = leftover(t, read.filter((x): x is string => Boolean(x)));
        if (note) out.note = note;
        return out;
      }
    } else {
      const parts = t.split(/[；;，,。\n]/).map((p) => p.trim()).filter(Boolean);
      // One figure: the statutory limit. Several (子项 with their own limits): none chosen, the text kept.
      const figures = parts.filter((p) => statutoryOf(p) !== undefined);
      if (figures.length === 1 && parts.length === 1) out.statutory = statutoryOf(figures[0]!)!;
    }
  }
  if (!(out.statutory || out.promised) || !isPlainFigure(t, out)) out.note = t.replace(/\n+/g, '；');
  return out;
}

/** The text of `t` without `parts` and the separators and brackets around them; '' when nothing is left. */
function leftover(t: string, parts: string[]): string {
  let rest = t;
  for (const p of parts) rest = rest.replace(p, '\n');
  const lines = rest.split(/\n+/).map((l) => l.replace(/^[\s：:；;，,。]+|[\s：:；;，,。]+$/g, '').replace(/^[（(](.*)[）)]$/, '$1').trim()).filter((l) => l && !/^[（()）]+$/.test(l));
  return lines.join('；');
}

/** Whether the cell says no more than the figures read ("20个工作日", "法定：20个工作日；承诺：10个工作日"). */
function isPlainFigure(t: string, r: ReadTimeLimit): boolean {
  const rest = t.replace(/法定(办结|办理)?(时限|期限)?|承诺(办结|办理)?(时限|期限)?|[：:；;，,。\s]|[（(]\s*(?=承诺)|(?<=日|天)\s*[）)]/g, '')
    .replace(new RegExp(DAYS.source, 'g'), '').replace(IMMEDIATE, '').replace(/未规定|没有规定|无规定|未作规定|无明确规定|法律法规/g, '');
  return !rest && Boolean(r.statutory || r.promised);
}

export interface ReadFees { charged?: boolean; standard?: string; basis?: string }

/**
 * 收费依据及标准: "不收费" (and its variants) is no fee; an amount or a 价费 document is a fee, its standard the text
 * and its basis the 《…》 or 文号 it names; anything else is not read (the cell is reported).
 */
export function readFees(s: string): ReadFees | undefined {
  const t = s.trim();
  if (!t || isPlaceholder(t)) return undefined;
  // As the compendium and `powerbook export` write it: 不收费 [依据：…], or 收费：standard / 依据：basis.
  const labelled = (label: string) => {
    const m = new RegExp(`(?:^|\\n)\\s*${label}[：:]\\s*([^\\n]*)`).exec(t);
    const v = m?.[1]?.trim();
    return v && !isPlaceholder(v) && !/^标准(未填写|未填)$/.test(v) ? v : undefined;
  };
  const basisLine = labelled('依据');
  if (/^不收费(\n|$)/.test(t)) return { charged: false, ...(basisLine ? { basis: basisLine } : {}) };
  const standardLine = labelled('收费');
  if (standardLine !== undefined || /^收费[：:]/.test(t)) return { charged: true, ...(standardLine ? { standard: standardLine } : {}), ...(basisLine ? { basis: basisLine } : {}) };
  if (/^(否|不)$/.test(t) || /不收费|不收取|免费|免收|无收费|不予收费|不得收取|未收费/.test(t)) return { charged: false };
  if (/^(是|收费)$/.test(t)) return { charged: true };
  if (/\d\s*元|元\s*\/|收费标准|按[^。；;\n]{0,40}标准收取|收取/.test(t) || /价费|发改价|价格/.test(t)) {
    const basis = /《[^》]+》(?:[（(][^）)]*[）)])?|[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号|[\u4e00-\u9fff]{1,8}\[\d{4}\]\d+号/.exec(t)?.[0];
    const standard = t.replace(/^(收费)?(标准|依据)[：:]/, '').trim();
    return { charged: true, standard, ...(basis ? { basis } : {}) };
  }
  return undefined;
}

/** 状态: 有效, 暂停, 取消 as lists write them (已取消, 暂停实施 …); undefined for anything else. */
export function readStatus(s: string): '有效' | '暂停' | '取消' | undefined {
  const t = s.replace(/\s+/g, '');
  const hits = (['取消', '暂停', '有效'] as const).filter((w) => t.includes(w));
  return hits.length === 1 && t.length <= 8 ? hits[0] : undefined;
}

/** A date as YYYY-MM-DD: 2024-07-01, 2024/7/1, 2024.7.1, 2024年7月1日 (a date cell is already YYYY-MM-DD). */
export function readDate(s: string): string | undefined {
  const m = /^\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?\s*$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}
