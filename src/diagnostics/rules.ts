/**
 * The one list of diagnostic ids: every rule of check/ and every problem found while loading, drawing or building,
 * with its default severity and its one-line documentation (zh/en). `powerbook rules`, SARIF's rule table, the
 * README's rule table (tested) and powerbook.yaml's `lint:` all read it; an id not listed here cannot be reported.
 * Its messages are in messages.ts (by key).
 */

/** How serious a diagnostic is; `off` (powerbook.yaml `lint:`) drops it. */
export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/**
 * Where a rule reports some of its findings at another severity than its default: some of its messages (`keys`, of
 * messages.ts), or everything it finds before the stage that requires it (`beforeStage`: `info`, a reminder of what
 * `validate --stage` will require; check/stages.ts). `zh`/`en` say when, for `powerbook rules` and the README.
 */
export interface SeverityVariant { severity: Severity; keys?: readonly string[]; beforeStage?: true; zh: string; en: string }

export interface RuleMeta { severity: Severity; zh: string; en: string; variants?: readonly SeverityVariant[] }

/** The variant "info before the stage that requires it" of the stage-dependent rules. */
const BEFORE_STAGE = { severity: 'info', beforeStage: true, zh: '要求它的阶段之前为 info', en: 'info before the stage that requires it' } as const;

