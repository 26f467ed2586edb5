/**
 * Two versions of a power (职权), field by field, in the terms of the catalogue: 办理时限 20→15 工作日, a legal basis
 * added or its article changed, a step removed, a risk point's level lowered, 收费 changed.
 */
import { legalBasisText, timeLimitText } from '../../document/text.js';
import type { Law, LegalBasisRef, NextStep, Power, ProcedureStep, RiskPoint, TimeLimit } from '../../domain/types.js';
import type { Change, Words } from '../types.js';
import { Changes, same, show, w } from './fields.js';

type Laws = (id: string) => Law | undefined;

const FIELDS: Record<string, Words> = {
  id: w('事项编码', 'id'), name: w('事项名称', 'name'), category: w('权力类别', 'category'), subitems: w('子项', 'sub-item'),
  body: w('实施主体', 'implementing body'), unit: w('承办机构', 'responsible unit'), post: w('承办岗位', 'post'),
  legal_bases: w('实施依据', 'legal basis'), conditions: w('申请条件', 'condition'), materials: w('申请材料', 'material'),
  time_limit: w('办理时限', 'time limit'), fees: w('收费', 'fees'), discretion: w('裁量基准', 'discretion standard'),
  procedure: w('办理流程', 'procedure'), flowchart: w('流程图', 'flowchart'), responsibilities: w('责任事项', 'duty'),
  accountability: w('追责情形', 'ground for accountability'), supervision: w('监督方式', 'supervision'), status: w('状态', 'status'),
  status_date: w('取消/暂停日期', 'status date'), status_reason: w('取消/暂停理由', 'status reason'),
  remark: w('备注', 'remark'),
};
const SUPERVISION: Record<string, Words> = { unit: w('监督单位', 'supervising unit'), phone: w('监督电话', 'supervision phone'), email: w('监督邮箱', 'supervision e-mail'), address: w('监督地址', 'supervision address') };
const STEP: Record<string, Words> = {
  name: w('名称', 'name'), actor: w('承办岗位', 'actor'), time_limit: w('时限', 'time limit'), description: w('说明', 'description'),
  duty: w('责任', 'duty'), next: w('下一环节', 'next steps'), end: w('办结', 'end step'), risks: w('廉政风险点', 'risk point'),
};
const LEVEL_RANK: Record<string, number> = { 低: 1, 中: 2, 高: 3 };

const limitText = (t: TimeLimit | string | undefined) => (t === undefined ? undefined : timeLimitText(t));

/** 缩短 5 个工作日 / 延长 3 个工作日, when both limits are counted in the same unit. */
function limitNote(a: TimeLimit | string, b: TimeLimit | string): Words | undefined {
  if (typeof a !== 'object' || typeof b !== 'object' || typeof a.days !== 'number' || typeof b.days !== 'number') return undefined;
  const ua = a.unit ?? '工作日', ub = b.unit ?? '工作日';
  if (ua !== ub || a.days === b.days) return undefined;
  const d = b.days - a.days;
  const en = ua === '工作日' ? 'working day' : 'calendar day';
  return d < 0 ? w(`缩短 ${-d} 个${ua}`, `shortened by ${-d} ${en}${-d > 1 ? 's' : ''}`) : w(`延长 ${d} 个${ua}`, `lengthened by ${d} ${en}${d > 1 ? 's' : ''}`);
}

export function feesText(f: Power['fees'] | undefined): string | undefined {
  if (!f || typeof f !== 'object') return undefined;
  if (f.charged === false) return '不收费';
  if (f.charged !== true) return show(f);
  return ['收费', f.standard && `标准：${f.standard}`, f.basis && `依据：${f.basis}`].filter(Boolean).join('；');
}

function feesNote(a: Power['fees'], b: Power['fees']): Words | undefined {
  if (a?.charged === false && b?.charged === true) return w('改为收费', 'now charged');
  if (a?.charged === true && b?.charged === false) return w('改为不收费', 'now free of charge');
  return undefined;
}

