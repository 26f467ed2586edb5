/**
 * The message catalogue: for every rule id of rules.ts, its messages by key (as ESLint's `meta.messages`), each in
 * Chinese and English with an optional hint (what to do) in each language. `{name}` is a placeholder filled when the
 * diagnostic is made (message.ts `diag`, check/context.ts `ctx.report`); TypeScript checks that a report names a key
 * of its rule and gives exactly the placeholders of that key's four templates.
 *
 * Adding a rule: its id in rules.ts, its messages here (same order), its code under check/rules/ (registry.ts).
 * Wording: Chinese for a clerk (what is wrong, where, in the words of the format), the hint says what to do.
 */
import type { RuleId } from './rules.js';
import { CITATION_MESSAGES } from './citation-messages.js';

/** Text in both languages. */
export interface Localised { zh: string; en: string }

/** One message: Chinese and English, and a hint in each (a hint that renders empty is left out). */
export interface MessageTemplate { zh: string; en: string; hintZh?: string; hintEn?: string }

/** Words that are passed as placeholder values (a missing date, a missing result), and what joins a list. */
export const PHRASES = {
  listSeparator: { zh: '、', en: ', ' },
  noDate: { zh: '（日期未填）', en: '(no date)' },
  notFilled: { zh: '未填写', en: 'missing' },
} as const satisfies Record<string, Localised>;

/**
 * What the schema messages (check/schema.ts) name a field and a type with: in Chinese by its title and key, its title,
 * its key or its position in a list; in English by its path.
 */
export const SCHEMA_WORDS = {
  titled: '"{title}"（{key}）',
  named: '"{name}"',
  item: '第 {n} 项',
  path: '"{path}"',
  document: { zh: '文件', en: 'document' },
  /** Between the allowed types of a value. */
  or: { zh: '或', en: ' or ' },
  invalid: { zh: '不符合要求', en: 'is invalid' },
  /** JSON types as a clerk calls them (English keeps the JSON names). */
  typesZh: {
    string: '文字', number: '数字', integer: '整数', boolean: '是或否（true/false）', object: '一组字段', array: '列表（每项以 "- " 开头）', null: '空',
  },
} as const;

const REVIEW_HINT = { hintZh: '修改制度后重新审查或审议，并更新结果', hintEn: 'Revise and review again, then update the result' } as const;
const DATE_HINT = { hintZh: '填写 date: YYYY-MM-DD', hintEn: 'Add date: YYYY-MM-DD' } as const;
const LATE_HINT = { hintZh: '报送前须完成审查和审议；核对日期', hintEn: 'Review and deliberation must precede submission' } as const;
const UNIQUE_HINT = { hintZh: '每项的编号必须唯一，请改用新的编号', hintEn: 'Each id must be unique; choose another one' } as const;
const ENCODING_HINT = {
  hintZh: '用记事本或 WPS 打开，"另存为"时编码选 UTF-8；或运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件',
  hintEn: 'Open it in Notepad and "Save as" with encoding UTF-8, or run: iconv -f GB18030 -t UTF-8 in > out',
} as const;
const UTF16_HINT = {
  hintZh: '用记事本打开，"另存为"时编码选 UTF-8（不要选"Unicode"）；或运行 iconv -f UTF-16 -t UTF-8 原文件 > 新文件',
  hintEn: 'Open it in Notepad and "Save as" with encoding UTF-8 (not "Unicode"), or run: iconv -f UTF-16 -t UTF-8 in > out',
} as const;

