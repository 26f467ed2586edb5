/**
 * One library file to one version of one text (or to the reason it is no law text): title, header events, dates,
 * entry into force, issuer, 令 number, articles, repeal clauses, defects. Pure: the same bytes give the same result, so
 * the result can be cached by file and computed in any thread.
 */
import { createHash } from 'node:crypto';
import { articleText, parseBody } from './articles.js';
import { folderOf, skipReason, type SkipReason } from './classify.js';
import { findDate, parseIsoDate } from './dates.js';
import { parseHeader, type HeaderLine } from './header.js';
import { markdownBlocks, type Block } from './markdown.js';
import { findRepeals, issuerOf } from './repeal.js';
import type { LawEvent, LawVersion, LibArticle, LibraryDefect } from './types.js';

/** A parsed version as the cache keeps it (no law-level facts: those come from all files together). */
export type ParsedVersion = Omit<LawVersion, 'duplicates'> & {
  /** Second `#` line (民法典's 编). */
  part?: string;
  /** The header lists amendments (修正/修订). */
  amended: boolean;
};

export interface ParsedFile {
  file: string;
  /** sha1 of the bytes: the same version stored twice is told apart by it. */
  sha1: string;
  skipped?: SkipReason;
  version?: ParsedVersion;
  defects: LibraryDefect[];
}

const FILE_DATE = /\((\d{4}-\d{2}-\d{2})\)\.md$/;

export function parseLawFile(file: string, text: string): ParsedFile {
  const sha1 = createHash('sha1').update(text).digest('hex');
  const defects: LibraryDefect[] = [];
  const reason = skipReason(file, text);
  if (reason) return { file, sha1, skipped: reason, defects };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const blocks = markdownBlocks(text);
  const titles: Block[] = [];
  const header: HeaderLine[] = [];
  let bodyStart = -1;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'comment' && /INFO\s*END/.test(b.text)) { bodyStart = i + 1; break; }
    if (b.kind === 'heading' && b.depth === 1) titles.push(b);
    else if (b.kind === 'line' && titles.length) header.push({ text: b.text, line: b.line });
  }
  if (!titles.length) return { file, sha1, skipped: 'no-text', defects };
  if (bodyStart < 0) {
    // No `<!-- INFO END -->`: the header is whatever dated lines follow the title, the body starts at the first heading
    // or article.
    defects.push({ at: { file, line: titles[0]!.line }, kind: 'no-info-end', zh: '缺少 <!-- INFO END --> 标记，按第一个章节或条文划分文头和正文', en: 'no <!-- INFO END --> marker; the header ends at the first heading or article' });
    header.length = 0;
    const first = blocks.indexOf(titles[titles.length - 1]!) + 1;
    bodyStart = first;
    for (let i = first; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.kind === 'heading' || /^\s*第[^条]{1,8}条/.test(b.text)) { bodyStart = i; break; }
      if (b.kind === 'line') header.push({ text: b.text, line: b.line });
      bodyStart = i + 1;
    }
  }

  const { events: evs, fullWidthLines } = parseHeader(header);
  for (const line of fullWidthLines) defects.push({ at: { file, line }, kind: 'full-width-date', zh: '文头日期用了全角数字，已按半角读取', en: 'header date written with full-width digits; read as ASCII digits' });
  const events: LawEvent[] = evs.map(({ line: _line, ...e }) => e);

  const body = parseBody(file, blocks.slice(bodyStart));
  defects.push(...body.defects);
  const units = body.articles.length ? body.articles : body.sections;

  const name = file.slice(file.lastIndexOf('/') + 1);
  const fileDate = FILE_DATE.exec(name)?.[1];
  const shortTitle = name.replace(FILE_DATE, '').replace(/\.md$/, '').trim();
  const dated = events.filter((e) => e.kind !== '施行');
  const date = (fileDate && parseIsoDate(fileDate)) ?? (dated.length ? dated[dated.length - 1]!.date : events[events.length - 1]?.date);

  const title = titles[0]!.text.replace(/\s+/g, ' ').trim();
  const version: ParsedVersion = {
    id: file, file, folder: folderOf(file), title, shortTitle,
    inForceSource: 'unknown', events, articles: body.articles, truncated: false, repeals: [], amended: events.some((e) => e.kind === '修正' || e.kind === '修订'),
    titleLine: titles[0]!.line,
  };
  if (titles[1]) version.part = titles[1].text.trim();
  if (date) version.date = date;
  if (body.sections.length) version.sections = body.sections;
  // The 令 of the latest event naming one: a revised regulation's own (国务院令第773号), not the original's.
  const order = [...events].reverse().find((e) => e.order && e.kind !== '施行')?.order;
  if (order) version.order = order;
  const issuer = issuerFrom(events, version.folder, title);
  if (issuer) version.issuer = issuer;

  entryIntoForce(version, units, defects);
  version.repeals = findRepeals(file, units);
  version.truncated = isTruncated(version, units);
  if (version.truncated) {
    const last = units[units.length - 1];
    defects.push({
      at: { file, line: last?.line ?? version.titleLine ?? 1 }, kind: 'truncated',
      zh: `文本不完整：止于${last ? last.label : '文头'}，没有施行条款${version.amended ? '，而文头列有修正/修订' : ''}；引用其后的条文时只能提示文本缺失`,
      en: `incomplete text: it stops at ${last ? last.label : 'the header'} without a final provision${version.amended ? ' while its header lists amendments' : ''}; a citation past its end is reported as missing text`,
    });
  }
  return { file, sha1, version, defects };
}

