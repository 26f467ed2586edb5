import type { Rule } from '../context.js';

/** 行政处罚 needs 裁量基准 (discretion standards). */
export const penaltyDiscretionRequired: Rule = {
  id: 'penalty-discretion-required',
  perPower: true,
  check(ctx) {
    for (const p of ctx.powers) {
      if (p.data.category !== '行政处罚' || p.data.discretion?.length) continue;
      ctx.report(p.source, p.source.rangeAt(['category']), {
        zh: `行政处罚事项"${p.data.name}"没有裁量基准`, en: `Penalty "${p.data.name}" has no discretion standards`,
        hintZh: '在 discretion 下按情节（轻微/一般/严重）写出对应的处罚幅度', hintEn: 'Add discretion tiers (轻微/一般/严重) with their penalty ranges',
      });
    }
  },
};
