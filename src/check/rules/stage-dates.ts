/** powerbook.yaml `stages:` in the plan's order, and a published compendium no longer marked as a draft. */
import type { Rule } from '../context.js';
import { isRequired, STAGES, severityAt } from '../stages.js';

/** The stage dates, where given, do not go backwards (draft_by ≤ legality_review_by ≤ … ≤ publish_by). */
export const stageDates: Rule = {
  id: 'stage-dates',
  check(ctx) {
    const dates = ctx.config?.stages;
    const file = ctx.repo.config?.source;
    if (!dates || !file) return;
    let prev: { key: string; date: string } | undefined;
    for (const s of STAGES) {
      const date = dates[s.dateKey];
      if (!date) continue;
      if (prev && date < prev.date) {
        ctx.report(file, () => file.rangeAt(['stages', s.dateKey]), {
          zh: `stages.${s.dateKey}（${date}）早于 stages.${prev.key}（${prev.date}）`,
          en: `stages.${s.dateKey} (${date}) precedes stages.${prev.key} (${prev.date})`,
          hintZh: '工作节点按起草、合法性审查、集体审议、报送、公布的先后排列；核对日期', hintEn: 'Stages go draft, review, deliberation, submit, publish: check the dates',
        });
      }
      prev = { key: s.dateKey, date };
    }
  },
};

const DRAFT_MARK = /送审稿|征求意见稿|草案|讨论稿|初稿|修改稿/;

/** At stage publish, the compendium to be published is no longer marked as a draft for review. */
export const compendiumDraftMark: Rule = {
  id: 'compendium-draft-mark',
  check(ctx) {
    const c = ctx.config?.compendium;
    const file = ctx.repo.config?.source;
    // Before publication a 送审稿 is what it should be: nothing to say.
    if (!c || !file || !isRequired(ctx.stage, 'no-draft-mark')) return;
    for (const key of ['title', 'subtitle', 'edition'] as const) {
      const m = DRAFT_MARK.exec(c[key] ?? '');
      if (!m) continue;
      ctx.report(file, () => file.rangeAt(['compendium', key]), {
        zh: `汇编的 ${key} 仍标着"${m[0]}"`, en: `The compendium's ${key} still says "${m[0]}"`,
        hintZh: '向社会公布的是经审查、审议的正式文本：删去这一标注', hintEn: 'The published compendium is the reviewed text: remove the mark',
      }, severityAt(ctx.stage, 'no-draft-mark'));
    }
  },
};
