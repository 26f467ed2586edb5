/** `status` as text (terminal), Markdown (a job summary, a report) or JSON (what rollup reads). */
import type { Lang } from '../../diagnostics/diagnostic.js';
import { cell } from './markdown.js';
import type { LawState, PowerRef, StageStatus, StatusReport } from '../status.js';

export const STATUS_FORMATS = ['text', 'markdown', 'json'] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

export function stageState(s: StageStatus, lang: Lang): string {
  const en = lang === 'en';
  const n = s.errors;
  const blocking = en ? `${n} error${n === 1 ? '' : 's'} to fix` : `${n} 个问题待解决`;
  switch (s.state) {
    case 'done': return en ? 'done' : '已完成';
    case 'open': return en ? `not done (no date): ${blocking}` : `未完成（未定日期）：${blocking}`;
    case 'due': return s.days === 0 ? (en ? `due today: ${blocking}` : `今天到期：${blocking}`) : en ? `due in ${s.days} day${s.days === 1 ? '' : 's'}: ${blocking}` : `还有 ${s.days} 天到期：${blocking}`;
    case 'overdue': return en ? `overdue by ${-s.days!} day${s.days === -1 ? '' : 's'}: ${blocking}` : `已逾期 ${-s.days!} 天：${blocking}`;
  }
}

const ids = (xs: PowerRef[], lang: Lang, max = 8) => (xs.length <= max ? xs.map((x) => x.id) : [...xs.slice(0, max).map((x) => x.id), lang === 'en' ? `… ${xs.length - max} more` : `…等 ${xs.length} 项`]).join(lang === 'en' ? ', ' : '、');

