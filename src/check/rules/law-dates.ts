import { defineRule } from '../context.js';

/** A law's own dates are consistent: in force no earlier than promulgated; a repeal or revision has its date. */
export const lawDates = defineRule({
  id: 'law-dates',
  check(ctx) {
    for (const l of ctx.laws) {
      const d = l.data;
      if (d.promulgated && d.effective < d.promulgated) {
        ctx.report(l.source, l.source.rangeAt(['effective']), 'effectiveBeforePromulgated', { effective: d.effective, promulgated: d.promulgated });
      }
      if (d.status !== '现行有效' && !d.status_date) {
        ctx.report(l.source, l.source.rangeAt(['status']), d.status === '已废止' ? 'noRepealDate' : 'noRevisionDate', { status: d.status });
      }
      if (d.replaced_by && !ctx.lawsById.has(d.replaced_by)) {
        ctx.report(l.source, l.source.rangeAt(['replaced_by']), 'replacementUnknown', { replacement: d.replaced_by });
      }
    }
  },
});