/** The body that adopted or issued the text, from its header (the earliest event naming one), else its folder. */
function issuerFrom(events: LawEvent[], folder: string, title: string): string | undefined {
  for (const e of events) {
    if (e.kind === '施行') continue;
    const i = issuerOf(e.text.replace(/^[^日]*日/, ''));
    if (i) return i;
  }
  if (folder === '行政法规') return '国务院';
  if (folder === '司法解释') return /^(最高人民法院、最高人民检察院|最高人民法院|最高人民检察院)/.exec(title)?.[1];
  if (['宪法', '宪法相关法', '民法典', '民法商法', '行政法', '经济法', '社会法', '刑法', '诉讼与非诉讼程序法'].includes(folder)) return '全国人民代表大会常务委员会';
  return undefined;
}

const IN_FORCE = new RegExp('(?:自|于|从)?\\s*(' + '[0-9０-９]{4}|[〇零Ｏ一二三四五六七八九]{4}' + ')\\s*年[^年。；]{1,8}?日\\s*(?:起|开始)?\\s*(?:施行|实施|生效|执行)');

/**
 * Entry into force, in the README's order: the header's 施行 line; else the final article's 「自…起施行」 when later than
 * the version's date (an amended text often keeps the original's date there); else the version's date (which is what
 * 「自公布之日起施行」 means for it). A header's 施行 line dated before the version's own date is the original text's
 * (广告法(2021) keeps 「2015年9月1日 施行」, 51 files do): like the final article's, it is passed over.
 */
function entryIntoForce(v: ParsedVersion, units: LibArticle[], defects: LibraryDefect[]): void {
  const header = v.events.filter((e) => e.kind === '施行' && (!v.date || e.date >= v.date));
  if (header.length) {
    v.inForce = header[header.length - 1]!.date;
    v.inForceSource = 'header';
    return;
  }
  // The final provision: the last article saying 施行 (an article or two about interpretation may follow it).
  for (let i = units.length - 1; i >= Math.max(0, units.length - 3); i--) {
    const a = units[i]!;
    const text = articleText(a);
    if (!/施行|实施|生效|执行/.test(text)) continue;
    const m = IN_FORCE.exec(text);
    if (!m) break;
    const d = findDate(text, m.index);
    if (!d) break;
    if (d.fullWidth) defects.push({ at: { file: a.file ?? v.file, line: a.line }, kind: 'full-width-date', zh: `${a.label}的日期用了全角数字，已按半角读取`, en: `the date in ${a.label} is written with full-width digits; read as ASCII digits` });
    if (!v.date || d.date > v.date) { v.inForce = d.date; v.inForceSource = 'final-article'; return; }
    break;
  }
  if (v.date) { v.inForce = v.date; v.inForceSource = 'file-date'; }
}

/** Words of a final provision: entry into force, who interprets, what it repeals or overrides. */
const FINAL = /起(?:施行|实施|生效|执行)|(?:施行|实施|生效|执行)(?:。|$)|(?:公布|发布)(?:之日)?(?:起)?施行|之日(?:起)?(?:施行|实施|生效)|解释|废止|为准|不再适用|参照(?:执行|适用|本)|适用本(?:法|条例|规定|办法|细则)|另行(?:制定|规定)/m;

/**
 * A text that stops early: its last article is no final provision (施行, 解释, 废止…), it does not end in its 附则
 * chapter, and either its header lists amendments, or it has fewer than ten articles, or it has chapters.
 */
function isTruncated(v: ParsedVersion, units: LibArticle[]): boolean {
  if (v.part) return false; // a part of a law kept in several files (民法典): judged with the whole
  if (!v.articles.length) return false; // sections of a decision: nothing to count on
  if (v.folder === '宪法') return false; // the Constitution and its amendments end without a final provision
  const last = units[units.length - 1]!;
  const lastClause = last.clauses[last.clauses.length - 1];
  if (lastClause && /[：:]$/.test(lastClause.text) && !lastClause.items.length) return true; // stops before its items
  if (units.slice(-2).some((a) => FINAL.test(articleText(a)))) return false;
  if (/附\s*则/.test(last.chapter ?? '')) return false; // it ends in its final chapter
  const chaptered = units.some((a) => /第.+章/.test(a.chapter ?? ''));
  // Judicial interpretations are often a few articles without a final one: their length says nothing.
  const short = units.length < 10 && v.folder !== '司法解释';
  return v.amended || short || chaptered;
}
