/**
 * Chinese article numbers: 第十二条, 第一百零三条, 第（三）项, 第二款, or plain 12. Written by hand: the forms are few and fixed,
 * and the npm packages for Chinese numerals either pull in large dictionaries or do not handle 第…条之一.
 */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Chinese numeral (up to 9999) to a number, or null. Arabic digits pass through. */
export function chineseToNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || !/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return null;
  let total = 0, digit = 0, seenUnit = false;
  for (const ch of s) {
    if (ch in DIGITS) { digit = DIGITS[ch]; seenUnit = false; }
    else {
      const u = UNITS[ch];
      total += (digit || (seenUnit || total === 0 ? 1 : 0) || 1) * u;
      digit = 0; seenUnit = true;
    }
  }
  return total + digit;
}

const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Number to Chinese numeral as used in article numbers: 12 → 十二, 103 → 一百零三. */
export function numberToChinese(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return CN[n];
  if (n < 20) return '十' + (n % 10 ? CN[n % 10] : '');
  const parts: string[] = [];
  const units = ['千', '百', '十', ''];
  const ds = String(n).padStart(4, '0').split('').map(Number);
  let zero = false, started = false;
  ds.forEach((d, i) => {
    if (d === 0) { if (started) zero = true; return; }
    if (zero) { parts.push('零'); zero = false; }
    parts.push(CN[d] + units[i]);
    started = true;
  });
  return parts.join('');
}

/**
 * Normalised key of an article/clause/item reference: "第十二条" / "12" / 12 → "12"; "第十二条之一" → "12-1".
 * Null when it cannot be read.
 */
const keyCache = new Map<string, string | null>();

export function articleKey(ref: string | number): string | null {
  if (typeof ref === 'number') return Number.isInteger(ref) && ref > 0 ? String(ref) : null;
  let k = keyCache.get(ref);
  if (k === undefined) { k = parseArticleKey(ref); keyCache.set(ref, k); }
  return k;
}

function parseArticleKey(ref: string): string | null {
  const s = ref.trim().replace(/\s+/g, '');
  const m = /^第?[（(]?([零〇一二两三四五六七八九十百千\d]+)[）)]?(?:条|款|项|目)?(?:之([一二三四五六七八九十\d]+))?$/.exec(s);
  if (!m) return null;
  const n = chineseToNumber(m[1]);
  if (n === null || n <= 0) return null;
  if (m[2]) {
    const k = chineseToNumber(m[2]);
    return k === null ? null : `${n}-${k}`;
  }
  return String(n);
}

/** Display form of an article reference: 12 → 第十二条. */
export function articleLabel(ref: string | number, unit: '条' | '款' | '项' = '条'): string {
  const key = articleKey(ref);
  if (!key) return String(ref);
  const [n, k] = key.split('-').map(Number);
  const core = unit === '项' ? `第（${numberToChinese(n)}）项` : `第${numberToChinese(n)}${unit}`;
  return k ? `${core}之${numberToChinese(k)}` : core;
}
