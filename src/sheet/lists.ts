/**
 * A cell that holds a list (子项, 责任事项, 追责情形, 申请条件, 申请材料, the steps of 办理流程) into its items. Its
 * line breaks and its numbering carry the items: 1. 2. 3., 1、2、, （1）（2）, （一）（二）, ①②, 一、二、 — at the start of
 * a line or run together on one line after ；/。. A number counts only in sequence (1, 2, 3 …), so that "处1.5万元"
 * or a date is not taken for an item. Without numbering, each line is an item, or each part between ；.
 */
import { chineseToNumber } from '../domain/numerals.js';

interface Marker { at: number; end: number; n: number; style: string }

const MARKER = /(^|\n|[；;。：:]\s*|\s)((\d{1,3})\s*[.．、)）](?!\d)|[（(]\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*[）)]|([①-⑳])|([一二三四五六七八九十]{1,3})\s*、|第([一二三四五六七八九十\d]{1,3})(?:步|环节)\s*[：:，,、.．]?)/g;

function markers(s: string): Marker[] {
  const out: Marker[] = [];
  for (let m = MARKER.exec(s); m; m = MARKER.exec(s)) {
    const at = m.index + m[1]!.length;
    let n: number | null, style: string;
    if (m[3]) { n = Number(m[3]); style = `1${m[2]!.replace(/\d|\s/g, '')[0]}`; }
    else if (m[4]) { n = chineseToNumber(m[4]) ?? Number(m[4]); style = /\d/.test(m[4]) ? '(1)' : '(一)'; }
    else if (m[5]) { n = m[5].charCodeAt(0) - 0x2460 + 1; style = '①'; }
    else if (m[6]) { n = chineseToNumber(m[6]); style = '一、'; }
    else { n = chineseToNumber(m[7]!); style = '第一步'; }
    if (n === null || Number.isNaN(n)) continue;
    out.push({ at, end: m.index + m[0].length, n, style });
    // The separator before a marker may be the end of the previous one's text: look again from the marker's end.
    MARKER.lastIndex = m.index + m[0].length;
  }
  return out;
}

/**
 * The numbering of the list: the markers of one style numbered 1, 2, 3 … in order, the first near the start of the
 * cell or at the start of a line. Two markers at least.
 */
export function numbering(s: string): Marker[] | undefined {
  const all = markers(s);
  let best: Marker[] | undefined;
  for (const style of new Set(all.map((m) => m.style))) {
    const chain: Marker[] = [];
    for (const m of all) if (m.style === style && m.n === chain.length + 1) chain.push(m);
    // The first item near the start, or at the start of a line after a lead-in (有下列情形的，追究责任：\n1. …).
    const first = chain[0];
    if (chain.length >= 2 && first && (first.at <= 40 || s[first.at - 1] === '\n') && (!best || chain.length > best.length)) best = chain;
  }
  return best;
}

/** Lines of one item joined: no space between Chinese characters, one between Latin words. */
export function joinLines(s: string): string {
  return s.split('\n').map((l) => l.trim()).filter(Boolean).reduce((acc, l) => (!acc ? l : /[A-Za-z0-9]$/.test(acc) && /^[A-Za-z0-9]/.test(l) ? `${acc} ${l}` : `${acc}${l}`), '');
}

/** `s` without the characters of `chars` at its end (a loop: a regular expression ending in +$ is quadratic on a long run). */
export function trimEndChars(s: string, chars: string): string {
  let e = s.length;
  while (e > 0 && chars.includes(s[e - 1]!)) e--;
  return s.slice(0, e);
}

function tidy(item: string): string {
  return trimEndChars(joinLines(item), '；;，,、').trim();
}

/** The items of a list cell. */
export function listItems(cell: string): string[] {
  const s = cell.trim();
  if (!s) return [];
  const nums = numbering(s);
  if (nums) {
    const items: string[] = [];
    const lead = tidy(s.slice(0, nums[0]!.at));
    if (lead) items.push(lead);
    nums.forEach((m, i) => items.push(tidy(s.slice(m.end, nums[i + 1]?.at ?? s.length))));
    return items.filter(Boolean);
  }
  const lines = s.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length > 1) return lines.map(tidy).filter(Boolean);
  return s.split(/[；;]/).map(tidy).filter(Boolean);
}
