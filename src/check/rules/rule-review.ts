import { defineRule, type CheckContext } from '../context.js';
import { PHRASES } from '../../diagnostics/messages.js';
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { RuleDoc } from '../../load/repository.js';

const PASSED = new Set(['通过', '修改后通过']);

/** The submission deadline: stages.submit_by, else the compendium's date. */
function deadline(ctx: CheckContext<ReviewRule>): string | undefined {
  return ctx.config?.stages?.submit_by ?? ctx.date;
}

type Which = 'legality_review' | 'deliberation';

/** Both rules have the keys missing, notPassed, noDate and late, with the same placeholders. */
type ReviewRule = 'rule-legality-review' | 'rule-deliberation';

function checkRecord(ctx: CheckContext<ReviewRule>, r: RuleDoc, which: Which, missingSeverity: Severity | null): void {
  const rec = r.data[which];
  const title = r.data.title;
  if (!rec || (!rec.date && !rec.result)) {
    if (!missingSeverity) return;
    ctx.report(r.source, rec ? r.source.rangeAt([which], { key: true }) : r.source.rangeAt(['id']), 'missing', { title }, missingSeverity);
    return;
  }
  if (ctx.stage !== 'submit') return;
  if (!rec.result || !PASSED.has(rec.result)) {
    ctx.report(r.source, r.source.rangeAt(rec.result ? [which, 'result'] : [which], { key: !rec.result }), 'notPassed', { title, result: rec.result ?? PHRASES.notFilled });
  }
  const due = deadline(ctx);
  if (!rec.date) {
    ctx.report(r.source, r.source.rangeAt([which], { key: true }), 'noDate', { title });
  } else if (due && rec.date > due) {
    ctx.report(r.source, r.source.rangeAt([which, 'date']), 'late', { title, date: rec.date, due });
  }
}

/** 合法性审查: every rule passes legality review; required from stage `review`, dated before submission at `submit`. */
export const ruleLegalityReview = defineRule({
  id: 'rule-legality-review',
  check(ctx) {
    const sev: Severity = ctx.stage === 'draft' ? 'info' : 'error';
    for (const r of ctx.rules) checkRecord(ctx, r, 'legality_review', sev);
  },
});

/** 集体审议: every rule passes collective deliberation, after its legality review. */
export const ruleDeliberation = defineRule({
  id: 'rule-deliberation',
  check(ctx) {
    const sev: Severity = ctx.stage === 'draft' ? 'info' : ctx.stage === 'review' ? 'warning' : 'error';
    for (const r of ctx.rules) {
      checkRecord(ctx, r, 'deliberation', sev);
      const lr = r.data.legality_review?.date, dl = r.data.deliberation?.date;
      if (lr && dl && dl < lr) {
        ctx.report(r.source, r.source.rangeAt(['deliberation', 'date']), 'beforeReview', { title: r.data.title, date: dl, reviewDate: lr });
      }
    }
  },
});
