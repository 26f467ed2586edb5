/**
 * The messages of the citation rules and of law-library-path, as a catalogue in the shape of issue 18's
 * src/diagnostics/messages.ts (/work/RULES-API.md): rule id → message key → `{ zh, en, hintZh?, hintEn? }` templates with
 * `{placeholders}`. That module is not on this branch yet; when it is merged, these blocks move into MESSAGES and
 * `ctx.report(src, range, citationMessage(id, key, params))` becomes `ctx.report(src, range, key, params)`.
 */
import type { MessagePair } from './diagnostic.js';

/** A placeholder's value: the same in both languages, a pair, a list (、 / ", "), or nothing. */
export type ParamValue = string | number | { zh: string; en: string } | readonly string[] | undefined;

type Template = { zh: string; en: string; hintZh?: string; hintEn?: string };

export const CITATION_MESSAGES = {
  'law-library-path': {
    missing: {
      zh: 'powerbook.yaml 的 law_library 指向的法规库目录{what}：{given}（即 {abs}）',
      en: 'The law library set by law_library in powerbook.yaml {what}: {given} ({abs})',
      hintZh: '把 LawRefBook/Laws 克隆到这里，或改正路径（相对制度库根目录）；也可以用环境变量 POWERBOOK_LAW_LIBRARY 或 --law-library 指定',
      hintEn: 'Clone LawRefBook/Laws there or fix the path (relative to the repository); POWERBOOK_LAW_LIBRARY or --law-library can also set it',
    },
  },
  'citation-unknown': {
    unknown: {
      zh: '法规库和 laws/ 中都找不到"{law}"', en: '"{law}" is neither in the law library nor in laws/',
      hintZh: '按法规库中的名称改正（全称、简称都可以，如"行政许可法"），或把本地的规范性文件登记在 laws/ 下',
      hintEn: 'Write the title as the library has it (full or short, e.g. 行政许可法), or register a local document under laws/',
    },
    unknownNear: {
      zh: '法规库和 laws/ 中都找不到"{law}"；相近的有：{near}', en: '"{law}" is neither in the law library nor in laws/; nearest: {near}',
      hintZh: '按法规库中的名称改正（全称、简称都可以，如"行政许可法"），或把本地的规范性文件登记在 laws/ 下',
      hintEn: 'Write the title as the library has it (full or short, e.g. 行政许可法), or register a local document under laws/',
    },
  },
  'citation-ambiguous': {
    ambiguous: {
      zh: '"{law}"在法规库中对应 {count} 部文本：{candidates}', en: '"{law}" matches {count} texts of the law library: {candidates}',
      hintZh: '写出全称以区分；同名的文本用 version: 写明所引版本的日期',
      hintEn: 'Write the full title; for texts of the same title, give version: with the date of the one meant',
    },
  },
  'citation-repealed': {
    repealed: {
      zh: '《{title}》已于 {date} 被《{by}》{order}废止，汇编日期 {today} 时不能作为实施依据',
      en: '{title} was repealed on {date} by {by}{order}: it is no legal basis on the compendium date {today}',
      hintZh: '改为引用《{by}》中相应的条文，或停用这项职权。废止条款（{at}）：{clause}',
      hintEn: 'Cite the corresponding provision of {by}, or suspend this power (repeal clause at {at})',
    },
  },
  'citation-not-yet-in-force': {
    notYet: {
      zh: '《{title}》自 {date} 起施行，汇编日期 {today} 时尚未施行', en: '{title} takes effect on {date}, after the compendium date {today}',
      hintZh: '改为引用汇编日期时有效的法律法规，或调整汇编日期', hintEn: 'Cite a text in force on the compendium date, or change that date',
    },
    pinnedNotYet: {
      zh: '指定的《{title}》{version}自 {date} 起施行，汇编日期 {today} 时尚未施行（施行的是{inForce}）',
      en: 'The pinned {version} of {title} takes effect on {date}, after the compendium date {today}',
      hintZh: '删去 version 以引用汇编日期施行的文本，或调整汇编日期', hintEn: 'Drop version: to cite the text in force, or change the compendium date',
    },
  },
  'citation-version-unknown': {
    noVersion: {
      zh: '法规库中没有《{title}》{version} 的版本；有：{versions}', en: 'The law library has no version {version} of {title}; it has: {versions}',
      hintZh: '写其中一个版本的日期（法规库文件名中的日期），或删去 version 以引用汇编日期施行的文本',
      hintEn: 'Give the date of one of these versions (as in the file name), or drop version: to cite the text in force',
    },
  },
  'citation-provision-unknown': {
    unreadable: {
      zh: '{cited}的款、项写法无法识别', en: 'The clause or item of {cited} cannot be read',
      hintZh: '按{source}文本核对条、款、项{show}', hintEn: 'Check the article, clause and item against the text{show}',
    },
    noArticle: {
      zh: '《{title}》{which}没有{article}{last}', en: '{title}{which} has no {article}{last}',
      hintZh: '按{source}文本核对条、款、项{show}', hintEn: 'Check the article, clause and item against the text{show}',
    },
    noClause: {
      zh: '《{title}》{which}{label}只有 {count} 款，没有{clause}', en: '{label} of {title}{which} has {count} clause(s), not {clause}',
      hintZh: '按{source}文本核对条、款、项{show}', hintEn: 'Check the article, clause and item against the text{show}',
    },
    noItem: {
      zh: '《{title}》{which}{label}只有 {count} 项，没有{item}', en: '{label} of {title}{which} has {count} item(s), not {item}',
      hintZh: '按{source}文本核对条、款、项{show}', hintEn: 'Check the article, clause and item against the text{show}',
    },
    noItems: {
      zh: '《{title}》{which}{label}不分项，没有{item}', en: '{label} of {title}{which} has no items, not {item}',
      hintZh: '按{source}文本核对条、款、项{show}', hintEn: 'Check the article, clause and item against the text{show}',
    },
  },
  'citation-text-incomplete': {
    incomplete: {
      zh: '法规库中《{title}》{version}（{file}）的文本不完整（{last}），无法核对{article}',
      en: "The law library's text of {title}, {version} ({file}), is incomplete ({last}): {article} cannot be checked",
      hintZh: '对照正式文本（如国家法律法规数据库）核对这一条；法规库的维护者可补全该文件',
      hintEn: 'Check the article against the official text; the library maintainers can complete the file',
    },
  },
  'citation-drift': {
    deleted: {
      zh: '《{title}》{label}：{relied}{from}在{inForce}中已删去{elsewhere}\n{lines}',
      en: '{title} {label}: {relied}{from} was deleted from {inForce}{elsewhere}\n{lines}',
      hintZh: '这项职权的这条依据已不存在：另找现行依据，或停用这项职权{legend}',
      hintEn: 'This basis no longer exists: find a basis in force, or suspend the power{legend}',
    },
    moved: {
      zh: '《{title}》{label}：{relied}{from}在{inForce}中是{movedTo}{changes}{elsewhere}\n{lines}',
      en: '{title} {label}: {relied}{from} is now {movedTo} of {inForce}{changes}{elsewhere}\n{lines}',
      hintZh: '把条号改为{movedTo}{update}{legend}', hintEn: 'Cite {movedTo} instead{update}{legend}',
    },
    changed: {
      zh: '《{title}》{label}的内容在{inForce}中已修改{from}\n{lines}',
      en: '{title} {label} reads differently in {inForce}{from}\n{lines}',
      hintZh: '按现行文本核对这项职权的条件、标准，并更新 quote（或删去 version）{legend}',
      hintEn: 'Check the power against the text in force and update the quote (or drop version:){legend}',
    },
  },
} as const satisfies Record<string, Record<string, Template>>;

