/**
 * A text's header: the dated lines between the `#` title and `<!-- INFO END -->`:
 * `2019年4月22日 中华人民共和国国务院令第715号公布`, `2019年6月1日 施行`, `…第二次修正`. A line that starts with no date
 * continues the event before it (long lines are wrapped in many files); before any event it is part of the title or
 * the document number (法释〔2021〕11号). `（2014年11月1日…通过）` in brackets is an event too.
 */
import type { LawEvent } from './types.js';
import { findDate } from './dates.js';

export interface HeaderLine { text: string; line: number }
export interface HeaderResult { events: (LawEvent & { line: number })[]; fullWidthLines: number[] }

const OPEN = /^[\s（(【]*/;

/** The kind of a dated line, from what follows its date. */
function kindOf(rest: string): LawEvent['kind'] {
  const r = rest.replace(/^[\s，,]*/, '');
  if (/^(?:起|开始)?(?:施行|实施|生效|执行)/.test(r)) return '施行';
  if (/修正/.test(r)) return '修正';
  if (/修订/.test(r)) return '修订';
  if (/公布|发布|印发|公告/.test(r)) return '公布';
  if (/通过/.test(r)) return '通过';
  return '其他';
}

/** 令 number named in a line: 国务院令第715号, 主席令第二十二号, 公安部令第125号 (without 中华人民共和国). */
export function orderOf(text: string): string | undefined {
  const m = /((?:中华人民共和国)?[\u4e00-\u9fa5]{0,14}?令)\s*(?:[（(〔]?\d{4}[）)〕]?\s*)?第?\s*([0-9０-９]+|[〇零一二三四五六七八九十百千]+)\s*号/.exec(text);
  if (!m) return undefined;
  const who = m[1]!.replace(/^中华人民共和国/, '').replace(/^(?:经|由|以)/, '');
  const num = m[2]!.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return `${who}第${num}号`;
}

export function parseHeader(lines: HeaderLine[]): HeaderResult {
  const events: (LawEvent & { line: number })[] = [];
  const fullWidthLines: number[] = [];
  for (const { text: raw, line } of lines) {
    const text = raw.replace(/[\u200b\ufeff]/g, '').trim();
    if (!text) continue;
    const lead = OPEN.exec(text)![0].length;
    const d = findDate(text, lead);
    if (d && d.index === lead) {
      if (d.fullWidth) fullWidthLines.push(line);
      addEvents(events, d.date, text.slice(d.end).trim(), text, line);
      continue;
    }
    // 「公布之日施行」 written alone: in force on the day of publication.
    if (/^(?:自|于)?(?:公布|发布)之日(?:起)?施行/.test(text)) {
      const pub = [...events].reverse().find((e) => e.kind === '公布') ?? events[events.length - 1];
      if (pub) events.push({ date: pub.date, kind: '施行', text, line });
      continue;
    }
    const last = events[events.length - 1];
    if (last) { // a wrapped line: the event goes on
      last.text += text;
      if (last.kind === '其他') last.kind = kindOf(last.text.replace(/^[^日]*日/, ''));
      last.order ??= orderOf(last.text);
    }
  }
  return { events, fullWidthLines };
}

/**
 * One dated line may name several events: `…公告公布施行` (published and in force that day),
 * `…公布自2005年1月1日施行`, `2012年1月1日 施行根据2015年…修正` (in force, then amended).
 */
function addEvents(events: (LawEvent & { line: number })[], date: string, rest: string, text: string, line: number): void {
  const basis = /根据/.exec(rest);
  const own = basis && basis.index > 0 ? rest.slice(0, basis.index) : rest;
  const kind = kindOf(own);
  const ev: LawEvent & { line: number } = { date, kind, text, line };
  const order = orderOf(own);
  if (order) ev.order = order;
  events.push(ev);
  if (kind === '公布' && /(?:公布|发布)(?:并)?(?:之日起)?施行/.test(own)) events.push({ date, kind: '施行', text, line });
  const later = /(?:公布|发布)\s*(?:自|于)/.exec(own);
  if (later) {
    const d = findDate(own, later.index);
    if (d && /^\s*(?:起)?(?:施行|实施|生效)/.test(own.slice(d.end))) events.push({ date: d.date, kind: '施行', text, line });
  }
  if (basis && basis.index > 0) {
    const after = rest.slice(basis.index + 2);
    const d = findDate(after);
    if (d && d.index === 0) addEvents(events, d.date, after.slice(d.end), text, line);
  }
}
