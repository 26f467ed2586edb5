/**
 * Dates as law texts write them: 2019年6月1日, 二〇〇一年六月十六日, １９９５年１月１日 (full-width digits, a defect the
 * reader reports), and the file names' 2019-06-01. Always returned as YYYY-MM-DD.
 */
import { chineseToNumber } from '../domain/numerals.js';

const CN_DIGIT: Record<string, string> = { 〇: '0', 零: '0', Ｏ: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** `YYYY年M月D日` anywhere in a string: Arabic, full-width or Chinese digits. */
export const DATE_SOURCE = '([0-9０-９]{4}|[〇零Ｏ一二三四五六七八九]{4})\\s*年\\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\\s*月\\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\\s*日';
export const DATE_RE = new RegExp(DATE_SOURCE);
export const DATE_RE_G = new RegExp(DATE_SOURCE, 'g');

const FULL = /[０-９]/;
export function fullWidthToAscii(s: string): string {
  return FULL.test(s) ? s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) : s;
}

function part(s: string): number | null {
  const a = fullWidthToAscii(s);
  return /^\d+$/.test(a) ? Number(a) : chineseToNumber(a);
}

/** The date of a `DATE_RE` match, or undefined when it is no calendar date. */
export function dateOfMatch(m: RegExpExecArray | RegExpMatchArray): string | undefined {
  const yRaw = fullWidthToAscii(m[1]!);
  const y = /^\d{4}$/.test(yRaw) ? Number(yRaw) : Number([...yRaw].map((c) => CN_DIGIT[c] ?? '').join(''));
  const mo = part(m[2]!), d = part(m[3]!);
  if (!y || !mo || !d || mo > 12 || d > 31 || y < 1900 || y > 2100) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first date in `s`, with where it starts and whether it was written with full-width digits. */
const FIND = new RegExp(DATE_SOURCE, 'g');

export function findDate(s: string, from = 0): { date: string; index: number; end: number; fullWidth: boolean } | undefined {
  const re = FIND;
  re.lastIndex = from;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const date = dateOfMatch(m);
    if (date) return { date, index: m.index, end: m.index + m[0].length, fullWidth: FULL.test(m[0]) };
  }
  return undefined;
}

/** Every date in `s`, in order. */
export function allDates(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(DATE_RE_G)) { const d = dateOfMatch(m); if (d) out.push(d); }
  return out;
}

/** `YYYY-MM-DD` (also 2019.6.1, 2019/6/1, and 2019年6月1日) to the normal form, or undefined. */
export function parseIsoDate(s: string): string | undefined {
  const t = fullWidthToAscii(s.trim());
  const m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
    const iso = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const dt = new Date(`${iso}T00:00:00Z`);
    return dt.getUTCFullYear() === y && dt.getUTCMonth() + 1 === mo && dt.getUTCDate() === d ? iso : undefined;
  }
  const f = findDate(t);
  return f && f.index === 0 && f.end === t.length ? f.date : undefined;
}
