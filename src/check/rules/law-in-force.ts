import { defineRule } from '../context.js';
import { PHRASES } from '../../diagnostics/messages.js';

/** A power must not rest on a law that is repealed, superseded, or not yet in force at the compendium's date. */
export const lawNotInForce = defineRule({
  id: 'law-not-in-force',
  check(ctx) {
    const date = ctx.date;
    for (const p of ctx.powers) {
      (p.data.legal_bases ?? []).forEach((b, i) => {
        const target = ctx.citations.target(b.law);
        const law = target.kind === 'local' ? target.law.data : undefined;
        if (!law) return;
        const at = () => p.source.rangeAt(['legal_bases', i, 'law']);
        const title = law.title, replacement = law.replaced_by;
        if (law.status === '已废止' && (!law.status_date || !date || law.status_date <= date)) {
          const date = law.status_date ?? PHRASES.noDate;
          if (replacement) ctx.report(p.source, at, 'repealedReplaced', { title, date, replacement });
          else ctx.report(p.source, at, 'repealed', { title, date });
        } else if (law.status === '已修订' && (!law.status_date || !date || law.status_date <= date)) {
          const date = law.status_date ?? PHRASES.noDate;
          if (replacement) ctx.report(p.source, at, 'supersededReplaced', { title, date, replacement }, 'warning');
          else ctx.report(p.source, at, 'superseded', { title, date }, 'warning');
        } else if (date && law.effective > date) {
          ctx.report(p.source, at, 'notYetInForce', { title, effective: law.effective, date });
        }
      });
    }
  },
});