const baseKey = (b: LegalBasisRef) => JSON.stringify([b.article ?? null, b.clause ?? null, b.item ?? null]);

/** 实施依据: by law; the same law cited with another article is a changed citation, not one removed and one added. */
function legalBases(c: Changes, a: LegalBasisRef[], b: LegalBasisRef[], lawsA: Laws, lawsB: Laws): void {
  const label = FIELDS.legal_bases!;
  const textA = (x: LegalBasisRef) => legalBasisText(x, lawsA(x.law)) + (x.note ? `（${x.note}）` : '');
  const textB = (x: LegalBasisRef) => legalBasisText(x, lawsB(x.law)) + (x.note ? `（${x.note}）` : '');
  const restA = [...a], restB = [...b];
  // Unchanged citations first (same law, article, clause, item), then the same law with another provision.
  for (let i = restA.length - 1; i >= 0; i--) {
    const j = restB.findIndex((y) => y.law === restA[i]!.law && baseKey(y) === baseKey(restA[i]!));
    if (j < 0) continue;
    const [x] = restA.splice(i, 1), [y] = restB.splice(j, 1);
    if (textA(x!) !== textB(y!)) c.push({ path: `legal_bases[${y!.law}]`, label, op: 'changed', before: textA(x!), after: textB(y!) });
  }
  for (const x of [...restA]) {
    const j = restB.findIndex((y) => y.law === x.law);
    if (j < 0) continue;
    restA.splice(restA.indexOf(x), 1);
    const [y] = restB.splice(j, 1);
    c.push({ path: `legal_bases[${x.law}]`, label, op: 'changed', before: textA(x), after: textB(y!), note: w('条款变更', 'provision changed') });
  }
  for (const x of restA) c.push({ path: `legal_bases[${x.law}]`, label, op: 'removed', before: textA(x) });
  for (const y of restB) c.push({ path: `legal_bases[${y.law}]`, label, op: 'added', after: textB(y) });
}

const discretionText = (d: NonNullable<Power['discretion']>[number]) => `${d.level ? `【${d.level}】` : ''}${d.circumstance}：${d.penalty}`;

function riskText(r: RiskPoint): string {
  return `【${r.level}】${r.description}`;
}

function risks(c: Changes, path: string, step: Words, a: RiskPoint[], b: RiskPoint[]): void {
  const restA = [...a], restB = [...b];
  const pairs: [RiskPoint, RiskPoint][] = [];
  for (const x of [...restA]) {
    const j = restB.findIndex((y) => y.description === x.description);
    if (j < 0) continue;
    restA.splice(restA.indexOf(x), 1);
    pairs.push([x, restB.splice(j, 1)[0]!]);
  }
  // What is left, in order: the same risk point reworded (its level and controls may have changed too).
  while (restA.length && restB.length && restA.length === restB.length) pairs.push([restA.shift()!, restB.shift()!]);
  const label = (what: Words): Words => w(`${step.zh}的廉政风险点${what.zh}`, `${step.en} risk point${what.en}`);
  for (const [x, y] of pairs) {
    const k = b.indexOf(y);
    const name = w(`"${y.description.length > 24 ? `${y.description.slice(0, 24)}…` : y.description}"`, ` "${y.description.length > 24 ? `${y.description.slice(0, 24)}…` : y.description}"`);
    if (x.description !== y.description) c.value(`${path}.risks[${k}].description`, label(w('', '')), x.description, y.description);
    if (x.level !== y.level) {
      const down = (LEVEL_RANK[y.level] ?? 0) < (LEVEL_RANK[x.level] ?? 0);
      c.push({
        path: `${path}.risks[${k}].level`, label: label(w(`${name.zh}的等级`, `${name.en} level`)), op: 'changed', before: x.level, after: y.level,
        note: down ? w('风险等级降低', 'risk level lowered') : w('风险等级提高', 'risk level raised'),
      });
    }
    c.strings(`${path}.risks[${k}].controls`, label(w(`${name.zh}的防控措施`, `${name.en} control`)), x.controls, y.controls);
  }
  for (const x of restA) c.push({ path: `${path}.risks`, label: label(w('', '')), op: 'removed', before: riskText(x) });
  for (const y of restB) c.push({ path: `${path}.risks`, label: label(w('', '')), op: 'added', after: riskText(y) });
}