function lines(r: StatusReport, lang: Lang): { title: string; stages: [string, string, string][]; blockers: Map<string, string[]>; facts: string[] } {
  const en = lang === 'en';
  const sep = en ? ', ' : '，';
  const title = en
    ? `${r.department ? `${r.department} · ${r.title ?? ''}` : '(powerbook.yaml has errors: see below)'}${r.compendiumDate ? ` (compendium date ${r.compendiumDate})` : ''} — as of ${r.at}`
    : `${r.department ? `${r.department} · ${r.title ?? ''}` : '（powerbook.yaml 有错误，见下）'}${r.compendiumDate ? `（汇编日期 ${r.compendiumDate}）` : ''}，截至 ${r.at}`;
  const stages = r.stages.map((s): [string, string, string] => [en ? s.label.en : s.label.zh, s.due ?? '—', stageState(s, lang)]);
  const blockers = new Map<string, string[]>();
  // What blocks the next stage, in detail; the later ones show their count (their errors include these).
  for (const s of r.stages) {
    if (s.key !== r.next) continue;
    const rules = Object.entries(s.blockers.byRule).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([rule, n]) => `${rule} ×${n}`);
    blockers.set(s.key, [
      (en ? 'blocked by: ' : '卡在：') + (rules.length > 6 ? [...rules.slice(0, 6), en ? `${rules.length - 6} more rules` : `等 ${rules.length} 条规则`] : rules).join(en ? ', ' : '、'),
      ...s.blockers.first.slice(0, 3).map((p) => `${p.file}:${p.line}:${p.column}  ${en ? p.message.en : p.message.zh}`),
    ]);
  }
  const p = r.powers;
  const cats = Object.entries(p.byCategory).map(([c, n]) => `${c} ${n}`).join(sep);
  const lack = ([['procedure', '缺少办理流程', 'without procedure'], ['flowchart', '缺少流程图', 'without flowchart'], ['risks', '缺少廉政风险点', 'without risk points'],
    ['fees', '未填写收费', 'fees not given'], ['timeLimit', '未填写办理时限', 'time limit not given']] as const)
    .map(([k, zh, enw]) => {
      const xs = p.lacking[k];
      return en ? `${enw}: ${xs.length}${xs.length ? ` (${ids(xs, lang)})` : ''}` : `${zh} ${xs.length} 项${xs.length ? `（${ids(xs, lang)}）` : ''}`;
    }).join(en ? '; ' : '；');
  const rv = r.rules.byReview;
  const areas = Object.entries(r.rules.byArea).map(([a, n]) => `${a} ${n}`).join(sep);
  const lawList = (xs: LawState[]) => xs.map((l) => {
    const notes = [...(l.by ? [en ? `repealed by ${l.by}` : `被${l.by}废止`] : []), ...(l.why ?? []).map((w) => (en ? w.en : w.zh)), en ? `cited by ${l.powers.join(', ')}` : `${l.powers.join('、')} 引用`];
    return `《${l.title}》${l.date ? ` ${l.date}` : ''}${en ? ` (${notes.join('; ')})` : `（${notes.join('；')}）`}`;
  }).join(sep);
  const checked = r.laws.library ? (en ? ' (checked against the law library)' : '（已按法规库核对）') : '';
  const facts = en ? [
    `Powers: ${p.total}${cats ? ` (${cats})` : ''}${p.invalid ? `; ${p.invalid} file(s) failing the format` : ''}`,
    `  ${lack}`,
    `Rules: ${r.rules.total}${areas ? ` (${areas})` : ''}; legality review not passed ${rv.none}, reviewed only ${rv.reviewed}, reviewed and deliberated ${rv.deliberated}, failed ${rv.failed}`,
    `Laws: ${r.laws.total} registered${checked}; cited and repealed: ${r.laws.repealed.length ? lawList(r.laws.repealed) : 'none'}; cited and superseded: ${r.laws.changed.length ? lawList(r.laws.changed) : 'none'}`,
    `Risk points: high ${r.risks.高}, medium ${r.risks.中}, low ${r.risks.低}`,
  ] : [
    `职权 ${p.total} 项${cats ? `：${cats}` : ''}${p.invalid ? `；另有 ${p.invalid} 个文件不符合格式` : ''}`,
    `  ${lack}`,
    `制度 ${r.rules.total} 项${areas ? `（${areas}）` : ''}：未通过合法性审查 ${rv.none}，已审查未审议 ${rv.reviewed}，已审查并审议 ${rv.deliberated}，审查或审议不通过 ${rv.failed}`,
    `法律 ${r.laws.total} 部${checked}；引用的已废止：${r.laws.repealed.length ? lawList(r.laws.repealed) : '无'}；引用的已修订：${r.laws.changed.length ? lawList(r.laws.changed) : '无'}`,
    `廉政风险点：高 ${r.risks.高}，中 ${r.risks.中}，低 ${r.risks.低}`,
  ];
  return { title, stages, blockers, facts };
}

function width(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return n;
}
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

export function formatStatus(format: StatusFormat, r: StatusReport, lang: Lang): string {
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  const en = lang === 'en';
  const { title, stages, blockers, facts } = lines(r, lang);
  if (format === 'markdown') {
    const out = [`### ${cell(title)}`, '', en ? '| stage | due | state |' : '| 阶段 | 期限 | 状态 |', '|---|---|---|'];
    r.stages.forEach((s, i) => {
      const b = blockers.get(s.key);
      out.push(`| ${cell(stages[i]![0])} | ${cell(stages[i]![1])} | ${cell(stages[i]![2])}${b?.length ? `<br>${b.map(cell).join('<br>')}` : ''} |`);
    });
    out.push('', ...facts.map((f) => `- ${cell(f.trim())}`));
    return out.join('\n') + '\n';
  }
  const w0 = Math.max(...stages.map((s) => width(s[0]))) + 2;
  const out = [title, ''];
  r.stages.forEach((s, i) => {
    out.push(`  ${pad(stages[i]![0], w0)}${pad(stages[i]![1], 12)}${stages[i]![2]}`);
    for (const b of blockers.get(s.key) ?? []) out.push(`      ${b}`);
  });
  out.push('', ...facts);
  return out.join('\n') + '\n';
}
