/**
 * The facts a power must state, as far as the stage requires (check/stages.ts): whether it charges fees, its statutory
 * time limit, and for a power 暂停 or 取消 the date and the reason. A missing fact is never printed as a fact (a missing
 * fee is not 不收费, a missing time limit is not 无): the compendium prints 未填写 until the stage requires it.
 */
import type { Rule } from '../context.js';
import { severityAt } from '../stages.js';

/** 收费: stated from stage review; when charged, with its standard and basis. */
export const powerFees: Rule = {
  id: 'power-fees',
  check(ctx) {
    const sev = severityAt(ctx.stage, 'power-fees');
    for (const p of ctx.powers) {
      const f = p.data.fees;
      if (!f) {
        ctx.report(p.source, () => p.source.rangeAt(['id']), {
          zh: `职权"${p.data.name}"没有写是否收费`, en: `Power "${p.data.name}" does not say whether it charges fees`,
          hintZh: '不收费的写 fees: {charged: false}；收费的写 fees: {charged: true, standard: 收费标准, basis: 收费依据}',
          hintEn: 'Write fees: {charged: false}, or {charged: true, standard: …, basis: …}',
        }, sev);
      } else if (f.charged && (!f.standard || !f.basis)) {
        const missing = [!f.standard && 'standard（收费标准）', !f.basis && 'basis（收费依据）'].filter(Boolean).join('、');
        ctx.report(p.source, () => p.source.rangeAt(['fees', 'charged']), {
          zh: `职权"${p.data.name}"收费，但没有写${missing}`, en: `Power "${p.data.name}" charges fees but lacks ${[!f.standard && 'standard', !f.basis && 'basis'].filter(Boolean).join(' and ')}`,
          hintZh: '在 fees 下补上 standard（如 每件 50 元）和 basis（如 湘价费〔2010〕1号）', hintEn: 'Add fees.standard and fees.basis',
        }, sev);
      }
    }
  },
};

/** 法定时限: stated from stage review, as days or as 未规定 (the law sets none). */
export const powerTimeLimit: Rule = {
  id: 'power-time-limit',
  check(ctx) {
    const sev = severityAt(ctx.stage, 'power-time-limit');
    for (const p of ctx.powers) {
      if (p.data.time_limit?.statutory !== undefined) continue;
      ctx.report(p.source, () => p.source.rangeAt(p.data.time_limit ? ['time_limit'] : ['id'], { key: true }), {
        zh: `职权"${p.data.name}"没有写法定时限`, en: `Power "${p.data.name}" does not state its statutory time limit`,
        hintZh: '写 time_limit: {statutory: {days: 20, unit: 工作日}}；法律法规没有规定时限的写 statutory: 未规定',
        hintEn: 'Write time_limit.statutory: {days: 20, unit: 工作日}, or 未规定 when the law sets none',
      }, sev);
    }
  },
};

/** 暂停/取消: the date and the reason, which the 取消、暂停事项 table prints. */
export const powerStatus: Rule = {
  id: 'power-status',
  check(ctx) {
    const sev = severityAt(ctx.stage, 'power-status');
    for (const p of ctx.powers) {
      const d = p.data;
      if (d.status !== '暂停' && d.status !== '取消') continue;
      const missing = [!d.status_date && 'status_date', !d.status_reason && 'status_reason'].filter(Boolean) as string[];
      if (!missing.length) continue;
      ctx.report(p.source, () => p.source.rangeAt(['status']), {
        zh: `职权"${d.name}"已${d.status}，但没有写${missing.map((m) => (m === 'status_date' ? `${d.status}日期（status_date）` : `${d.status}理由（status_reason）`)).join('和')}`,
        en: `Power "${d.name}" is ${d.status === '取消' ? 'cancelled' : 'suspended'} but lacks ${missing.join(' and ')}`,
        hintZh: `写 status_date: YYYY-MM-DD 和 status_reason: ${d.status}的理由及文件依据；汇编把它列入"取消、暂停事项"表`,
        hintEn: 'Add status_date: YYYY-MM-DD and status_reason (with the decision that made it)',
      }, sev);
    }
  },
};