function nextText(next: ProcedureStep['next'], names: Map<string, string>): string | undefined {
  if (!next?.length) return undefined;
  return next.map((n) => {
    const to = typeof n === 'string' ? n : (n as NextStep).to;
    const when = typeof n === 'string' ? undefined : (n as NextStep).when;
    return `${names.get(to) ?? to}${when ? `（${when}）` : ''}`;
  }).join('；');
}

function stepSummary(s: ProcedureStep): string {
  const extra = [s.actor, limitText(s.time_limit)].filter(Boolean).join('，');
  return `${s.name}${extra ? `（${extra}）` : ''}`;
}

/** 办理流程: steps by their id: added, removed, changed field by field, and their order. */
function procedure(c: Changes, a: Power['procedure'] | undefined, b: Power['procedure'] | undefined): void {
  const sa = Array.isArray(a?.steps) ? a!.steps : [], sb = Array.isArray(b?.steps) ? b!.steps : [];
  const byA = new Map(sa.map((s) => [String(s.id), s])), byB = new Map(sb.map((s) => [String(s.id), s]));
  const namesA = new Map(sa.map((s) => [String(s.id), s.name])), namesB = new Map(sb.map((s) => [String(s.id), s.name]));
  const stepLabel = (s: ProcedureStep): Words => w(`环节"${s.name}"`, `step "${s.name}"`);
  c.value('procedure.start', w('起始环节', 'start step'), a?.start === undefined ? undefined : namesA.get(a.start) ?? a.start, b?.start === undefined ? undefined : namesB.get(b.start) ?? b.start);
  for (const s of sa) if (!byB.has(String(s.id))) c.push({ path: `procedure.steps[${s.id}]`, label: stepLabel(s), op: 'removed', before: stepSummary(s) });
  for (const s of sb) if (!byA.has(String(s.id))) c.push({ path: `procedure.steps[${s.id}]`, label: stepLabel(s), op: 'added', after: stepSummary(s) });
  const common = sb.filter((s) => byA.has(String(s.id))).map((s) => String(s.id));
  const orderA = sa.filter((s) => byB.has(String(s.id))).map((s) => String(s.id));
  if (!same(common, orderA)) {
    c.push({ path: 'procedure.steps', label: w('环节顺序', 'order of steps'), op: 'changed', before: orderA.map((id) => namesA.get(id)).join(' → '), after: common.map((id) => namesB.get(id)).join(' → ') });
  }
  for (const id of common) {
    const x = byA.get(id)!, y = byB.get(id)!;
    if (same(x, y)) continue;
    const p = `procedure.steps[${id}]`;
    const at = stepLabel(x.name === y.name ? y : x);
    const l = (k: string): Words => w(`${at.zh}的${STEP[k]!.zh}`, `${at.en} ${STEP[k]!.en}`);
    c.value(`${p}.name`, l('name'), x.name, y.name);
    c.value(`${p}.actor`, l('actor'), x.actor, y.actor);
    c.value(`${p}.time_limit`, l('time_limit'), x.time_limit, y.time_limit, limitText, limitNote);
    c.value(`${p}.description`, l('description'), x.description, y.description);
    c.value(`${p}.duty`, l('duty'), x.duty, y.duty);
    const na = nextText(x.next, namesA), nb = nextText(y.next, namesB);
    if (na !== nb) c.value(`${p}.next`, l('next'), na, nb);
    if (Boolean(x.end) !== Boolean(y.end)) c.push({ path: `${p}.end`, label: l('end'), op: 'changed', before: x.end ? '是' : '否', after: y.end ? '是' : '否' });
    risks(c, p, at, Array.isArray(x.risks) ? x.risks : [], Array.isArray(y.risks) ? y.risks : []);
    const known = new Set(['id', ...Object.keys(STEP)]);
    const extra: Record<string, Words> = {};
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) if (!known.has(k)) extra[k] = w(`${at.zh}的${k}`, `${at.en} ${k}`);
    for (const [k, label] of Object.entries(extra)) c.value(`${p}.${k}`, label, (x as unknown as Record<string, unknown>)[k], (y as unknown as Record<string, unknown>)[k]);
  }
}

