import type { CheckContext, Rule } from '../context.js';
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { RuleDoc } from '../../load/repository.js';

const PASSED = new Set(['通过', '修改后通过']);

/** The submission deadline: stages.submit_by, else the compendium's date. */
function deadline(ctx: CheckContext): string | undefined {
  return ctx.config?.stages?.submit_by ?? ctx.date;
}

type Which = 'legality_review' | 'deliberation';
const NAMES: Record<Which, { zh: string; en: string }> = {
  legality_review: { zh: '合法性审查', en: 'legality review' },
  deliberation: { zh: '集体审议', en: 'collective deliberation' },
};

function checkRecord(ctx: CheckContext, r: RuleDoc, which: Which, missingSeverity: Severity | null): void {
  const rec = r.data[which];
  const n = NAMES[which];
  const title = r.data.title;
  if (!rec || (!rec.date && !rec.result)) {
    if (!missingSeverity) return;
    ctx.report(r.source, rec ? r.source.rangeAt([which], { key: true }) : r.source.rangeAt(['id']), {
      zh: `制度"${title}"没有${n.zh}记录`, en: `Rule "${title}" has no ${n.en} record`,
      hintZh: which === 'legality_review'
        ? '起草后交本机关法制机构审查，填写 legality_review 的 reviewer、date、opinion、result'
        : '审查后提交领导班子集体审议，填写 deliberation 的 meeting、date、result',
      hintEn: `Fill in ${which} (date, result…)`,
    }, missingSeverity);
    return;
  }
  if (ctx.stage !== 'submit') return;
  if (!rec.result || !PASSED.has(rec.result)) {
    ctx.report(r.source, r.source.rangeAt(rec.result ? [which, 'result'] : [which], { key: !rec.result }), {
      zh: `制度"${title}"的${n.zh}结果为"${rec.result ?? '未填写'}"，报送前须为"通过"或"修改后通过"`,
      en: `Rule "${title}": ${n.en} result is "${rec.result ?? 'missing'}"; it must have passed before submission`,
      hintZh: '修改制度后重新审查或审议，并更新结果', hintEn: 'Revise and review again, then update the result',
    });
  }
  const due = deadline(ctx);
  if (!rec.date) {
    ctx.report(r.source, r.source.rangeAt([which], { key: true }), {
      zh: `制度"${title}"的${n.zh}没有日期`, en: `Rule "${title}": ${n.en} has no date`, hintZh: '填写 date: YYYY-MM-DD', hintEn: 'Add date: YYYY-MM-DD',
    });
  } else if (due && rec.date > due) {
    ctx.report(r.source, r.source.rangeAt([which, 'date']), {
      zh: `制度"${title}"的${n.zh}日期 ${rec.date} 晚于报送日期 ${due}`, en: `Rule "${title}": ${n.en} date ${rec.date} is after the submission date ${due}`,
      hintZh: '报送前须完成审查和审议；核对日期', hintEn: 'Review and deliberation must precede submission',
    });
  }
}

/** 合法性审查: every rule passes legality review; required from stage `review`, dated before submission at `submit`. */
export const ruleLegalityReview: Rule = {
  id: 'rule-legality-review',
  check(ctx) {
    const sev: Severity = ctx.stage === 'draft' ? 'info' : 'error';
    for (const r of ctx.rules) checkRecord(ctx, r, 'legality_review', sev);
  },
};

/** 集体审议: every rule passes collective deliberation, after its legality review. */
export const ruleDeliberation: Rule = {
  id: 'rule-deliberation',
  check(ctx) {
    const sev: Severity = ctx.stage === 'draft' ? 'info' : ctx.stage === 'review' ? 'warning' : 'error';
    for (const r of ctx.rules) {
      checkRecord(ctx, r, 'deliberation', sev);
      const lr = r.data.legality_review?.date, dl = r.data.deliberation?.date;
      if (lr && dl && dl < lr) {
        ctx.report(r.source, r.source.rangeAt(['deliberation', 'date']), {
          zh: `制度"${r.data.title}"的集体审议日期 ${dl} 早于合法性审查日期 ${lr}`, en: `Deliberation ${dl} precedes legality review ${lr}`,
          hintZh: '按工作方案，先合法性审查，再集体审议', hintEn: 'Legality review comes before deliberation',
        });
      }
    }
  },
};
