import type { Rule } from '../context.js';

/** A law's own dates are consistent: in force no earlier than promulgated; a repeal or revision has its date. */
export const lawDates: Rule = {
  id: 'law-dates',
  check(ctx) {
    for (const l of ctx.laws) {
      const d = l.data;
      if (d.promulgated && d.effective < d.promulgated) {
        ctx.report(l.source, l.source.rangeAt(['effective']), {
          zh: `施行日期 ${d.effective} 早于公布日期 ${d.promulgated}`, en: `Effective ${d.effective} precedes promulgation ${d.promulgated}`,
          hintZh: '核对公布日期和施行日期', hintEn: 'Check both dates',
        });
      }
      if (d.status !== '现行有效' && !d.status_date) {
        ctx.report(l.source, l.source.rangeAt(['status']), {
          zh: `状态为"${d.status}"，但没有写 status_date（${d.status === '已废止' ? '废止' : '修订'}日期）`, en: `Status "${d.status}" needs status_date`,
          hintZh: '填写 status_date: YYYY-MM-DD', hintEn: 'Add status_date: YYYY-MM-DD',
        });
      }
      if (d.replaced_by && !ctx.lawsById.has(d.replaced_by)) {
        ctx.report(l.source, l.source.rangeAt(['replaced_by']), {
          zh: `replaced_by 指向的法律"${d.replaced_by}"未登记`, en: `replaced_by "${d.replaced_by}" is not registered`,
          hintZh: '登记新版本，或改正编号', hintEn: 'Register the new version or fix the id',
        });
      }
    }
  },
};
