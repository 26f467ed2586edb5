/** powerbook.yaml `stages:` in the plan's order, and a published compendium no longer marked as a draft. */
import { defineRule } from '../context.js';
import { isRequired, STAGES, severityAt } from '../stages.js';

/** The stage dates, where given, do not go backwards (draft_by ≤ legality_review_by ≤ … ≤ publish_by). */
export const stageDates = defineRule({
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
        ctx.report(file, () => file.rangeAt(['stages', s.dateKey]), 'outOfOrder', { key: s.dateKey, date, prevKey: prev.key, prevDate: prev.date });
      }
      prev = { key: s.dateKey, date };
    }
  },
});

const DRAFT_MARK = /送审稿|征求意见稿|草案|讨论稿|初稿|修改稿/;

/** At stage publish, the compendium to be published is no longer marked as a draft for review. */
export const compendiumDraftMark = defineRule({
  id: 'compendium-draft-mark',
  check(ctx) {
    const c = ctx.config?.compendium;
    const file = ctx.repo.config?.source;
    // Before publication a 送审稿 is what it should be: nothing to say.
    if (!c || !file || !isRequired(ctx.stage, 'no-draft-mark')) return;
    for (const key of ['title', 'subtitle', 'edition'] as const) {
      const m = DRAFT_MARK.exec(c[key] ?? '');
      if (!m) continue;
      ctx.report(file, () => file.rangeAt(['compendium', key]), 'marked', { key, mark: m[0] }, severityAt(ctx.stage, 'no-draft-mark'));
    }
  },
});