/** The changes from power `a` (base) to power `b` (head). `lawsA`/`lawsB` name each side's laws, for citations. */
export function comparePowers(a: Power, b: Power, lawsA: Laws, lawsB: Laws): Change[] {
  const c = new Changes();
  const f = (k: string) => FIELDS[k]!;
  c.value('name', f('name'), a.name, b.name);
  c.value('category', f('category'), a.category, b.category);
  c.value('status', f('status'), a.status, b.status);
  // 取消/暂停 with its date and reason (fields of the format on branch fidelity; compared by name until they are typed).
  const raw = (p: Power) => p as unknown as Record<string, unknown>;
  c.value('status_date', f('status_date'), raw(a).status_date, raw(b).status_date);
  c.value('status_reason', f('status_reason'), raw(a).status_reason, raw(b).status_reason);
  c.strings('subitems', f('subitems'), a.subitems, b.subitems);
  c.value('body', f('body'), a.body, b.body);
  c.value('unit', f('unit'), a.unit, b.unit);
  c.value('post', f('post'), a.post, b.post);
  legalBases(c, Array.isArray(a.legal_bases) ? a.legal_bases : [], Array.isArray(b.legal_bases) ? b.legal_bases : [], lawsA, lawsB);
  c.strings('conditions', f('conditions'), a.conditions, b.conditions);
  c.strings('materials', f('materials'), a.materials, b.materials);
  c.value('time_limit.statutory', w('法定办理时限', 'statutory time limit'), a.time_limit?.statutory, b.time_limit?.statutory, limitText, limitNote);
  c.value('time_limit.promised', w('承诺办理时限', 'promised time limit'), a.time_limit?.promised, b.time_limit?.promised, limitText, limitNote);
  c.value('time_limit.note', w('办理时限说明', 'time limit note'), (a.time_limit as Record<string, unknown> | undefined)?.note, (b.time_limit as Record<string, unknown> | undefined)?.note);
  c.value('fees', f('fees'), a.fees, b.fees, feesText, feesNote);
  c.strings('discretion', f('discretion'), a.discretion, b.discretion, (d) => discretionText(d as NonNullable<Power['discretion']>[number]));
  procedure(c, a.procedure, b.procedure);
  c.value('flowchart', f('flowchart'), a.flowchart, b.flowchart);
  c.strings('responsibilities', f('responsibilities'), a.responsibilities, b.responsibilities);
  c.strings('accountability', f('accountability'), a.accountability, b.accountability);
  c.object('supervision', SUPERVISION, a.supervision, b.supervision);
  c.value('remark', f('remark'), a.remark, b.remark);
  // Fields this version does not know (a newer format, a typo): compared as written, so that nothing goes unseen.
  const ra = a as unknown as Record<string, unknown>, rb = b as unknown as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
    if (k in FIELDS) continue;
    c.value(k, w(k, k), ra[k], rb[k]);
  }
  return c.list;
}

/** One line per power for a list of powers: 事项名称（类别）. */
export function powerTitle(p: Power): string {
  return `${p.name ?? ''}`;
}
