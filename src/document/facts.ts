/**
 * How the compendium prints a power's facts: only what the repository says. A fact not entered is printed 未填写 (the
 * stage that requires it makes it a validation error: check/stages.ts), never as a fact — a missing fee is not 不收费,
 * a missing time limit is not 无.
 */
import type { Power } from '../domain/types.js';
import { timeLimitText } from './text.js';

export const NOT_FILLED = '未填写';

/** 法定：20个工作日 / 承诺：10个工作日 / the note; 法定：未规定 when the law sets none; 法定：未填写 when not entered. */
export function powerTimeLimits(p: Power): string {
  const tl = p.time_limit;
  const s = tl?.statutory, pr = tl?.promised;
  const lines = [`法定：${s === undefined ? NOT_FILLED : timeLimitText(s)}`];
  // A promise is the department's own: none written, none printed.
  if (pr) lines.push(`承诺：${timeLimitText(pr)}`);
  if (tl?.note) lines.push(`（${tl.note.replace(/^（(.*)）$/, '$1')}）`);
  return lines.join('\n');
}

/** 不收费 only when `fees.charged: false` says so; `full` adds the basis of not charging (the catalogue's narrow column leaves it). */
export function feesText(p: Power, full = true): string {
  const f = p.fees;
  if (!f) return NOT_FILLED;
  if (!f.charged) return ['不收费', full && f.basis ? `依据：${f.basis}` : ''].filter(Boolean).join('\n');
  return [`收费：${f.standard ?? `标准${NOT_FILLED}`}`, `依据：${f.basis ?? NOT_FILLED}`].join('\n');
}
