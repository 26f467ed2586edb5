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

export const RULES: readonly Rule[] = [
  duplicateId, fileNameId, powerLegalBasisRequired, lawUnknown, articleUnknown, lawNotInForce, lawDates,
  penaltyDiscretionRequired, promisedExceedsStatutory, powerIdPrefix,
  procedureUnknownStep, procedureUnreachable, procedureNoEnd, procedureNoActor,
  xrefUnresolved, imageUnresolved, ruleLegalityReview, ruleDeliberation,
];

/** Diagnostics produced while loading and by the schema; listed so that `powerbook rules` and `lint` know them. */
export const BUILTIN_IDS: Record<string, { zh: string; en: string; configurable: boolean }> = {
  'schema': { zh: '字段不符合格式要求（JSON Schema）', en: 'A field does not match the format (JSON Schema)', configurable: false },
  'yaml-syntax': { zh: 'YAML 语法错误', en: 'YAML syntax error', configurable: false },
  'duplicate-key': { zh: 'YAML 中同一层级有重复的键', en: 'Duplicate key in YAML', configurable: false },
  'tab-indent': { zh: 'YAML 用了 Tab 缩进', en: 'Tab indentation in YAML', configurable: false },
  'alias-limit': { zh: 'YAML 别名展开过多（别名炸弹）', en: 'Too many YAML aliases (alias bomb)', configurable: false },
  'encoding': { zh: '文件不是 UTF-8 编码', en: 'File not in UTF-8', configurable: false },
  'binary-file': { zh: '二进制文件', en: 'Binary file', configurable: false },
  'file-too-large': { zh: '文件超过 1 MB', en: 'File over 1 MB', configurable: false },
  'empty-file': { zh: '空文件', en: 'Empty file', configurable: false },
  'path-outside': { zh: '符号链接或引用指向仓库之外', en: 'Symlink or reference leaving the repository', configurable: false },
  'file-missing': { zh: '引用的文件不存在', en: 'Referenced file missing', configurable: false },
  'front-matter-missing': { zh: '制度文件缺少前置元数据', en: 'Rule file without front matter', configurable: false },
  'config-missing': { zh: '缺少 powerbook.yaml', en: 'powerbook.yaml missing', configurable: false },
  'empty-repository': { zh: '不是制度库（空目录）', en: 'Not a rule repository (empty)', configurable: false },
  'config-unknown-rule': { zh: 'lint 中写了不存在的规则', en: 'Unknown rule id in lint', configurable: true },
  'flowchart-syntax': { zh: '手绘流程图（.mmd）语法错误', en: 'Syntax error in a hand-written flowchart (.mmd)', configurable: false },
  'flowchart-render': { zh: '权力运行流程图绘制失败', en: 'A flowchart could not be rendered', configurable: false },
  'flowchart-small-text': { zh: '权力运行流程图印在 A4 上字太小（build 时检查）', en: 'A flowchart prints too small to read on A4 (checked by build)', configurable: false },
};
