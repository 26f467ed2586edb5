/** Every semantic rule, in one place. Adding a rule: one file under rules/, one line here, one test. */
import type { Rule } from './context.js';
import { duplicateId } from './rules/duplicate-id.js';
import { fileNameId } from './rules/file-name-id.js';
import { articleUnknown, lawUnknown, powerLegalBasisRequired } from './rules/legal-basis.js';
import { lawDates } from './rules/law-dates.js';
import { lawNotInForce } from './rules/law-in-force.js';
import { penaltyDiscretionRequired } from './rules/penalty-discretion.js';
import { powerIdPrefix } from './rules/power-id-prefix.js';
import { procedureNoActor, procedureNoEnd, procedureUnknownStep, procedureUnreachable } from './rules/procedure.js';
import { ruleDeliberation, ruleLegalityReview } from './rules/rule-review.js';
import { promisedExceedsStatutory } from './rules/time-limit.js';
import { xrefUnresolved } from './rules/xref.js';
import { imageUnresolved } from './rules/images.js';
import { powerFees, powerStatus, powerTimeLimit } from './rules/power-facts.js';
import { powerBodyUnit } from './rules/power-body-unit.js';
import { compendiumDraftMark, stageDates } from './rules/stage-dates.js';
import { citationAmbiguous, citationDrift, citationNotYetInForce, citationProvisionUnknown, citationRepealed, citationTextIncomplete, citationUnknown, citationVersionUnknown } from './rules/citations.js';

export const RULES: readonly Rule[] = [
  duplicateId, fileNameId, powerLegalBasisRequired, lawUnknown, articleUnknown, lawNotInForce, lawDates,
  penaltyDiscretionRequired, promisedExceedsStatutory, powerIdPrefix,
  procedureUnknownStep, procedureUnreachable, procedureNoEnd, procedureNoActor,
  xrefUnresolved, imageUnresolved, ruleLegalityReview, ruleDeliberation,
  powerFees, powerTimeLimit, powerStatus, powerBodyUnit, stageDates, compendiumDraftMark,
  citationUnknown, citationAmbiguous, citationRepealed, citationNotYetInForce, citationVersionUnknown,
  citationProvisionUnknown, citationTextIncomplete, citationDrift,
];