export const MESSAGES = {
  'duplicate-id': {
    power: { zh: '职权编号"{id}"与 {previous} 重复', en: 'power id "{id}" is already used by {previous}', ...UNIQUE_HINT },
    law: { zh: '法律编号"{id}"与 {previous} 重复', en: 'law id "{id}" is already used by {previous}', ...UNIQUE_HINT },
    rule: { zh: '制度编号"{id}"与 {previous} 重复', en: 'rule id "{id}" is already used by {previous}', ...UNIQUE_HINT },
  },
  'file-name-id': {
    mismatch: {
      zh: '文件名"{base}"与编号"{id}"不一致', en: 'File name "{base}" does not match id "{id}"',
      hintZh: '把文件改名为 {id}{ext}，或把编号改为 {base}', hintEn: 'Rename the file to {id}{ext}, or change the id to {base}',
    },
    rename: {
      zh: '文件名"{base}"与编号"{id}"不一致', en: 'File name "{base}" does not match id "{id}"',
      hintZh: '把文件改名为 {id}{ext}（文件名就是编号）', hintEn: 'Rename the file to {id}{ext} (the file name is the id)',
    },
    changeId: {
      zh: '文件名"{base}"与编号"{id}"不一致', en: 'File name "{base}" does not match id "{id}"',
      hintZh: '{id}{ext} 已被另一个文件占用：把编号改为 {base}，或给这一项另编一个编号并把文件改为同名',
      hintEn: '{id}{ext} is taken by another file: change the id to {base}, or give this one a new id and name the file after it',
    },
    renameTaken: {
      zh: '文件名"{base}"与编号"{id}"不一致', en: 'File name "{base}" does not match id "{id}"',
      hintZh: '{id}{ext} 已被另一个文件占用：核对这两个文件的编号，给这一项另编一个编号并把文件改为同名',
      hintEn: '{id}{ext} is taken by another file: check both ids, give this one a new id and name the file after it',
    },
  },
  'power-legal-basis-required': {
    missing: {
      zh: '职权"{name}"没有实施依据', en: 'Power "{name}" cites no legal basis',
      hintZh: '在 legal_bases 下写出法律依据：law（法律登记编号）和 article（条），如 article: 第十二条',
      hintEn: 'Add legal_bases with law (registry id) and article, e.g. article: 第十二条',
    },
  },
  'law-unknown': {
    unregistered: {
      zh: '实施依据引用的法律"{law}"未登记', en: 'Cited law "{law}" is not registered in laws/',
      hintZh: '在 laws/{law}.yaml 登记这部法律，或改正编号', hintEn: 'Register it as laws/{law}.yaml or fix the id',
    },
    unregisteredTitle: {
      zh: '实施依据引用的法律"{law}"未登记', en: 'Cited law "{law}" is not registered in laws/',
      hintZh: '在 powerbook.yaml 中用 law_library 指定法规库（LawRefBook/Laws 的克隆），或在 laws/ 下登记这部法律',
      hintEn: 'Point law_library in powerbook.yaml at a law library (a clone of LawRefBook/Laws), or register the law under laws/',
    },
  },
  'article-unknown': {
    unreadable: {
      zh: '条号"{article}"写法无法识别', en: 'Article number "{article}" cannot be read',
      hintZh: '写成"第十二条"或数字 12', hintEn: 'Write it as 第十二条 or 12',
    },
    notListed: {
      zh: '《{title}》没有{label}（登记的条文中找不到）', en: '{title} has no article {key} among its listed articles',
      hintZh: '核对条号；如法律已修改、条文重新编号，请按现行文本更正，或在 {lawFile} 中补登这一条',
      hintEn: 'Check the number against the current text, or add the article to {lawFile}',
    },
  },
  'law-not-in-force': {
    repealed: {
      zh: '《{title}》已于 {date} 废止，不能作为实施依据', en: '{title} was repealed on {date}',
      hintZh: '改为引用现行有效的法律法规，或停用这项职权', hintEn: 'Cite a law in force, or suspend this power',
    },
    repealedReplaced: {
      zh: '《{title}》已于 {date} 废止，不能作为实施依据', en: '{title} was repealed on {date}',
      hintZh: '改为引用取代它的 {replacement}', hintEn: 'Cite its replacement {replacement}',
    },
    superseded: {
      zh: '《{title}》的这一版本已于 {date} 被修订，引用的可能是旧条文', en: 'This version of {title} was superseded on {date}',
      hintZh: '改为引用现行版本，并核对条号', hintEn: 'Cite the current version and check the article numbers',
    },
    supersededReplaced: {
      zh: '《{title}》的这一版本已于 {date} 被修订，引用的可能是旧条文', en: 'This version of {title} was superseded on {date}',
      hintZh: '改为引用现行版本 {replacement}，并核对条号', hintEn: 'Cite the current version and check the article numbers',
    },
    notYetInForce: {
      zh: '《{title}》自 {effective} 起施行，汇编日期 {date} 时尚未生效', en: '{title} takes effect on {effective}, after the compendium date {date}',
      hintZh: '改为引用汇编日期时有效的版本，或调整汇编日期', hintEn: 'Cite the version in force at the compendium date',
    },
  },
  'law-dates': {
    effectiveBeforePromulgated: {
      zh: '施行日期 {effective} 早于公布日期 {promulgated}', en: 'Effective {effective} precedes promulgation {promulgated}',
      hintZh: '核对公布日期和施行日期', hintEn: 'Check both dates',
    },
    noRepealDate: {
      zh: '状态为"{status}"，但没有写 status_date（废止日期）', en: 'Status "{status}" needs status_date',
      hintZh: '填写 status_date: YYYY-MM-DD', hintEn: 'Add status_date: YYYY-MM-DD',
    },
    noRevisionDate: {
      zh: '状态为"{status}"，但没有写 status_date（修订日期）', en: 'Status "{status}" needs status_date',
      hintZh: '填写 status_date: YYYY-MM-DD', hintEn: 'Add status_date: YYYY-MM-DD',
    },
    replacementUnknown: {
      zh: 'replaced_by 指向的法律"{replacement}"未登记', en: 'replaced_by "{replacement}" is not registered',
      hintZh: '登记新版本，或改正编号', hintEn: 'Register the new version or fix the id',
    },
  },
  'penalty-discretion-required': {
    missing: {
      zh: '行政处罚事项"{name}"没有裁量基准', en: 'Penalty "{name}" has no discretion standards',
      hintZh: '在 discretion 下按情节（轻微/一般/严重）写出对应的处罚幅度', hintEn: 'Add discretion tiers (轻微/一般/严重) with their penalty ranges',
    },
  },
  'time-limit-promised': {
    exceeds: {
      zh: '承诺时限 {promised} 个{promisedUnit}长于法定时限 {statutory} 个{statutoryUnit}',
      en: 'Promised limit {promised} days exceeds the statutory limit {statutory} days',
      hintZh: '承诺时限应不长于法定时限，一般还要更短', hintEn: 'The promised limit must be at most the statutory one',
    },
  },
  'power-id-prefix': {
    mismatch: {
      zh: '{category}事项的编码一般以 {prefix} 开头，"{id}"不是', en: 'A {category} id usually starts with {prefix}; "{id}" does not',
      hintZh: '如 {prefix}-001；如本地另有编码规则，可在 powerbook.yaml 的 lint 中把 power-id-prefix 设为 off',
      hintEn: 'E.g. {prefix}-001, or set power-id-prefix: off in lint',
    },
  },
  'procedure-unknown-step': {
    unknownStep: {
      zh: '环节"{target}"不存在', en: 'Step "{target}" does not exist',
      hintZh: '可用的环节：{steps}', hintEn: 'Known steps: {steps}',
    },
    duplicateStep: {
      zh: '环节编号"{id}"重复', en: 'Duplicate step id "{id}"',
      hintZh: '同一流程中每个环节的编号必须唯一', hintEn: 'Step ids must be unique within a procedure',
    },
  },
  'procedure-unreachable': {
    unreachable: {
      zh: '环节"{name}"（{id}）从起始环节"{startName}"无法到达', en: 'Step "{id}" cannot be reached from the start "{start}"',
      hintZh: '在前面某个环节的 next 中加上它，或删除这个环节', hintEn: 'Add it to some earlier step\'s next, or remove it',
    },
  },
  'procedure-no-end': {
    noEndStep: {
      zh: '办理流程没有办结环节', en: 'The procedure has no end step',
      hintZh: '给最后一个环节加上 end: true，或去掉它的 next', hintEn: 'Mark the last step with end: true',
    },
    noPathToEnd: {
      zh: '从环节"{name}"（{id}）出发走不到办结环节', en: 'No path from step "{id}" to an end step',
      hintZh: '检查 next，避免只能来回循环的环节', hintEn: 'Check next: the step only leads into a loop',
    },
  },
  'procedure-no-actor': {
    noActor: {
      zh: '环节"{name}"没有写承办岗位（actor）', en: 'Step "{name}" has no actor',
      hintZh: '写明由哪个岗位或人员办理，如 actor: 窗口受理人员', hintEn: 'Say who handles it, e.g. actor: 窗口受理人员',
    },
  },
  'xref-unresolved': {
    noPower: {
      zh: '交叉引用 {raw} 无法解析：没有编码为"{target}"的职权', en: 'Cross reference {raw} does not resolve: no power with id "{target}"',
      hintZh: '核对事项编码（powers/ 下的文件名）', hintEn: 'Check the power id (file name under powers/)',
    },
    noLaw: {
      zh: '交叉引用 {raw} 无法解析：没有登记编号为"{target}"的法律', en: 'Cross reference {raw} does not resolve: no law with id "{target}"',
      hintZh: '核对 laws/ 下的文件名', hintEn: 'Check the file name under laws/',
    },
    badArticle: {
      zh: '交叉引用 {raw} 无法解析：条号"{article}"无法识别', en: 'Cross reference {raw} does not resolve: article "{article}" cannot be read',
      hintZh: '写成 #第十二条 或 #12', hintEn: 'Write #第十二条 or #12',
    },
    noArticle: {
      zh: '交叉引用 {raw} 无法解析：《{title}》登记的条文中没有{label}', en: 'Cross reference {raw} does not resolve: {title} has no listed article {key}',
      hintZh: '核对条号，或在法律登记中补登这一条', hintEn: 'Check the number or list the article',
    },
    unknownKind: {
      zh: '交叉引用 {raw} 无法解析：不认识的引用类型"{kind}"', en: 'Cross reference {raw} does not resolve: unknown reference kind "{kind}"',
      hintZh: '只能写 [[power:事项编码]] 或 [[law:法律编号#第X条]]', hintEn: 'Use [[power:ID]] or [[law:ID#article]]',
    },
    relatedPower: {
      zh: '相关职权"{id}"不存在', en: 'Related power "{id}" does not exist', hintZh: '核对事项编码', hintEn: 'Check the power id',
    },
  },
  'image-unresolved': {
    remote: {
      zh: '图片"{url}"是网络地址，汇编中不会下载', en: 'Image "{url}" is remote and will not be fetched',
      hintZh: '把图片文件放进仓库（如 rules/images/），用相对路径引用', hintEn: 'Put the file in the repository and use a relative path',
    },
    outside: { zh: '图片"{url}"在仓库之外，已拒绝', en: 'Image "{url}" is outside the repository', hintZh: '把图片复制进仓库', hintEn: 'Copy the image into the repository' },
    missing: { zh: '图片"{url}"不存在', en: 'Image "{url}" does not exist', hintZh: '检查文件名和路径（相对于本制度文件）', hintEn: 'Check the path (relative to this rule file)' },
    notPngSvg: { zh: '图片"{url}"不是 PNG 或 SVG', en: 'Image "{url}" is not PNG or SVG', hintZh: '另存为 PNG 格式', hintEn: 'Save it as PNG' },
  },
  'markdown-html': {
    dropped: {
      zh: '正文中的 HTML（<{tag}>）不会印进汇编，其中的文字也不会印出', en: 'HTML (<{tag}>) in the text is not printed in the compendium, nor the text inside it',
      hintZh: '删去 HTML 标记，用 Markdown 写：标题用 #，加粗用 **…**，表格用 | 分隔', hintEn: 'Remove the HTML and write Markdown: # for headings, **…** for bold, | for tables',
    },
  },
  'list-indent': {
    merged: {
      zh: '这一行的列表项"{marker}"缩进了 {indent} 格，比上面的文字多出 4 格以上，会被并入上一项（"{marker}"当作文字印出）', en: 'The list item "{marker}" on this line is indented {indent} columns, four or more past the text above: it joins the item above ("{marker}" printed as text)',
      hintZh: '把这一行的缩进减到与同级列表项相同（下一级列表项比上一项的文字多缩进 2 格）', hintEn: 'Indent it as its sibling items (a nested item 2 columns past the text of the item above)',
    },
  },
  'rule-legality-review': {
    noResult: {
      zh: '制度"{title}"的合法性审查没有结论', en: 'Rule "{title}": legality review has no result',
      hintZh: '填写 result: 通过、修改后通过 或 不通过', hintEn: 'Add result: 通过, 修改后通过 or 不通过',
    },
    notPassedBeforeDeliberation: {
      zh: '制度"{title}"的合法性审查结论为"{result}"，提交集体审议前须为"通过"或"修改后通过"',
      en: 'Rule "{title}": legality review result is "{result}"; it must have passed before deliberation', ...REVIEW_HINT,
    },
    afterStageDate: {
      zh: '制度"{title}"的合法性审查日期 {date} 晚于工作节点 stages.{dateKey}（{planned}）', en: 'Rule "{title}": legality review date {date} is after stages.{dateKey} ({planned})',
      hintZh: '核对日期；工作节点推迟的，修改 powerbook.yaml 的 stages.{dateKey}', hintEn: 'Check the date, or move stages.{dateKey} in powerbook.yaml',
    },
    missing: {
      zh: '制度"{title}"没有合法性审查记录', en: 'Rule "{title}" has no legality review record',
      hintZh: '起草后交本机关法制机构审查，填写 legality_review 的 reviewer、date、opinion、result', hintEn: 'Fill in legality_review (date, result…)',
    },
    notPassed: {
      zh: '制度"{title}"的合法性审查结果为"{result}"，报送前须为"通过"或"修改后通过"',
      en: 'Rule "{title}": legality review result is "{result}"; it must have passed before submission', ...REVIEW_HINT,
    },
    noDate: { zh: '制度"{title}"的合法性审查没有日期', en: 'Rule "{title}": legality review has no date', ...DATE_HINT },
    late: {
      zh: '制度"{title}"的合法性审查日期 {date} 晚于报送日期 {due}', en: 'Rule "{title}": legality review date {date} is after the submission date {due}', ...LATE_HINT,
    },
  },
  'rule-deliberation': {
    noResult: {
      zh: '制度"{title}"的集体审议没有结论', en: 'Rule "{title}": collective deliberation has no result',
      hintZh: '填写 result: 通过、修改后通过 或 不通过', hintEn: 'Add result: 通过, 修改后通过 or 不通过',
    },
    afterStageDate: {
      zh: '制度"{title}"的集体审议日期 {date} 晚于工作节点 stages.{dateKey}（{planned}）', en: 'Rule "{title}": collective deliberation date {date} is after stages.{dateKey} ({planned})',
      hintZh: '核对日期；工作节点推迟的，修改 powerbook.yaml 的 stages.{dateKey}', hintEn: 'Check the date, or move stages.{dateKey} in powerbook.yaml',
    },
    missing: {
      zh: '制度"{title}"没有集体审议记录', en: 'Rule "{title}" has no collective deliberation record',
      hintZh: '审查后提交领导班子集体审议，填写 deliberation 的 meeting、date、result', hintEn: 'Fill in deliberation (date, result…)',
    },
    notPassed: {
      zh: '制度"{title}"的集体审议结果为"{result}"，报送前须为"通过"或"修改后通过"',
      en: 'Rule "{title}": collective deliberation result is "{result}"; it must have passed before submission', ...REVIEW_HINT,
    },
    noDate: { zh: '制度"{title}"的集体审议没有日期', en: 'Rule "{title}": collective deliberation has no date', ...DATE_HINT },
    late: {
      zh: '制度"{title}"的集体审议日期 {date} 晚于报送日期 {due}', en: 'Rule "{title}": collective deliberation date {date} is after the submission date {due}', ...LATE_HINT,
    },
    beforeReview: {
      zh: '制度"{title}"的集体审议日期 {date} 早于合法性审查日期 {reviewDate}', en: 'Deliberation {date} precedes legality review {reviewDate}',
      hintZh: '按工作方案，先合法性审查，再集体审议', hintEn: 'Legality review comes before deliberation',
    },
  },
  'schema': {
    required: { zh: '缺少必填项 {field}', en: 'Missing required field {field}', hintZh: '请补上 {key}', hintEn: 'Add "{key}"' },
    requiredDescribed: { zh: '缺少必填项 {field}', en: 'Missing required field {field}', hintZh: '{key}: {description}', hintEn: 'Add "{key}"' },
    unknownField: { zh: '不认识的字段"{key}"', en: 'Unknown field "{key}"', hintZh: '这里可用的字段：{allowed}', hintEn: 'Allowed here: {allowed}' },
    unknownFieldNear: { zh: '不认识的字段"{key}"', en: 'Unknown field "{key}"', hintZh: '是不是要写"{near}"？', hintEn: 'Did you mean "{near}"?' },
    unknownFieldTitle: {
      zh: '不认识的字段"{key}"', en: 'Unknown field "{key}"',
      hintZh: '字段名要写英文：“{title}”写成 {near}', hintEn: 'Keys are written in English: "{title}" is {near}',
    },
    type: { zh: '{field}应为{types}', en: '{field} must be {types}', hintZh: '{description}' },
    enum: {
      zh: '{field}的值"{value}"不在可选范围内', en: '{field}: "{value}" is not one of the allowed values',
      hintZh: '可选：{allowed}', hintEn: 'Allowed: {allowed}',
    },
    enumNear: {
      zh: '{field}的值"{value}"不在可选范围内', en: '{field}: "{value}" is not one of the allowed values',
      hintZh: '是不是"{near}"？可选：{allowed}', hintEn: 'Allowed: {allowed}',
    },
    const: { zh: '{field}的值应为"{value}"', en: '{field} must be "{value}"' },
    date: {
      zh: '{field}不是有效的日期："{value}"', en: '{field} is not a valid date: "{value}"',
      hintZh: '日期写成 YYYY-MM-DD，如 2010-11-20', hintEn: 'Write dates as YYYY-MM-DD, e.g. 2010-11-20',
    },
    format: { zh: '{field}的格式不对（应为 {format}）', en: '{field} must be a valid {format}' },
    pattern: {
      zh: '{field}的写法不对："{value}"', en: '{field} does not match the expected form: "{value}"',
      hintZh: '{description}', hintEn: 'Pattern: {pattern}',
    },
    minLength: { zh: '{field}不能为空', en: '{field} must not be empty', hintZh: '{description}' },
    maxLength: { zh: '{field}太长，最多 {limit} 个字', en: '{field} is too long (max {limit})' },
    minItems: { zh: '{field}至少要有 {limit} 项', en: '{field} needs at least {limit} item(s)', hintZh: '{description}' },
    maxItems: { zh: '{field}最多 {limit} 项', en: '{field} allows at most {limit} item(s)' },
    uniqueItems: { zh: '{field}中有重复的项', en: '{field} has duplicate items' },
    limit: { zh: '{field}应{comparison} {limit}', en: '{field} must be {comparison} {limit}' },
    wrongForm: { zh: '{field}的写法不对', en: '{field} has the wrong form', hintZh: '{description}' },
    other: { zh: '{field}{problem}', en: '{field} {problem}' },
  },
  'yaml-syntax': {
    syntax: {
      zh: 'YAML 语法错误，这里的写法无法识别（{code}）', en: 'YAML syntax error: {detail}',
      hintZh: '检查这一行和上一行的缩进、冒号后的空格和引号是否配对', hintEn: 'Check indentation, the space after colons, and matching quotes',
    },
    implicitKey: {
      zh: '这一行既不是"字段名: 值"，也不是以"- "开头的列表项，YAML 把它和下一行连成了一个字段名', en: 'This line is neither "key: value" nor a "- " list item: YAML read it and the next line as one key',
      hintZh: '字段名后面写半角冒号和空格（如 name: 值）；列表项以"- "开头；一段长文字写成"字段名: |"，下一行起缩进书写',
      hintEn: 'Write "key: value" with an ASCII colon and a space, start list items with "- ", or write long text as "key: |" with the text indented below',
    },
    noSpaceAfterColon: {
      zh: '字段名的冒号后面缺少空格，YAML 把整行读成了一段文字', en: 'No space after the colon of the key: YAML read the whole line as text',
      hintZh: '在冒号后加一个空格：{fixed}', hintEn: 'Add a space after the colon: {fixed}',
    },
    badIndent: {
      zh: '缩进不对：同一层的字段或列表项必须从同一列开始', en: 'Bad indentation: the keys or items of one level must start in the same column',
      hintZh: '与上一个同级的字段对齐（用半角空格，不用 Tab 或全角空格）', hintEn: 'Align it with the previous key of its level (ASCII spaces, no tabs)',
    },
    compact: {
      zh: '一行里写了两个"字段名: 值"', en: 'Two "key: value" pairs on one line',
      hintZh: '每个字段写一行；值里要有冒号的，整个值加引号', hintEn: 'Write one key per line; quote a value that holds a colon',
    },
    unexpected: {
      zh: '这里有多余的文字："{text}"', en: 'Unexpected text here: "{text}"',
      hintZh: '检查引号、方括号和花括号是否配对；值里有特殊符号的，整个值加引号', hintEn: 'Check that quotes and brackets pair up; quote a value with special characters',
    },
    missingColon: {
      zh: '字段名后面缺少冒号，或这一行的缩进不对', en: 'A key without its colon, or this line is indented wrongly',
      hintZh: '写成"字段名: 值"（半角冒号加空格），并与同级字段对齐', hintEn: 'Write "key: value" and align it with the keys of its level',
    },
    flowEnd: {
      zh: '方括号"[ ]"或花括号没有配对', en: 'A bracket "[ ]" or a brace is not closed',
      hintZh: '补上结束的括号；括号里的各项用半角逗号","分开', hintEn: 'Close it; separate the items with ASCII commas',
    },
    unclosedFlow: {
      zh: '这一行的"{bracket}"没有配对的"{close}"', en: 'The "{bracket}" on this line is never closed by "{close}"',
      hintZh: '在行末补上"{close}"（括号里的各项用半角逗号","分开）：{fixed}', hintEn: 'Close it at the end of the line: {fixed}',
    },
    overIndented: {
      zh: '这一行比第 {previous} 行多缩进了，YAML 把它接在了第 {previous} 行的值后面', en: 'This line is indented further than line {previous}, so YAML read it as the rest of that value',
      hintZh: '删去行首多出的空格，与第 {previous} 行对齐', hintEn: 'Remove the extra spaces: align it with line {previous}',
    },
    badEscape: {
      zh: '双引号中的反斜杠"\\"写法不对', en: 'A backslash in double quotes is not a valid escape',
      hintZh: '含反斜杠的文字（如 Windows 路径）改用单引号，或把每个 \\ 写成两个', hintEn: 'Use single quotes for text with backslashes, or double each backslash',
    },
    badStart: {
      zh: '值不能以"{char}"开头', en: 'A plain value cannot start with "{char}"',
      hintZh: '给整个值加上引号', hintEn: 'Put the value in quotes',
    },
    multipleDocuments: {
      zh: '文件中有多个 YAML 文档（多余的 "---"）', en: 'The file holds more than one YAML document (an extra "---")',
      hintZh: '一个文件只写一项内容，删除多余的 "---" 行', hintEn: 'Keep one document per file',
    },
    notConvertible: { zh: 'YAML 无法转换：{detail}', en: 'YAML could not be converted: {detail}' },
  },
  'duplicate-key': {
    duplicate: {
      zh: '同一层级出现了重复的键（字段名）', en: 'Duplicate key in the same mapping',
      hintZh: '删除或合并重复的字段，同一层级每个字段只能写一次', hintEn: 'Remove or merge the repeated key',
    },
  },
  'tab-indent': {
    tab: {
      zh: 'YAML 不能用制表符（Tab）缩进', en: 'Tabs are not allowed for indentation in YAML',
      hintZh: '把行首的 Tab 换成 {spaces} 个半角空格，与同级的字段对齐：{fixed}', hintEn: 'Replace the leading tabs with {spaces} spaces, aligned with the keys of its level: {fixed}',
    },
  },
  'yaml-fullwidth-colon': {
    colon: {
      zh: '字段名"{key}"后面用了全角冒号"："，YAML 不认', en: 'The key "{key}" is followed by a full-width colon (U+FF1A), which YAML does not read as a colon',
      hintZh: '把全角冒号“：”改成半角冒号“: ”（冒号后加一个空格）：{fixed}', hintEn: 'Replace it with an ASCII colon and a space: {fixed}',
    },
  },
  'yaml-ideographic-space': {
    indent: {
      zh: '行首用了 {n} 个全角空格（U+3000）缩进，YAML 只认半角空格', en: 'The line is indented with {n} full-width space(s) (U+3000); YAML indents with ASCII spaces only',
      hintZh: '把行首的全角空格换成 {spaces} 个半角空格，与同级的字段对齐：{fixed}', hintEn: 'Indent it with {spaces} ASCII spaces, aligned with the keys of its level: {fixed}',
    },
    indentDelete: {
      zh: '行首用了 {n} 个全角空格（U+3000）缩进，YAML 只认半角空格', en: 'The line is indented with {n} full-width space(s) (U+3000); YAML indents with ASCII spaces only',
      hintZh: '删去行首的全角空格，与同级的字段对齐：{fixed}', hintEn: 'Remove them, aligning the line with the keys of its level: {fixed}',
    },
    afterColon: {
      zh: '冒号后面是全角空格（U+3000），YAML 要求冒号后是半角空格', en: 'A full-width space (U+3000) after the colon; YAML needs an ASCII space',
      hintZh: '把冒号后的全角空格换成一个半角空格：{fixed}', hintEn: 'Put an ASCII space after the colon: {fixed}',
    },
  },
  'yaml-colon-in-value': {
    colon: {
      zh: '值中间有"冒号加空格"（": "），YAML 把它读成了又一个字段', en: 'The unquoted value contains ": " (colon and space), which YAML reads as another key',
      hintZh: '{howZh}：{fixed}', hintEn: '{howEn}: {fixed}',
    },
    item: {
      zh: '这一项中的"冒号加空格"（": "）让 YAML 把它读成了"字段名: 值"，而这里应是一段文字', en: 'The ": " in this item made YAML read it as "key: value" where a text belongs',
      hintZh: '{howZh}：{fixed}', hintEn: '{howEn}: {fixed}',
    },
  },
  'yaml-unbalanced-quote': {
    unclosed: {
      zh: '值开头的引号 {quote} 没有配对的结束引号，后面的各行都被读成了这个值', en: 'The opening quote {quote} is never closed: the lines after it were read as part of the value',
      hintZh: '在这一行末尾补上 {quote}（或删去开头的 {quote}）：{fixed}', hintEn: 'Close it at the end of the line (or remove it): {fixed}',
    },
    textAfter: {
      zh: '值以引号 {quote} 开头，引号结束后还有文字：YAML 把这对引号当成了整个值的引号', en: 'The value starts with the quote {quote} and more text follows its closing quote: YAML took them for the quotes of the whole value',
      hintZh: '文字中的引号请用中文引号“”：{fixed}', hintEn: 'Use Chinese quotation marks inside Chinese text: {fixed}',
    },
  },
  'yaml-fullwidth-dash': {
    dash: {
      zh: '列表项用了全角的"{dash}"开头，YAML 只认半角的"- "', en: 'The list item starts with the full-width dash "{dash}"; YAML list items start with "- "',
      hintZh: '把"{dash}"改成半角减号加空格"- "：{fixed}', hintEn: 'Replace it with "- " (ASCII hyphen and space): {fixed}',
    },
  },
  'text-unbalanced-quote': {
    unbalanced: {
      zh: '"{field}"中的中文引号不成对：{open} 个左引号“，{close} 个右引号”', en: '{field}: the Chinese quotation marks do not pair up ({open} opening, {close} closing)',
      hintZh: '补上缺少的引号，或删去多余的一个，使“”成对出现', hintEn: 'Add the missing mark or remove the extra one',
    },
  },
  'alias-limit': {
    tooMany: {
      zh: 'YAML 别名（&锚点/*引用）展开过多，超过 {max} 个，疑似"别名炸弹"', en: 'Too many YAML alias expansions (over {max}): possible alias bomb',
      hintZh: '不要用锚点和别名，直接写出内容', hintEn: 'Write values out instead of using anchors and aliases',
    },
  },
  'encoding': {
    gb18030: { zh: '文件编码是 GBK/GB18030，不是 UTF-8', en: 'The file is encoded as GBK/GB18030, not UTF-8', ...ENCODING_HINT },
    utf16: { zh: '文件编码是 UTF-16（记事本的"Unicode"），不是 UTF-8', en: 'The file is encoded as UTF-16, not UTF-8', ...UTF16_HINT },
    unknown: {
      zh: '文件不是 UTF-8 编码，也无法识别为 GBK/GB18030', en: 'The file is not UTF-8 and not recognisable as GBK/GB18030',
      hintZh: '用记事本打开，"另存为"时编码选 UTF-8', hintEn: 'Re-save the file with UTF-8 encoding',
    },
  },
  'binary-file': {
    binary: {
      zh: '这是二进制文件（如 Word 文档或图片），不是文本文件', en: 'This is a binary file (e.g. a Word document or an image), not text',
      hintZh: '把内容复制出来，另存为 UTF-8 文本（.yaml 或 .md）', hintEn: 'Copy the content into a UTF-8 text file (.yaml or .md)',
    },
  },
  'hidden-char': {
    escaped: {
      zh: '{path} 的值里有看不见的控制字符 {code}（由 YAML 转义写出，如 "\\x07"、"\\u0001"）：编辑器里看不见，汇编中会删去',
      en: 'The value of {path} holds the invisible control character {code} (written as a YAML escape such as "\\x07" or "\\u0001"): invisible in an editor, dropped from the compendium',
      hintZh: '删去这个转义；要换行，用 YAML 的 | 块写多行文字', hintEn: 'Delete the escape; for line breaks write the text as a YAML | block',
    },
    bidi: {
      zh: '这里有看不见的文字方向控制字符 {code}{where}：汇编和网站上这段文字会倒序或错位显示，与编辑器里看到的不同',
      en: 'An invisible direction control character {code} here{whereEn}: the compendium and the site may show this text reordered, unlike the editor',
      hintZh: '删去这个字符（多见于从网页复制的文字）；编辑器看不见它时，重新输入这一段', hintEn: 'Delete the character (it comes with text copied from web pages); retype the passage if the editor does not show it',
    },
  },
  'control-char': {
    found: {
      zh: '这里有控制字符 {code}（共 {count} 个）：编辑器里看不见，汇编中会删去', en: 'Control character {code} here ({count} in the file): invisible in an editor, dropped from the compendium',
      hintZh: '删去这些字符（常见于从网页、终端或其他程序复制的文字），必要时重新输入这一段', hintEn: 'Delete them (they come with text copied from web pages, terminals or other programs); retype the passage if need be',
    },
  },
  'file-unreadable': {
    directory: {
      zh: '这是一个文件夹，不是文件，其中的内容不会读取', en: 'This is a folder, not a file: its content is not read',
      hintZh: '文件夹名不要以 .yaml、.yml 或 .md 结尾；职权、法律、制度文件直接放在 powers/、laws/、rules/ 下', hintEn: 'Do not end a folder name with .yaml, .yml or .md; put power, law and rule files directly in powers/, laws/, rules/',
    },
    loop: {
      zh: '这是一个循环的符号链接（链接指向自己或互相指向），无法读取', en: 'This symbolic link loops (it points to itself or to a link that points back): cannot be read',
      hintZh: '删除这个链接，把文件本身放在这里', hintEn: 'Delete the link and put the file itself here',
    },
    dangling: {
      zh: '这是一个失效的符号链接，指向的文件不存在', en: 'This symbolic link points to a file that does not exist',
      hintZh: '删除这个链接，把文件本身放在这里', hintEn: 'Delete the link and put the file itself here',
    },
    special: {
      zh: '这不是普通文件（管道、设备或套接字），不会读取', en: 'This is not a regular file (a pipe, device or socket): not read',
      hintZh: '删除它，换成普通的文本文件', hintEn: 'Delete it and put a regular text file here',
    },
    unlistable: {
      zh: '无法列出这个文件夹中的文件（没有读取权限），其中的文件都没有检查', en: 'The files of this folder cannot be listed (no permission): none of them was checked',
      hintZh: '给当前用户读取和进入这个文件夹的权限（如 chmod u+rx），或在 Windows 的“属性 → 安全”中设置', hintEn: 'Give the current user permission to read and enter the folder (e.g. chmod u+rx)',
    },
    open: {
      zh: '文件无法打开（{code}），没有检查', en: 'The file cannot be opened ({code}): not checked',
      hintZh: '给当前用户读取这个文件的权限（如 chmod u+r），或关闭锁定它的程序后再试', hintEn: 'Give the current user permission to read the file (e.g. chmod u+r), or close the program that locks it',
    },
  },
  'file-too-large': {
    tooLarge: {
      zh: '文件太大（{size} MB），超过 1 MB 的上限', en: 'File too large ({size} MB); the limit is 1 MB',
      hintZh: '一个文件只写一项职权、法律或制度；法律只登记引用到的条文', hintEn: 'Keep one item per file; list only the articles you cite',
    },
  },
  'empty-file': {
    empty: { zh: '文件是空的', en: 'The file is empty', hintZh: '填写内容，或删除这个文件', hintEn: 'Fill it in or delete it' },
  },
  'path-outside': {
    symlink: {
      zh: '这是一个指向仓库之外的符号链接，已拒绝读取', en: 'Symbolic link pointing outside the repository: refused',
      hintZh: '把文件本身复制进仓库，不要用链接', hintEn: 'Copy the file into the repository instead of linking to it',
    },
    directory: { zh: '目录 {dir} 是指向仓库之外的符号链接，已拒绝读取', en: 'Directory {dir} is a symbolic link outside the repository: refused' },
    reference: {
      zh: '引用的文件"{ref}"在仓库之外，已拒绝读取', en: 'Referenced file "{ref}" is outside the repository: refused',
      hintZh: '只能引用仓库内的文件，用相对路径', hintEn: 'Reference files inside the repository with a relative path',
    },
  },
  'file-missing': {
    missing: {
      zh: '引用的文件"{ref}"不存在', en: 'Referenced file "{ref}" does not exist',
      hintZh: '检查文件名和路径（相对于本文件所在目录）', hintEn: 'Check the name and path (relative to this file)',
    },
  },
  'front-matter-missing': {
    missing: {
      zh: '制度文件开头缺少用 "---" 包围的元数据（编号、名称、所属方面、审查与审议记录）',
      en: 'The rule file lacks its front matter between "---" lines (id, title, area, review records)',
      hintZh: '在文件第一行写 ---，接着写 id、title、area 等字段，再写一行 ---，然后是正文',
      hintEn: 'Start the file with ---, then id/title/area…, then ---, then the text',
    },
  },
  'config-missing': {
    missing: {
      zh: '缺少配置文件 powerbook.yaml（部门名称、汇编标题和日期）', en: 'Missing powerbook.yaml (department, compendium title and date)',
      hintZh: '运行 powerbook init 生成一个，或从示例复制', hintEn: 'Run `powerbook init` or copy one from the examples',
    },
  },
  'empty-repository': {
    empty: {
      zh: '这里不是制度库：没有 powerbook.yaml，也没有 laws/、powers/、rules/ 下的文件',
      en: 'Not a rule repository: no powerbook.yaml and no files under laws/, powers/ or rules/',
      hintZh: '确认目录是否正确，或运行 powerbook init 新建一个制度库', hintEn: 'Check the directory, or run `powerbook init` to create one',
    },
  },
  'config-unknown-rule': {
    unknownRule: {
      zh: 'lint 中的规则"{id}"不存在', en: 'Unknown rule "{id}" in lint',
      hintZh: '运行 powerbook rules 查看全部规则', hintEn: 'Run `powerbook rules` for the list',
    },
    badLevel: {
      zh: 'lint 中规则"{id}"的级别"{level}"无效', en: 'Invalid level "{level}" for rule "{id}" in lint',
      hintZh: '级别只能是 error、warning、info 或 off', hintEn: 'Use error, warning, info or off',
    },
  },
  'flowchart-syntax': {
    syntax: {
      zh: '流程图语法错误（Mermaid）：{detail}', en: 'Flowchart syntax error (Mermaid): {detail}',
      hintZh: '这是职权 {power}（{file}）的手绘流程图；对照 Mermaid flowchart 语法改正，或删除 flowchart 字段改用自动生成',
      hintEn: 'Hand-drawn flowchart of {power}; fix the Mermaid syntax or remove the flowchart field to generate it',
    },
  },
  'flowchart-render': {
    failed: {
      zh: '权力运行流程图绘制失败：{error}', en: 'The flowchart could not be rendered: {error}',
      hintZh: '检查办理流程的环节和标签；如是手绘流程图，先运行 powerbook validate 检查语法', hintEn: 'Check the procedure, or validate the hand-drawn .mmd',
    },
  },
  'flowchart-small-text': {
    generated: {
      zh: '权力运行流程图印在 A4 纸上时文字只有约 {size} 磅，小于 {min} 磅（五号），不易辨认',
      en: 'The flowchart\'s text prints at about {size} pt on A4, below {min} pt, and is hard to read',
      hintZh: '缩短环节名称、承办岗位和条件的文字，或减少并列的分支', hintEn: 'Shorten the step, actor and condition texts, or reduce parallel branches',
    },
    handDrawn: {
      zh: '权力运行流程图印在 A4 纸上时文字只有约 {size} 磅，小于 {min} 磅（五号），不易辨认',
      en: 'The flowchart\'s text prints at about {size} pt on A4, below {min} pt, and is hard to read',
      hintZh: '手绘流程图不会自动分页：精简图中的环节和文字，或删去 flowchart 这一行，改由办理流程（procedure）自动生成流程图（过长时自动分页）',
      hintEn: 'A hand-drawn flowchart is not cut into pages: make it smaller, or remove the flowchart line so that one is generated from the procedure (cut into pages when long)',
    },
  },
  'power-fees': {
    missing: {
      zh: '职权"{name}"没有写是否收费', en: 'Power "{name}" does not say whether it charges fees',
      hintZh: '不收费的写 {free}；收费的写 {charged}', hintEn: 'Write {free}, or {charged}',
    },
    incomplete: {
      zh: '职权"{name}"收费，但没有写{missingZh}', en: 'Power "{name}" charges fees but lacks {missingEn}',
      hintZh: '在 fees 下补上 standard（如 每件 50 元）和 basis（如 湘价费〔2010〕1号）', hintEn: 'Add fees.standard and fees.basis',
    },
  },
  'power-time-limit': {
    missing: {
      zh: '职权"{name}"没有写法定时限', en: 'Power "{name}" does not state its statutory time limit',
      hintZh: '写 {example}；法律法规没有规定时限的写 statutory: 未规定', hintEn: 'Write {example}, or statutory: 未规定 when the law sets none',
    },
  },
  'power-status': {
    incomplete: {
      zh: '职权"{name}"已{status}，但没有写{missingZh}', en: 'Power "{name}" is {statusEn} but lacks {missingEn}',
      hintZh: '写 status_date: YYYY-MM-DD 和 status_reason: {status}的理由及文件依据；汇编把它列入"取消、暂停事项"表',
      hintEn: 'Add status_date: YYYY-MM-DD and status_reason (with the decision that made it)',
    },
  },
  'power-body-unit': {
    body: {
      zh: '职权"{name}"的实施主体"{body}"既不是本部门（{department}），也不是 powerbook.yaml 所列的单位（department.units）',
      en: 'The implementing body "{body}" of power "{name}" is neither the department ({department}) nor a unit listed in powerbook.yaml (department.units)',
      hintZh: '实施主体写本部门全称"{department}"，或所列单位之一：{units}；确是本部门的单位的，把它加进 department.units',
      hintEn: 'Write the department, "{department}", or one of the listed units: {units}; a unit of the department not yet listed goes into department.units',
    },
    bodyNoUnits: {
      zh: '职权"{name}"的实施主体"{body}"不是本部门（{department}）', en: 'The implementing body "{body}" of power "{name}" is not the department ({department})',
      hintZh: '实施主体写本部门全称"{department}"；由下属单位以自己的名义实施的，在 powerbook.yaml 的 department.units 中列出该单位',
      hintEn: 'Write the department, "{department}"; a subordinate unit acting in its own name is listed under department.units in powerbook.yaml',
    },
    unit: {
      zh: '职权"{name}"的承办机构"{unit}"不是 powerbook.yaml 所列的单位（department.units）之一',
      en: 'The responsible unit "{unit}" of power "{name}" is not one of the units listed in powerbook.yaml (department.units)',
      hintZh: '所列单位：{units}；改成其中之一，或把"{unit}"加进 department.units', hintEn: 'Listed units: {units}; use one of them, or add "{unit}" to department.units',
    },
  },
  'stage-dates': {
    outOfOrder: {
      zh: 'stages.{key}（{date}）早于 stages.{prevKey}（{prevDate}）', en: 'stages.{key} ({date}) precedes stages.{prevKey} ({prevDate})',
      hintZh: '工作节点按起草、合法性审查、集体审议、报送、公布的先后排列；核对日期', hintEn: 'Stages go draft, review, deliberation, submit, publish: check the dates',
    },
  },
  'compendium-draft-mark': {
    marked: {
      zh: '汇编的 {key} 仍标着"{mark}"', en: 'The compendium\'s {key} still says "{mark}"',
      hintZh: '向社会公布的是经审查、审议的正式文本：删去这一标注', hintEn: 'The published compendium is the reviewed text: remove the mark',
    },
  },
  'compendium-file-omitted': {
    omitted: {
      zh: '{kindZh}文件不符合格式要求，没有编入汇编', en: 'This {kindEn} file does not match the format and is left out of the compendium',
      hintZh: '把 powerbook.yaml 的 lint 中 schema 改回 error（或删去这一行）后运行 powerbook validate，按提示改正', hintEn: 'Set schema back to error in powerbook.yaml\'s lint (or remove that line), run powerbook validate and fix what it reports',
    },
    omittedFromList: {
      zh: '{kindZh}文件不符合格式要求，没有列入导出的清单', en: 'This {kindEn} file does not match the format and is left out of the exported lists',
      hintZh: '把 powerbook.yaml 的 lint 中 schema 改回 error（或删去这一行）后运行 powerbook validate，按提示改正', hintEn: 'Set schema back to error in powerbook.yaml\'s lint (or remove that line), run powerbook validate and fix what it reports',
    },
  },
  'yaml-too-deep': {
    overLimit: {
      zh: 'YAML 嵌套层数过多（超过 {max} 层），无法读取', en: 'YAML nested too deep (over {max} levels): not read',
      hintZh: '制度库的文件只需几层嵌套：检查这一行的方括号、花括号和缩进是否写错，或文件是否由其他工具误生成',
      hintEn: 'Rule repository files need only a few levels: check the brackets and indentation on this line',
    },
    parser: {
      zh: 'YAML 嵌套层数过多，无法读取', en: 'YAML nested too deep: not read',
      hintZh: '检查文件中的方括号、花括号和缩进是否写错', hintEn: 'Check the brackets and indentation',
    },
  },
  'revision-base': {
    unavailable: {
      zh: '无法生成修订说明：{reason}', en: 'Cannot write the revision notes: {reason}',
      hintZh: '改正 compendium.revision_base（上一版的 git 标签或提交），或删去这一项不要修订说明', hintEn: 'Fix compendium.revision_base (the previous edition\'s tag or commit), or remove it',
    },
  },
  // powerbook import (src/sheet): a published power list read into powers/. Line = row, column = column of the sheet.
  'sheet-unreadable': {
    emptyFile: { zh: '文件是空的', en: 'The file is empty', hintZh: '检查是否选错了文件', hintEn: 'Check that this is the right file' },
    tooLarge: { zh: '文件有 {size} MB，超过 {max} MB，不像一份权力清单', en: 'The file is {size} MB, over {max} MB: not a power list', hintZh: '检查是否选错了文件', hintEn: 'Check that this is the right file' },
    xls: {
      zh: '这是 Excel 97-2003 工作簿（.xls）、WPS 表格（.et）或加了密码的工作簿，无法直接读取',
      en: 'This is an Excel 97-2003 workbook (.xls), a WPS sheet (.et) or a password-protected workbook, which cannot be read',
      hintZh: '在 Excel 或 WPS 中打开，“另存为”时选“Excel 工作簿（*.xlsx）”，再导入另存的文件；有密码的先取消密码',
      hintEn: 'Open it in Excel or WPS and "Save as" Excel Workbook (*.xlsx), then import that file; remove a password first',
    },
    html: {
      zh: '这是网页（HTML）文件，只是扩展名为 .xls 或 .xlsx（门户网站下载的表格常常如此）',
      en: 'This is a web page (HTML) with an .xls or .xlsx name (as portal downloads often are)',
      hintZh: '在 Excel 或 WPS 中打开，“另存为”“Excel 工作簿（*.xlsx）”后再导入', hintEn: 'Open it in Excel or WPS and "Save as" Excel Workbook (*.xlsx), then import that',
    },
    notWorkbook: {
      zh: '无法作为 Excel 工作簿（.xlsx）读取（{detail}）', en: 'Cannot be read as an Excel workbook (.xlsx) ({detail})',
      hintZh: '文件可能已损坏或不是 Excel 文件：在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入；CSV 文件的扩展名应为 .csv',
      hintEn: 'The file may be damaged or not an Excel file: open it in Excel or WPS and save it as .xlsx; a CSV file should be named .csv',
    },
    otherFormat: {
      zh: '这个文件是{what}，不是 Excel 工作簿（.xlsx）', en: 'This file is {what}, not an Excel workbook (.xlsx)',
      hintZh: '在 Excel 或 WPS 中打开清单，“另存为”时选“Excel 工作簿（*.xlsx）”，再导入；如果选错了文件，换成清单的 .xlsx 或 .csv', hintEn: 'Open the list in Excel or WPS and "Save as" an Excel workbook (*.xlsx), then import it; or give the list\'s .xlsx or .csv',
    },
    mergeTooLarge: {
      zh: '工作簿中合并的单元格过多：区域 {ref} 合并了 {cells} 个单元格（合计上限 {max} 个），不像一份权力清单，不予读取', en: 'The workbook merges too many cells: the range {ref} alone merges {cells} (at most {max} in all); not a power list, not read',
      hintZh: '在 Excel 或 WPS 中选中这个区域，取消“合并单元格”（只合并表中真正需要合并的格），保存后再导入', hintEn: 'Select that range in Excel or WPS, undo "Merge cells", save and import again',
    },
    zipBomb: { zh: '工作簿解压后有 {size} MB，超过 {max} MB，不予读取', en: 'The workbook unpacks to {size} MB, over {max} MB: not read', hintZh: '检查文件来源；权力清单解压后不过几 MB', hintEn: 'Check where the file came from: a power list unpacks to a few MB' },
    encoding: {
      zh: 'CSV 文件的编码无法识别（不是 UTF-8、GBK/GB18030 或 UTF-16）', en: 'The CSV file\'s encoding is not UTF-8, GBK/GB18030 or UTF-16',
      hintZh: '在 Excel 或 WPS 中打开，另存为“CSV UTF-8”或 .xlsx 后再导入', hintEn: 'Open it in Excel or WPS and save it as "CSV UTF-8" or .xlsx',
    },
    binaryCsv: {
      zh: '这个文件不是文本（CSV），其中有二进制内容', en: 'This file is not text (CSV): it holds binary content',
      hintZh: '检查是否选错了文件；Excel 工作簿请用 .xlsx 扩展名', hintEn: 'Check the file; an Excel workbook should be named .xlsx',
    },
    csv: { zh: 'CSV 文件格式有误：{detail}', en: 'The CSV file is malformed: {detail}', hintZh: '检查引号是否成对；或在 Excel 中打开后另存为 .xlsx', hintEn: 'Check that quotes are paired, or save it as .xlsx from Excel' },
    tooManyRows: { zh: 'CSV 文件有 {rows} 行（上限 {max} 行），不像一份权力清单，不予读取', en: 'The CSV file has {rows} records (at most {max}): not a power list, not read', hintZh: '检查是否选错了文件；清单之后的大量空行请在 Excel 中删除后再保存', hintEn: 'Check that this is the right file; delete the empty rows after the list in Excel and save again' },
    tooManyColumns: { zh: 'CSV 文件第 {line} 行有 {fields} 列，超过 Excel 的 16384 列，不予读取', en: 'Line {line} of the CSV file has {fields} fields, more than Excel\'s 16384 columns: not read', hintZh: '检查这一行的分隔符（是否多了大量逗号），或在 Excel 中打开后另存为 .xlsx', hintEn: 'Check the separators on that line, or open it in Excel and save it as .xlsx' },
    csvQuote: { zh: 'CSV 文件第 {line} 行这里的引号没有配对：从这里到文件末尾都会被读成一格', en: 'The quotation mark here (line {line}) is never closed: the rest of the file would be read as one cell', hintZh: '在这一格的末尾补上 "，或把格内的 " 写成 ""；也可以在 Excel 中打开后另存为 .xlsx', hintEn: 'Close the cell with ", or write a " inside it as ""; or open it in Excel and save it as .xlsx' },
    noSheets: { zh: '工作簿中没有工作表', en: 'The workbook has no worksheet', hintZh: '检查是否选错了文件', hintEn: 'Check that this is the right file' },
    noData: { zh: '工作表“{sheet}”的表头（到第 {row} 行）下面没有一行事项，没有导入任何职权', en: 'The sheet "{sheet}" has no row of powers under its header (ending on row {row}): nothing imported', hintZh: '检查是否选错了文件或工作表（--sheet），或清单是否只复制了表头', hintEn: 'Check the file and the sheet (--sheet), or whether only the header was copied' },
    emptySheet: { zh: '工作表“{sheet}”是空的', en: 'The sheet "{sheet}" is empty', hintZh: '检查是否选错了文件或工作表（--sheet）', hintEn: 'Check the file and the sheet (--sheet)' },
  },
  'sheet-no-header': {
    notFound: {
      zh: '工作表“{sheet}”的前 {rows} 行中没有表头：找的是同时写有事项名称和其他列名的一行（列名找的是：{wordings}）',
      en: 'No header row in the first {rows} rows of sheet "{sheet}": a row naming 事项名称 and other columns was looked for ({wordings})',
      hintZh: '列名与上面的说法不同时，用 --map map.yaml 写明表头所在行和各列，如 header_row: 3，columns 下写 name: C、legal_bases: E（见 README 的 powerbook import）',
      hintEn: 'When the headers are worded otherwise, give --map map.yaml with the header row and the columns, e.g. header_row: 3, and under columns: name: C, legal_bases: E (README, powerbook import)',
    },
  },
  'sheet-map': {
    notMapping: { zh: '这里应为一组“键: 值”', en: 'A mapping of keys to values is expected here', hintZh: '如 columns: 下一行缩进写 name: C', hintEn: 'E.g. columns: with name: C indented on the next line' },
    unknownKey: { zh: '不认识的键“{key}”', en: 'Unknown key "{key}"', hintZh: '可用的键：{keys}', hintEn: 'Keys: {keys}' },
    badSheet: { zh: 'sheet 应为工作表的名称', en: 'sheet must be a worksheet\'s name', hintZh: '如 sheet: 行政许可', hintEn: 'E.g. sheet: 行政许可' },
    badHeaderRow: { zh: 'header_row 应为表头所在的行号（正整数），而不是“{value}”', en: 'header_row must be the header\'s row number (a positive integer), not "{value}"', hintZh: '如 header_row: 3', hintEn: 'E.g. header_row: 3' },
    unknownField: { zh: '不认识的字段“{field}”', en: 'Unknown field "{field}"', hintZh: '可用的字段：{fields}', hintEn: 'Fields: {fields}' },
    badColumn: { zh: '字段 {field} 的列“{value}”应为列字母（如 C）、列号（如 3）或表头文字', en: 'The column "{value}" of {field} must be a letter (C), a number (3) or the header\'s text', hintZh: '如 {field}: C；不导入这一列写 {field}: null', hintEn: 'E.g. {field}: C; null leaves it out' },
    unknownValue: { zh: 'values 中不能写“{field}”', en: '"{field}" cannot be given in values', hintZh: 'values 只能给这些字段写统一的值：{fields}', hintEn: 'values may give: {fields}' },
    badValue: { zh: 'values 中 {field} 的值应为文字', en: 'The value of {field} in values must be text', hintZh: '如 body: 某县商务局', hintEn: 'E.g. body: 某县商务局' },
    badCategory: { zh: '权力类别“{value}”不是格式中的类别', en: 'Category "{value}" is not one of the format\'s', hintZh: '写其中之一：{categories}', hintEn: 'Use one of: {categories}' },
    columnNotFound: { zh: '工作表“{sheet}”的表头（第 {row} 行）中没有“{header}”这一列', en: 'Sheet "{sheet}" has no column "{header}" in its header (row {row})', hintZh: '写列字母（如 C），或照表头原样写列名', hintEn: 'Give the column letter (C), or the header exactly as written' },
    headerRowOutside: { zh: 'header_row 为 {row}，但工作表“{sheet}”只有 {rows} 行', en: 'header_row is {row} but sheet "{sheet}" has {rows} rows', hintZh: '写表头实际所在的行号', hintEn: 'Give the row the header is on' },
    needHeaderRow: { zh: '在工作表“{sheet}”中没有找到表头，map 中又没有写 header_row', en: 'No header found in sheet "{sheet}" and the map gives no header_row', hintZh: '写上 header_row: 表头所在的行号，数据从其下一行开始读', hintEn: 'Add header_row: the header\'s row; data is read from the row below it' },
  },
  'sheet-row': {
    noName: {
      zh: '第 {row} 行没有事项名称（{column} 列“{header}”为空），无法导入', en: 'Row {row} has no name (column {column}, "{header}", is empty) and cannot be imported',
      hintZh: '补上事项名称；表格中的说明文字请写在表格之外，或整行合并为一格', hintEn: 'Add the name; put notes outside the table, or in one merged cell across the row',
    },
    noCategoryNoId: {
      zh: '“{name}”（第 {row} 行）既没有事项编码，也没有权力类别，无法确定编码，没有导入', en: '"{name}" (row {row}) has neither a code nor a category: no id can be given; not imported',
      hintZh: '在表中补上权力类别或事项编码，或在 --map 的 values 下写 category: 行政许可', hintEn: 'Add the category or the code, or give category: 行政许可 under values in --map',
    },
    categoryUnknownNoId: {
      zh: '“{name}”的权力类别“{value}”（{column} 列）不是格式中的类别，又没有事项编码，无法确定编码，没有导入', en: 'The category "{value}" of "{name}" (column {column}) is not one of the format\'s and there is no code: not imported',
      hintZh: '把类别改为行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决、其他行政权力之一', hintEn: 'Use one of the format\'s categories (行政许可, 行政处罚, … 其他行政权力)',
    },
    hugeCell: {
      zh: '{column} 列的单元格有 {chars} 个字符，超过 Excel 单元格的上限 {max} 个，这一项没有导入', en: 'The cell in column {column} has {chars} characters, over Excel\'s limit of {max}: not imported',
      hintZh: '检查这一格是否粘贴了整部法规或其他文件的全文，只保留本项的内容', hintEn: 'Check whether a whole text was pasted into the cell; keep only this power\'s content',
    },
    duplicateId: {
      zh: '“{name}”的事项编码“{id}”与工作表“{sheet}”第 {row} 行的事项重复，没有导入', en: 'The id "{id}" of "{name}" is already used by row {row} of sheet "{sheet}": not imported',
      hintZh: '核对两项的事项编码，改正后重新导入', hintEn: 'Check both codes, correct one and import again',
    },
  },
  'sheet-cell': {
    formulaNoResult: { zh: '{column} 列是公式（{formula}），文件中没有它的计算结果，按空白处理', en: 'Column {column} holds a formula ({formula}) saved without its result: read as empty', hintZh: '在 Excel 或 WPS 中打开并保存一次（保存时会算出结果），再导入', hintEn: 'Open and save the file in Excel or WPS (which computes it), then import again' },
    controlChar: {
      zh: '{column} 列有看不见的控制字符（{code}，如响铃、终端转义或倒转文字方向的 U+202E），已删去', en: 'Column {column} holds invisible control characters ({code}: a bell, a terminal escape, or U+202E that reverses text): removed',
      hintZh: '核对这一格的文字（多为从其他程序粘贴带入）；导入的文件中已没有这些字符', hintEn: 'Check the cell (usually pasted from another program); the imported file has none of them',
    },
    errorValue: { zh: '{column} 列是错误值 {value}，按空白处理', en: 'Column {column} holds the error value {value}: read as empty', hintZh: '改正这一格的公式或内容', hintEn: 'Fix the cell' },
    digitsLost: {
      zh: '{column} 列的事项编码以数字保存（{value}），Excel 只保留 15 位有效数字，编码的末几位已经丢失：不用作编码，按权力类别另行编号',
      en: 'The code in column {column} is stored as a number ({value}); Excel keeps 15 significant digits, so its last digits are lost: not used, an id is made from the category',
      hintZh: '把这一列设为“文本”格式，按原始清单重新填入编码后再导入', hintEn: 'Format the column as Text, enter the codes again from the original list and re-import',
    },
    basisUnread: {
      zh: '{column} 列的法定依据中“{text}”没有读出法律名称和条文，没有导入', en: 'In column {column}, "{text}" was not read as a law and article: not imported',
      hintZh: '写成《法律名称》第X条：条文，或导入后在 legal_bases 中补上', hintEn: 'Write it as 《title》第X条：text, or add it to legal_bases after the import',
    },
    sharedQuote: {
      zh: '{column} 列一段条文“{text}”对应几条，无法按条分开：放在第一条依据的 note 中，没有作为 quote 核对', en: 'In column {column} one text ("{text}") goes with several articles and could not be cut by article: kept as the first one\'s note, not checked as a quote',
      hintZh: '把各条的原文分开写（每条以“第X条”开头），或导入后分别写入各条依据的 quote', hintEn: 'Give each article its own text (starting with 第X条), or set each basis\'s quote after the import',
    },
    procedureUnread: {
      zh: '{column} 列的办理流程“{text}”没有分出环节（箭头“→”或编号 1. 2.），没有导入', en: 'The procedure in column {column} ("{text}") has no steps to read (arrows -> or numbers 1. 2.): not imported',
      hintZh: '写成“受理→审查→决定→送达”或每行一个编号的环节，或导入后在 procedure 中写出环节', hintEn: 'Write it as 受理→审查→决定→送达 or numbered lines, or write procedure.steps after the import',
    },
    timeLimitUnread: {
      zh: '{column} 列的办理时限“{text}”没有读出天数，原文放在 time_limit.note 中', en: 'No number of days was read from the time limit in column {column} ("{text}"): kept as time_limit.note',
      hintZh: '写成“20个工作日”“30日”“即时办结”或“法定时限：20个工作日；承诺时限：10个工作日”；法律法规未规定的写“未规定”', hintEn: 'Write 20个工作日, 30日, 即时办结 or 法定时限：…；承诺时限：…; 未规定 when the law sets none',
    },
    feesUnread: {
      zh: '{column} 列的收费“{text}”看不出是否收费，没有导入', en: 'Column {column} ("{text}") does not say whether a fee is charged: not imported',
      hintZh: '不收费的写“不收费”；收费的写明标准和依据，如“每件50元，湘价费〔2010〕1号”', hintEn: 'Write 不收费, or the standard and basis of the fee',
    },
    statusUnread: {
      zh: '{column} 列的状态“{text}”不是有效、暂停或取消，没有导入', en: 'The status in column {column} ("{text}") is not 有效, 暂停 or 取消: not imported',
      hintZh: '写“有效”“暂停”或“取消”', hintEn: 'Write 有效, 暂停 or 取消',
    },
    dateUnread: {
      zh: '{column} 列的日期“{text}”读不出年月日，没有导入', en: 'No date was read from column {column} ("{text}"): not imported',
      hintZh: '写成 2024-07-01 或 2024年7月1日', hintEn: 'Write it as 2024-07-01 or 2024年7月1日',
    },
    categoryUnknown: {
      zh: '“{name}”的权力类别“{value}”（{column} 列）不是格式中的类别，没有写入 category', en: 'The category "{value}" of "{name}" (column {column}) is not one of the format\'s: category left out',
      hintZh: '在导入的文件中写上 category：行政许可、行政处罚……其他行政权力之一', hintEn: 'Set category to one of the format\'s categories in the imported file',
    },
    reservedCode: {
      zh: '{column} 列的事项编码“{code}”是 Windows 保留的设备名（CON、PRN、AUX、NUL、COM1、LPT1 等），作为文件名在 Windows 上无法创建和打开，按权力类别另行编号', en: 'The code "{code}" in column {column} is a device name Windows reserves (CON, PRN, AUX, NUL, COM1, LPT1 ...): as a file name it cannot be made or opened on Windows; an id is made from the category',
      hintZh: '核对事项编码；需要保留原编码时，改正表中的编码后重新导入', hintEn: 'Check the code; to keep it, correct it in the sheet and import again',
    },
    badCode: {
      zh: '{column} 列的事项编码“{code}”不能作为文件名（只能有字母、数字、点、下划线和连字符），按权力类别另行编号', en: 'The code "{code}" in column {column} cannot be a file name (letters, digits, . _ - only): an id is made from the category',
      hintZh: '核对事项编码；需要保留原编码时，改正表中的编码后重新导入', hintEn: 'Check the code; to keep it, correct it in the sheet and import again',
    },
    differs: {
      zh: '同一事项的几行中“{header}”不同（{column} 列），取第 {first} 行起的“{kept}”', en: 'The rows of one power differ in "{header}" (column {column}); "{kept}" (from row {first}) was kept',
      hintZh: '核对这一项的各行；各子项的时限、收费不同时，可在导入后写入 time_limit.note 或备注', hintEn: 'Check the rows; differing limits or fees of sub-items can go in time_limit.note or remark',
    },
  },
  'sheet-missing': {
    missing: {
      zh: '{id}“{name}”没有：{fields}', en: '{id} "{name}" lacks: {fields}',
      hintZh: '表中没有的内容不会代为填写：导入后在 powers/{id}.yaml 中补上', hintEn: 'What the sheet lacks is not filled in: add it to powers/{id}.yaml',
    },
  },
  'sheet-hidden': {
    skipped: {
      zh: '工作表“{sheet}”是隐藏的，没有导入（公布的清单中看不到它）', en: 'The sheet "{sheet}" is hidden and was not imported (readers of the list do not see it)',
      hintZh: '确实要导入它时，用 --sheet {sheet} 单独导入', hintEn: 'To import it all the same, give --sheet {sheet}',
    },
  },
  'sheet-exists': {
    notFile: {
      zh: '{file} 已存在，但不是文件（是文件夹或其他），没有写入表中第 {row} 行的“{name}”', en: '{file} exists but is not a file (a folder or other): "{name}" (row {row}) not written',
      hintZh: '把这个文件夹移走或改名后重新导入', hintEn: 'Move or rename that folder, then import again',
    },
    differs: {
      zh: '{file} 已存在，内容与表中第 {row} 行的“{name}”不同，没有覆盖', en: '{file} exists with other content than "{name}" (row {row}): not overwritten',
      hintZh: '核对后用 --force 覆盖（会丢失该文件中手工补充的内容），或先把原文件改名', hintEn: 'Check it, then --force overwrites (losing what was added by hand), or rename the file first',
    },
  },
  // The law library's citation rules: their templates, rendered by citationMessage() (citation-messages.ts).
  ...CITATION_MESSAGES,
} as const satisfies { readonly [Id in RuleId]: Readonly<Record<string, MessageTemplate>> };
