/** How the compendium writes dates, legal bases, time limits and fees. */
import { articleLabel, numberToChinese } from '../domain/numerals.js';
import { formatTimeLimit } from '../domain/time.js';
import type { Law, LegalBasisRef, Power, TimeLimit } from '../domain/types.js';
import { bookTitle } from '../domain/law.js';

const DIGIT = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 2010-11-20 → 二〇一〇年十一月 (the cover's form); with `day`, 二〇一〇年十一月二十日. */
export function chineseDate(iso: string, day = false): string {
  const [y, m, d] = iso.split('-').map(Number);
  const year = String(y).split('').map((c) => DIGIT[Number(c)]).join('');
  return `${year}年${numberToChinese(m)}月${day ? `${numberToChinese(d)}日` : ''}`;
}

/** 《行政许可法》第十四条第二款第（一）项 */
export function legalBasisText(b: LegalBasisRef, law: Law | string | undefined): string {
  const title = bookTitle((typeof law === 'string' ? law : law?.title) ?? b.law);
  let s = title;
  if (b.article !== undefined) s += articleLabel(b.article, '条');
  if (b.clause !== undefined) s += articleLabel(b.clause, '款');
  if (b.item !== undefined) s += articleLabel(b.item, '项');
  return s;
}

/** A time limit as printed (domain/time.ts); '' for one nobody entered. */
export function timeLimitText(t: TimeLimit | string | undefined): string {
  return formatTimeLimit(t) ?? '';
}

/** What stands between a heading's number and its text: nothing after 一、 （一） 1. and the like, else a full-width space (第一部分　职权目录). */
export function numberSeparator(number: string): string {
  return /[、，．.）)\s　:：]$/.test(number) ? '' : '　';
}
