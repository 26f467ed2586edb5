/**
 * The work plan's stages (powerbook.yaml `stages:`), in order, and what `validate --stage` checks for each.
 *
 * `validate --stage` knows draft, review and submit on main today. Until it knows each plan stage (branch `fidelity`,
 * src/check/stages.ts: STAGES draft, review, deliberation, submit, publish, each with what must be present, the same
 * ids and date keys as here), deliberation and publish take submit's checks (their records are checked together
 * there). This table is the one place to change when it lands: `validate` becomes the stage's own id.
 */
import type { Stage } from '../domain/types.js';
import type { Words } from './types.js';

/** The same ids as the stages of `validate --stage` on branch fidelity (check/stages.ts). */
export type PlanStageKey = 'draft' | 'review' | 'deliberation' | 'submit' | 'publish';

export interface PlanStage {
  key: PlanStageKey;
  /** The date in powerbook.yaml `stages:`. */
  dateKey: 'draft_by' | 'legality_review_by' | 'deliberation_by' | 'submit_by' | 'publish_by';
  label: Words;
  /** The `validate --stage` whose errors block this stage. */
  validate: Stage;
}

export const PLAN_STAGES: readonly PlanStage[] = [
  { key: 'draft', dateKey: 'draft_by', label: { zh: '起草', en: 'drafting' }, validate: 'draft' },
  { key: 'review', dateKey: 'legality_review_by', label: { zh: '合法性审查', en: 'legality review' }, validate: 'review' },
  { key: 'deliberation', dateKey: 'deliberation_by', label: { zh: '集体审议', en: 'collective deliberation' }, validate: 'submit' },
  { key: 'submit', dateKey: 'submit_by', label: { zh: '报送', en: 'submission' }, validate: 'submit' },
  { key: 'publish', dateKey: 'publish_by', label: { zh: '公布', en: 'publication' }, validate: 'submit' },
];
