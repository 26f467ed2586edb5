/** Two versions of a rule (制度): its front matter, its review records, its text. */
import type { RuleMeta } from '../../domain/types.js';
import type { Change, Words } from '../types.js';
import { Changes, w } from './fields.js';

const FIELDS: Record<string, Words> = {
  title: w('制度名称', 'title'), area: w('所属方面', 'area'), number: w('文号', 'number'), version: w('版本', 'version'),
  adopted: w('通过日期', 'adopted'), powers: w('相关职权', 'related power'), legality_review: w('合法性审查', 'legality review'),
  deliberation: w('集体审议', 'collective deliberation'),
};
const REVIEW: Record<string, Words> = { reviewer: w('的审查机构', ' reviewer'), date: w('日期', ' date'), opinion: w('意见', ' opinion'), result: w('结论', ' result') };
const DELIBERATION: Record<string, Words> = { meeting: w('会议', ' meeting'), date: w('日期', ' date'), result: w('结论', ' result'), attendees: w('出席人员', ' attendees') };

export function compareRules(a: RuleMeta, b: RuleMeta, bodyA: string | undefined, bodyB: string | undefined): Change[] {
  const c = new Changes();
  for (const k of ['title', 'area', 'number', 'version', 'adopted'] as const) c.value(k, FIELDS[k]!, a[k], b[k]);
  c.strings('powers', FIELDS.powers!, a.powers, b.powers);
  c.object('legality_review', REVIEW, a.legality_review, b.legality_review, w('合法性审查', 'legality review'));
  c.object('deliberation', DELIBERATION, a.deliberation, b.deliberation, w('集体审议', 'deliberation'));
  const ra = a as unknown as Record<string, unknown>, rb = b as unknown as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) if (!(k in FIELDS) && k !== 'id') c.value(k, w(k, k), ra[k], rb[k]);
  const ta = (bodyA ?? '').replace(/\r\n/g, '\n').trim(), tb = (bodyB ?? '').replace(/\r\n/g, '\n').trim();
  if (ta !== tb) c.push({ path: 'body', label: w('正文', 'text'), op: !ta ? 'added' : !tb ? 'removed' : 'changed', ...(ta ? { before: ta } : {}), ...(tb ? { after: tb } : {}), long: true });
  return c.list;
}
