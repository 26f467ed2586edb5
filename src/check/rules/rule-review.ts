/**
 * 合法性审查 and 集体审议 records of each rule, as far as the stage requires (check/stages.ts): a record from stage
 * review (legality) or deliberation; dated by the plan's stage date; passed before the next stage; in order; before
 * submission.
 */
import { defineRule, type CheckContext } from '../context.js';
import type { Config } from '../../domain/types.js';
import type { RuleDoc } from '../../load/repository.js';
import { isRequired, severityAt, type RequirementId } from '../stages.js';

const PASSED = new Set(['通过', '修改后通过']);

type Which = 'legality_review' | 'deliberation';
interface Spec {
  id: 'rule-legality-review' | 'rule-deliberation';
  record: RequirementId; passed: RequirementId; onTime: RequirementId;
  dateKey: keyof NonNullable<Config['stages']>;
}
const SPECS: Record<Which, Spec> = {
  legality_review: {
    id: 'rule-legality-review', record: 'legality-review-record', passed: 'legality-review-passed', onTime: 'legality-review-on-time', dateKey: 'legality_review_by',
  },
  deliberation: {
    id: 'rule-deliberation', record: 'deliberation-record', passed: 'deliberation-passed', onTime: 'deliberation-on-time', dateKey: 'deliberation_by',
  },
};

function checkRecord(ctx: CheckContext<'rule-legality-review'> | CheckContext<'rule-deliberation'>, r: RuleDoc, which: Which): void {
  // Both rules have the same message keys for a record (diagnostics/messages.ts).
  const report = ctx.report as CheckContext<'rule-legality-review'>['report'];
  const rec = r.data[which];
  const n = SPECS[which];
  const title = r.data.title;
  const stage = ctx.stage;
  if (!rec || (!rec.date && !rec.result)) {
    report(r.source, rec ? r.source.rangeAt([which], { key: true }) : r.source.rangeAt(['id']), 'missing', { title }, severityAt(stage, n.record));
    return;
  }
  if (!isRequired(stage, n.record)) return;
  if (!rec.date) {
    report(r.source, r.source.rangeAt([which], { key: true }), 'noDate', { title }, severityAt(stage, n.record));
  }
  if (!rec.result) {
    report(r.source, r.source.rangeAt([which], { key: true }), 'noResult', { title }, severityAt(stage, n.record));
  } else if (isRequired(stage, n.passed) && !PASSED.has(rec.result)) {
    if (which === 'legality_review') (ctx as CheckContext<'rule-legality-review'>).report(r.source, r.source.rangeAt([which, 'result']), 'notPassedBeforeDeliberation', { title, result: rec.result }, severityAt(stage, n.passed));
    else report(r.source, r.source.rangeAt([which, 'result']), 'notPassed', { title, result: rec.result }, severityAt(stage, n.passed));
  }
  if (!rec.date) return;
  const planned = ctx.config?.stages?.[n.dateKey];
  if (planned && rec.date > planned) {
    report(r.source, r.source.rangeAt([which, 'date']), 'afterStageDate', { title, date: rec.date, dateKey: n.dateKey, planned }, severityAt(stage, n.onTime));
  }
  const due = ctx.config?.stages?.submit_by ?? ctx.date;
  if (isRequired(stage, 'reviews-before-submit') && due && rec.date > due) {
    report(r.source, r.source.rangeAt([which, 'date']), 'late', { title, date: rec.date, due }, severityAt(stage, 'reviews-before-submit'));
  }
}

/** 合法性审查: a record from stage review, dated by legality_review_by; passed from stage deliberation. */
export const ruleLegalityReview = defineRule({
  id: 'rule-legality-review',
  check(ctx) {
    for (const r of ctx.rules) checkRecord(ctx, r, 'legality_review');
  },
});

/** 集体审议: a record from stage deliberation, after the legality review, dated by deliberation_by; passed at submit. */
export const ruleDeliberation = defineRule({
  id: 'rule-deliberation',
  check(ctx) {
    for (const r of ctx.rules) {
      checkRecord(ctx, r, 'deliberation');
      const lr = r.data.legality_review?.date, dl = r.data.deliberation?.date;
      if (lr && dl && dl < lr) {
        ctx.report(r.source, r.source.rangeAt(['deliberation', 'date']), 'beforeReview', { title: r.data.title, date: dl, reviewDate: lr }, severityAt(ctx.stage, 'deliberation-after-review'));
      }
    }
  },
});
