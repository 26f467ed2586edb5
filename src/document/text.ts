/** How the compendium writes dates, legal bases, time limits and fees. */
import { articleLabel, numberToChinese } from '../domain/numerals.js';
import type { Law, LegalBasisRef, Power, TimeLimit } from '../domain/types.js';

const DIGIT = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 2010-11-20 → 二〇一〇年十一月 (the cover's form); with `day`, 二〇一〇年十一月二十日. */
export function chineseDate(iso: string, day = false): string {
  const [y, m, d] = iso.split('-').map(Number);
  const year = String(y).split('').map((c) => DIGIT[Number(c)]).join('');
  return `${year}年${numberToChinese(m)}月${day ? `${numberToChinese(d)}日` : ''}`;
}

/** 《行政许可法》第十四条第二款第（一）项 */
export function legalBasisText(b: LegalBasisRef, law: Law | string | undefined): string {
  const title = `《${(typeof law === 'string' ? law : law?.title) ?? b.law.replace(/^《|》$/g, '')}》`;
  let s = title;
  if (b.article !== undefined) s += articleLabel(b.article, '条');
  if (b.clause !== undefined) s += articleLabel(b.clause, '款');
  if (b.item !== undefined) s += articleLabel(b.item, '项');
  return s;
}

export function timeLimitText(t: TimeLimit | string | undefined): string {
  if (t === undefined) return '';
  if (typeof t === 'string') return t;
  if (t.days === 0) return '即时办结';
  return `${t.days}个${t.unit ?? '工作日'}`;
}

export function powerTimeLimits(p: Power): string {
  const s = p.time_limit?.statutory, pr = p.time_limit?.promised;
  const parts: string[] = [];
  parts.push(`法定：${s ? timeLimitText(s) : '无'}`);
  parts.push(`承诺：${pr ? timeLimitText(pr) : '无'}`);
  return parts.join('\n');
}

export function feesText(p: Power): string {
  if (!p.fees || !p.fees.charged) return '不收费';
  return [p.fees.standard, p.fees.basis ? `依据：${p.fees.basis}` : ''].filter(Boolean).join('\n') || '收费';
}