export const RULE_META = {
  'duplicate-id': { severity: 'error', zh: "同类文件之间编号（id）重复", en: "The same id is used by two files of a kind" },
  'file-name-id': { severity: 'error', zh: "文件名（不含扩展名）应与编号（id）相同", en: "The file name (without extension) must equal the id" },
  'power-legal-basis-required': { severity: 'error', zh: "每项职权至少要有一条实施依据", en: "Every power must cite at least one legal basis" },
  'law-unknown': { severity: 'error', zh: "引用的法律在 laws/ 中没有登记", en: "A cited law is not in the laws/ registry" },
  'article-unknown': { severity: 'error', zh: "引用的条文在法律登记的条文中不存在", en: "A cited article is not among the law's listed articles" },
  'law-not-in-force': { severity: 'error', zh: "引用的法律在汇编日期已废止、已被修订或尚未施行", en: "A cited law is repealed, superseded or not yet in force at the compendium date",
    variants: [{ severity: 'warning', keys: ['superseded', 'supersededReplaced'], zh: '引用的版本已被修订（而非废止）时为 warning', en: 'warning when the cited version is superseded (not repealed)' }] },
  'law-dates': { severity: 'warning', zh: "法律登记的日期前后矛盾或缺少废止/修订日期", en: "A law's dates are inconsistent, or a repeal/revision lacks its date" },
  'penalty-discretion-required': { severity: 'error', zh: "行政处罚事项必须有裁量基准", en: "A penalty power must have discretion standards" },
  'time-limit-promised': { severity: 'error', zh: "承诺时限不得长于法定时限", en: "The promised time limit must not exceed the statutory one" },
  'power-id-prefix': { severity: 'warning', zh: "事项编码的前缀应与权力类别一致（XK 许可、CF 处罚、QZ 强制……）", en: "The power id prefix should match its category (XK, CF, QZ, …)" },
  'procedure-unknown-step': { severity: 'error', zh: "办理流程引用了不存在的环节", en: "The procedure points to a step that does not exist" },
  'procedure-unreachable': { severity: 'error', zh: "有环节从起始环节无法到达", en: "A step cannot be reached from the start step" },
  'procedure-no-end': { severity: 'error', zh: "有环节走不到办结环节（死循环或流程没有终点）", en: "A step has no path to an end step" },
  'procedure-no-actor': { severity: 'error', zh: "办理环节没有写承办人（岗位）", en: "A procedure step has no actor" },
  'xref-unresolved': { severity: 'error', zh: "Markdown 中的交叉引用或制度的相关职权找不到", en: "A cross reference in Markdown, or a rule's related power, does not resolve" },
  'image-unresolved': { severity: 'error', zh: "制度中的图片不存在、在仓库之外或不是 PNG/SVG", en: "An image in a rule is missing, outside the repository, or not PNG/SVG",
    variants: [{ severity: 'warning', keys: ['notPngSvg'], zh: '图片存在但不是 PNG/SVG 时为 warning', en: 'warning when the image exists but is not PNG/SVG' }] },
  'markdown-html': { severity: 'warning', zh: "制度正文中的 HTML 不会印出", en: "HTML in a rule's text is not printed" },
  'list-indent': { severity: 'warning', zh: "列表项缩进过多，被并入上一段", en: "List item indented so far that it joins the text above" },
  'rule-legality-review': { severity: 'error', zh: "制度须经合法性审查（review 阶段起有记录且不晚于 legality_review_by；deliberation 阶段起须通过；submit 阶段不晚于报送日期）", en: "Rules need a legality review record (from stage review, dated by legality_review_by; passed from stage deliberation; before submission at stage submit)",
    variants: [{ severity: 'warning', keys: ['afterStageDate'], zh: '晚于工作节点日期时为 warning', en: 'warning when dated after the stage date' }, BEFORE_STAGE] },
  'rule-deliberation': { severity: 'error', zh: "制度须经集体审议（deliberation 阶段起有记录、不早于合法性审查且不晚于 deliberation_by；submit 阶段须通过且不晚于报送日期）", en: "Rules need a collective deliberation record (from stage deliberation, after legality review and by deliberation_by; passed and before submission at stage submit)",
    variants: [{ severity: 'warning', keys: ['afterStageDate'], zh: '晚于工作节点日期时为 warning', en: 'warning when dated after the stage date' }, BEFORE_STAGE] },
  'power-fees': { severity: 'error', zh: "职权须写明是否收费（review 阶段起；收费的须写标准和依据）", en: "A power must state whether it charges fees (from stage review; the standard and basis when it does)", variants: [BEFORE_STAGE] },
  'power-time-limit': { severity: 'error', zh: "职权须写明法定时限（天数或\"未规定\"，review 阶段起）", en: "A power must state its statutory time limit (days, or 未规定; from stage review)", variants: [BEFORE_STAGE] },
  'power-status': { severity: 'error', zh: "取消、暂停的职权须写明日期（status_date）和理由（status_reason）", en: "A cancelled or suspended power must give its date (status_date) and reason (status_reason)", variants: [BEFORE_STAGE] },
  'power-body-unit': { severity: 'warning', zh: "职权的实施主体或承办机构既不是本部门，也不是 powerbook.yaml 所列的单位（department.units）", en: "A power's implementing body or responsible unit is neither the department nor one of the units listed in powerbook.yaml (department.units)" },
  'stage-dates': { severity: 'warning', zh: "工作节点日期（stages）的先后顺序不对", en: "The stage dates (stages) are out of order" },
  'compendium-draft-mark': { severity: 'error', zh: "向社会公布的汇编仍标着送审稿、征求意见稿或草案（publish 阶段）", en: "The compendium to be published is still marked as a draft (stage publish)" },
  'compendium-file-omitted': { severity: 'warning', zh: "不符合格式要求的文件没有编入汇编或导出的清单（build、export 时检查；schema 检查被调低或关闭时也照样提示）", en: "A file that does not match the format is left out of the compendium or the exported lists (checked by build and export, even with the schema check lowered or off)" },
  'law-library-path': { severity: 'error', zh: "powerbook.yaml 的 law_library 指向的法规库目录不存在", en: "A law_library path in powerbook.yaml does not exist" },
  'citation-unknown': { severity: 'error', zh: "引用的法律在法规库和 laws/ 中都找不到（列出相近的名称）", en: "A cited law is neither in the law library nor in laws/ (the nearest titles are listed)" },
  'citation-ambiguous': { severity: 'error', zh: "引用的法律名称在法规库中对应几部文本（列出制定机关和日期）", en: "A cited title matches several texts of the law library (listed with issuers and dates)" },
  'citation-repealed': { severity: 'error', zh: "引用的法律在汇编日期已被废止（写明废止它的文本、令号和日期）", en: "A cited law is repealed on the compendium date (names the repealing text, its order number and date)" },
  'citation-not-yet-in-force': { severity: 'error', zh: "引用的法律（或指定的版本）在汇编日期尚未施行", en: "A cited law (or its pinned version) is not yet in force on the compendium date" },
  'citation-version-unknown': { severity: 'error', zh: "指定的版本（version）在法规库中没有", en: "A pinned version is not in the law library" },
  'citation-provision-unknown': { severity: 'error', zh: "引用的条、款、项在施行的文本中不存在", en: "A cited article, clause or item does not exist in the text in force" },
  'citation-text-incomplete': { severity: 'warning', zh: "法规库中的文本不完整，无法核对所引条文", en: "The law library's text is incomplete: the cited article cannot be checked" },
  'citation-drift': { severity: 'error', zh: "所引原文（quote）或指定版本的条文与汇编日期施行的文本不同（已修改、移到别的条号或已删去）", en: "The quoted text or the pinned version differs from the text in force (changed, moved to another number, or deleted)" },
  'schema': { severity: 'error', zh: "字段不符合格式要求（JSON Schema）", en: "A field does not match the format (JSON Schema)" },
  'yaml-syntax': { severity: 'error', zh: "YAML 语法错误", en: "YAML syntax error" },
  'duplicate-key': { severity: 'error', zh: "YAML 中同一层级有重复的键", en: "Duplicate key in YAML" },
  'tab-indent': { severity: 'error', zh: "YAML 用了 Tab 缩进", en: "Tab indentation in YAML" },
  'yaml-fullwidth-colon': { severity: 'error', zh: "字段名后面用了全角冒号“：”（YAML 要半角冒号加空格“: ”）", en: "A full-width colon (U+FF1A) after a field name (YAML needs \": \")" },
  'yaml-ideographic-space': { severity: 'error', zh: "缩进或冒号后面用了全角空格（U+3000）", en: "Full-width spaces (U+3000) as indentation or after a colon" },
  'yaml-colon-in-value': { severity: 'error', zh: "不加引号的值中间有“冒号加空格”，被读成了又一个字段", en: "An unquoted value contains \": \", read as another field" },
  'yaml-unbalanced-quote': { severity: 'error', zh: "值开头的引号没有配对，或引号后面还有文字", en: "A value's opening quote is not closed, or more text follows the closing quote" },
  'yaml-fullwidth-dash': { severity: 'error', zh: "列表项用了全角横线（－、—）开头（YAML 要半角“- ”）", en: "A list item starts with a full-width dash (YAML lists use \"- \")" },
  'text-unbalanced-quote': { severity: 'warning', zh: "文字中的中文引号“”不成对", en: "Chinese quotation marks in a text do not pair up" },
  'yaml-too-deep': { severity: 'error', zh: "YAML 嵌套层数过多", en: "YAML nested too deep" },
  'alias-limit': { severity: 'error', zh: "YAML 别名展开过多（别名炸弹）", en: "Too many YAML aliases (alias bomb)" },
  'encoding': { severity: 'error', zh: "文件不是 UTF-8 编码", en: "File not in UTF-8" },
  'binary-file': { severity: 'error', zh: "二进制文件", en: "Binary file" },
  'hidden-char': { severity: 'warning', zh: "值里有看不见的字符：YAML 转义写出的控制字符，或改变文字方向的字符", en: "A value holds an invisible character: a control character written as a YAML escape, or one that changes the direction of text" },
  'control-char': { severity: 'warning', zh: "文件中有控制字符（不可见，汇编中删去）", en: "Control characters in a file (invisible, dropped from the compendium)" },
  'file-unreadable': { severity: 'error', zh: "文件无法读取（文件夹、循环或失效的链接、无权限）", en: "File cannot be read (a folder, a looping or broken link, no permission)" },
  'file-too-large': { severity: 'error', zh: "文件超过 1 MB", en: "File over 1 MB" },
  'empty-file': { severity: 'error', zh: "空文件", en: "Empty file" },
  'path-outside': { severity: 'error', zh: "符号链接或引用指向仓库之外", en: "Symlink or reference leaving the repository" },
  'file-missing': { severity: 'error', zh: "引用的文件不存在", en: "Referenced file missing" },
  'front-matter-missing': { severity: 'error', zh: "制度文件缺少前置元数据", en: "Rule file without front matter" },
  'config-missing': { severity: 'error', zh: "缺少 powerbook.yaml", en: "powerbook.yaml missing" },
  'empty-repository': { severity: 'error', zh: "不是制度库（空目录）", en: "Not a rule repository (empty)" },
  'config-unknown-rule': { severity: 'warning', zh: "lint 中写了不存在的规则", en: "Unknown rule id in lint" },
  'flowchart-syntax': { severity: 'error', zh: "手绘流程图（.mmd）语法错误", en: "Syntax error in a hand-written flowchart (.mmd)" },
  'flowchart-render': { severity: 'error', zh: "权力运行流程图绘制失败", en: "A flowchart could not be rendered" },
  'revision-base': { severity: 'error', zh: "compendium.revision_base 指向的修订在 git 中找不到（build 的修订说明；浅克隆须取回历史）", en: "compendium.revision_base names a revision git does not have (build's revision notes; a shallow clone must fetch history)" },
  'flowchart-small-text': { severity: 'warning', zh: "权力运行流程图印在 A4 上字太小（build 时检查）", en: "A flowchart prints too small to read on A4 (checked by build)" },
  'sheet-unreadable': { severity: 'error', zh: "import：电子表格无法读取（.xls 或加密的工作簿、网页、损坏的文件、编码不明的 CSV、空表）", en: "import: the spreadsheet cannot be read (an .xls or encrypted workbook, a web page, a damaged file, a CSV of unknown encoding, an empty sheet)" },
  'sheet-no-header': { severity: 'error', zh: "import：工作表中找不到表头行（含事项名称等列名的一行；可用 --map 指定）", en: "import: no header row found in the sheet (a row naming 事项名称 and other columns; --map can say where)" },
  'sheet-map': { severity: 'error', zh: "import：--map 指定的列对应文件有误", en: "import: the --map file is wrong" },
  'sheet-row': { severity: 'error', zh: "import：电子表格的一行无法导入（没有事项名称、无法确定事项编码、编码重复、单元格过长）", en: "import: a row cannot be imported (no name, no id can be given, a duplicate id, a cell too long)" },
  'sheet-cell': { severity: 'warning', zh: "import：单元格的内容没有读出或只读出一部分（依据、流程、时限、收费、类别、编码、公式）", en: "import: a cell was not read, or only in part (legal bases, procedure, time limit, fees, category, code, formula)" },
  'sheet-missing': { severity: 'info', zh: "import：导入的职权缺少格式或以后阶段要求的内容（不代为填写，写明从哪个阶段起必填）", en: "import: an imported power lacks what the format or a later stage requires (not filled in; the stage is named)" },
  'sheet-hidden': { severity: 'info', zh: "import：工作簿中隐藏的工作表没有导入（用 --sheet 指定才导入）", en: "import: a hidden worksheet of the workbook was not imported (--sheet imports it)" },
  'sheet-exists': { severity: 'warning', zh: "import：职权文件已存在且内容不同，没有覆盖（--force 覆盖）", en: "import: a power file exists with other content and was not overwritten (--force overwrites)" },
} as const satisfies Record<string, RuleMeta>;

export type RuleId = keyof typeof RULE_META;

export const RULE_IDS = Object.keys(RULE_META).sort() as RuleId[];

/** powerbook's home page (SARIF's informationUri); the README, whose rule table has an anchor per id (`<a id="rule-…">`). */
export const HOMEPAGE = 'https://powerbook.dev';

/** The documentation of one rule id (SARIF's helpUri, `powerbook rules --format json`). */
export function ruleHelpUri(id: RuleId): string {
  return `${HOMEPAGE}/#rule-${id}`;
}

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULE_META, id);
}

/** When a rule reports at other severities than its default (its variants), as one phrase: '' when it never does. */
export function severityNote(id: RuleId, lang: 'zh' | 'en'): string {
  const variants = (RULE_META[id] as RuleMeta).variants ?? [];
  return variants.map((v) => v[lang]).join(lang === 'zh' ? '；' : '; ');
}
