import type { Rule } from '../context.js';

/** A power must not rest on a law that is repealed, superseded, or not yet in force at the compendium's date. */
export const lawNotInForce: Rule = {
  id: 'law-not-in-force',
  check(ctx) {
    const date = ctx.date;
    for (const p of ctx.powers) {
      (p.data.legal_bases ?? []).forEach((b, i) => {
        const target = ctx.citations.target(b.law);
        const law = target.kind === 'local' ? target.law.data : undefined;
        if (!law) return;
        const at = () => p.source.rangeAt(['legal_bases', i, 'law']);
        const t = `《${law.title}》`;
        if (law.status === '已废止' && (!law.status_date || !date || law.status_date <= date)) {
          ctx.report(p.source, at, {
            zh: `${t}已于 ${law.status_date ?? '（日期未填）'} 废止，不能作为实施依据`, en: `${law.title} was repealed on ${law.status_date ?? '(no date)'}`,
            hintZh: law.replaced_by ? `改为引用取代它的 ${law.replaced_by}` : '改为引用现行有效的法律法规，或停用这项职权',
            hintEn: law.replaced_by ? `Cite its replacement ${law.replaced_by}` : 'Cite a law in force, or suspend this power',
          });
        } else if (law.status === '已修订' && (!law.status_date || !date || law.status_date <= date)) {
          ctx.report(p.source, at, {
            zh: `${t}的这一版本已于 ${law.status_date ?? '（日期未填）'} 被修订，引用的可能是旧条文`, en: `This version of ${law.title} was superseded on ${law.status_date ?? '(no date)'}`,
            hintZh: law.replaced_by ? `改为引用现行版本 ${law.replaced_by}，并核对条号` : '改为引用现行版本，并核对条号', hintEn: 'Cite the current version and check the article numbers',
          }, 'warning');
        } else if (date && law.effective > date) {
          ctx.report(p.source, at, {
            zh: `${t}自 ${law.effective} 起施行，汇编日期 ${date} 时尚未生效`, en: `${law.title} takes effect on ${law.effective}, after the compendium date ${date}`,
            hintZh: '改为引用汇编日期时有效的版本，或调整汇编日期', hintEn: 'Cite the version in force at the compendium date',
          });
        }
      });
    }
  },
};