/** Phrases passed as placeholder values (a pair is one value in each language). */
export const PHRASES = {
  notDir: { zh: '不是目录', en: 'is not a directory' },
  missing: { zh: '不存在', en: 'does not exist' },
  noLaws: { zh: '中没有法律文本（不是 LawRefBook/Laws 的克隆：其中的文件如“经济法/对外贸易法(2016-11-07).md”）', en: 'holds no law texts (it is no clone of LawRefBook/Laws, whose files are like 经济法/对外贸易法(2016-11-07).md)' },
  library: { zh: '法规库中', en: '' },
  registered: { zh: '登记的', en: '' },
  noArticles: { zh: '没有条文', en: 'no articles' },
  withChanges: { zh: '（文字有改动）', en: ' (with changes)' },
  updateQuote: { zh: '，并按现行文字更新 quote', en: ' and update the quote' },
  legend: { zh: '。[-…-] 是删去的文字，{+…+} 是新增的文字', en: '. [-...-] was deleted, {+...+} added' },
  quoted: { zh: '所引文字', en: 'the quoted text' },
  registeredText: { zh: '登记的文本', en: 'the registered text' },
} as const;

type Id = keyof typeof CITATION_MESSAGES;

function render(template: string, params: Record<string, ParamValue>, lang: 'zh' | 'en'): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => {
    if (!(name in params)) return all;
    const v = params[name];
    if (v === undefined) return '';
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    if (Array.isArray(v)) return v.join(lang === 'zh' ? '、' : ', ');
    return (v as { zh: string; en: string })[lang];
  });
}

/** The message `key` of rule `id`, its placeholders filled (one pass: braces inside a value are left alone). */
export function citationMessage<I extends Id>(id: I, key: keyof (typeof CITATION_MESSAGES)[I], params: Record<string, ParamValue> = {}): MessagePair {
  const t = (CITATION_MESSAGES[id] as Record<string, Template>)[key as string];
  const out: MessagePair = { zh: render(t.zh, params, 'zh'), en: render(t.en, params, 'en') };
  if (t.hintZh) { const h = render(t.hintZh, params, 'zh'); if (h) out.hintZh = h; }
  if (t.hintEn) { const h = render(t.hintEn, params, 'en'); if (h) out.hintEn = h; }
  return out;
}
