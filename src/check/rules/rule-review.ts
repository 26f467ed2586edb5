/**
 * 合法性审查 and 集体审议 records of each rule, as far as the stage requires (check/stages.ts): a record from stage
 * review (legality) or deliberation; dated by the plan's stage date; passed before the next stage; in order; before
 * submission.
 */
import type { CheckContext, Rule } from '../context.js';
import type { Config } from '../../domain/types.js';
import type { RuleDoc } from '../../load/repository.js';
import { isRequired, severityAt, type RequirementId } from '../stages.js';

const PASSED = new Set(['通过', '修改后通过']);

type Which = 'legality_review' | 'deliberation';
interface Spec {
  zh: string; en: string;
  record: RequirementId; passed: RequirementId; onTime: RequirementId;
  dateKey: keyof NonNullable<Config['stages']>;
  hintZh: string;
}
const SPECS: Record<Which, Spec> = {
  legality_review: {
    zh: '合法性审查', en: 'legality review', record: 'legality-review-record', passed: 'legality-review-passed', onTime: 'legality-review-on-time',
    dateKey: 'legality_review_by', hintZh: '起草后交本机关法制机构审查，填写 legality_review 的 reviewer、date、opinion、result',
  },
  deliberation: {
    zh: '集体审议', en: 'collective deliberation', record: 'deliberation-record', passed: 'deliberation-passed', onTime: 'deliberation-on-time',
    dateKey: 'deliberation_by', hintZh: '审查后提交领导班子集体审议，填写 deliberation 的 meeting、date、result',
  },
};

function checkRecord(ctx: CheckContext, r: RuleDoc, which: Which): void {
  const rec = r.data[which];
  const n = SPECS[which];
  const title = r.data.title;
  const stage = ctx.stage;
  if (!rec || (!rec.date && !rec.result)) {
    ctx.report(r.source, rec ? r.source.rangeAt([which], { key: true }) : r.source.rangeAt(['id']), {
      zh: `制度"${title}"没有${n.zh}记录`, en: `Rule "${title}" has no ${n.en} record`,
      hintZh: n.hintZh, hintEn: `Fill in ${which} (date, result…)`,
    }, severityAt(stage, n.record));
    return;
  }
  if (!isRequired(stage, n.record)) return;
  if (!rec.date) {
    ctx.report(r.source, r.source.rangeAt([which], { key: true }), {
      zh: `制度"${title}"的${n.zh}没有日期`, en: `Rule "${title}": ${n.en} has no date`, hintZh: '填写 date: YYYY-MM-DD', hintEn: 'Add date: YYYY-MM-DD',
    }, severityAt(stage, n.record));
  }
  if (!rec.result) {
    ctx.report(r.source, r.source.rangeAt([which], { key: true }), {
      zh: `制度"${title}"的${n.zh}没有结论`, en: `Rule "${title}": ${n.en} has no result`,
      hintZh: '填写 result: 通过、修改后通过 或 不通过', hintEn: 'Add result: 通过, 修改后通过 or 不通过',
    }, severityAt(stage, n.record));
  } else if (isRequired(stage, n.passed) && !PASSED.has(rec.result)) {
    ctx.report(r.source, r.source.rangeAt([which, 'result']), {
      zh: `制度"${title}"的${n.zh}结论为"${rec.result}"，${which === 'legality_review' ? '提交集体审议' : '报送'}前须为"通过"或"修改后通过"`,
      en: `Rule "${title}": ${n.en} result is "${rec.result}"; it must have passed before ${which === 'legality_review' ? 'deliberation' : 'submission'}`,
      hintZh: '修改制度后重新审查或审议，并更新结论', hintEn: 'Revise and review again, then update the result',
    }, severityAt(stage, n.passed));
  }
  if (!rec.date) return;
  const planned = ctx.config?.stages?.[n.dateKey];
  if (planned && rec.date > planned) {
    ctx.report(r.source, r.source.rangeAt([which, 'date']), {
      zh: `制度"${title}"的${n.zh}日期 ${rec.date} 晚于工作节点 stages.${n.dateKey}（${planned}）`,
      en: `Rule "${title}": ${n.en} date ${rec.date} is after stages.${n.dateKey} (${planned})`,
      hintZh: `核对日期；工作节点推迟的，修改 powerbook.yaml 的 stages.${n.dateKey}`, hintEn: `Check the date, or move stages.${n.dateKey} in powerbook.yaml`,
    }, severityAt(stage, n.onTime));
  }
  const due = ctx.config?.stages?.submit_by ?? ctx.date;
  if (isRequired(stage, 'reviews-before-submit') && due && rec.date > due) {
    ctx.report(r.source, r.source.rangeAt([which, 'date']), {
      zh: `制度"${title}"的${n.zh}日期 ${rec.date} 晚于报送日期 ${due}`, en: `Rule "${title}": ${n.en} date ${rec.date} is after the submission date ${due}`,
      hintZh: '报送前须完成审查和审议；核对日期', hintEn: 'Review and deliberation must precede submission',
    }, severityAt(stage, 'reviews-before-submit'));
  }
}

/** 合法性审查: a record from stage review, dated by legality_review_by; passed from stage deliberation. */
export const ruleLegalityReview: Rule = {
  id: 'rule-legality-review',
  check(ctx) {
    for (const r of ctx.rules) checkRecord(ctx, r, 'legality_review');
  },
};

/** 集体审议: a record from stage deliberation, after the legality review, dated by deliberation_by; passed at submit. */
export const ruleDeliberation: Rule = {
  id: 'rule-deliberation',
  check(ctx) {
    for (const r of ctx.rules) {
      checkRecord(ctx, r, 'deliberation');
      const lr = r.data.legality_review?.date, dl = r.data.deliberation?.date;
      if (lr && dl && dl < lr) {
        ctx.report(r.source, r.source.rangeAt(['deliberation', 'date']), {
          zh: `制度"${r.data.title}"的集体审议日期 ${dl} 早于合法性审查日期 ${lr}`, en: `Deliberation ${dl} precedes legality review ${lr}`,
          hintZh: '按工作方案，先合法性审查，再集体审议', hintEn: 'Legality review comes before deliberation',
        }, severityAt(ctx.stage, 'deliberation-after-review'));
      }
    }
  },
};
