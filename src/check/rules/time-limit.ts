import { defineRule } from '../context.js';
import type { TimeLimit } from '../../domain/types.js';

/** Working days compared with calendar days: five working days to seven calendar days. */
function inCalendarDays(t: TimeLimit): number {
  return t.unit === '自然日' ? t.days : (t.days * 7) / 5;
}

/** 承诺时限 must not exceed 法定时限. */
export const promisedExceedsStatutory = defineRule({
  id: 'time-limit-promised',
  perPower: true,
  check(ctx) {
    for (const p of ctx.powers) {
      const s = p.data.time_limit?.statutory, pr = p.data.time_limit?.promised;
      if (!s || !pr || typeof s !== 'object') continue;
      const same = (s.unit ?? '工作日') === (pr.unit ?? '工作日');
      if (same ? pr.days <= s.days : inCalendarDays(pr) <= inCalendarDays(s)) continue;
      ctx.report(p.source, p.source.rangeAt(['time_limit', 'promised', 'days']), 'exceeds', {
        promised: pr.days, promisedUnit: pr.unit ?? '工作日', statutory: s.days, statutoryUnit: s.unit ?? '工作日',
      });
    }
  },
});
