/** The work plan's stages: one table (check/stages.ts) that `validate --stage` enforces, stage by stage. */
import { describe, expect, it } from 'vitest';
import { RULE_META } from '../../src/diagnostics/rules.js';
import { STAGES, STAGE_IDS, severityAt, stageRequirements } from '../../src/check/stages.js';
import { validate, validateStages } from '../../src/pipeline/index.js';
import { cli, validateJson } from '../helpers/cli.js';
import { edit, lineOf, validRepo } from '../helpers/repo.js';

const RULE = 'rules/ZD-01.md';
const POWER = 'powers/XK-001.yaml';

/** A fresh repository with fixed plan dates and review records, so the test does not depend on today. */
async function repo(): Promise<string> {
  const d = await validRepo();
  edit(d, 'powerbook.yaml', (s) => s.replace(/stages:\n(?:[ #].*\n)*/, 'stages:\n  draft_by: 2030-09-30\n  legality_review_by: 2030-10-31\n  deliberation_by: 2030-11-15\n  submit_by: 2030-11-30\n  publish_by: 2031-01-31\n').replace(/date: \d{4}-\d\d-\d\d/, 'date: 2030-11-20'));
  edit(d, RULE, (s) => s.replace(/(legality_review:[\s\S]*?date: )\S+/, '$12030-10-20').replace(/(deliberation:[\s\S]*?date: )\S+/, '$12030-11-05'));
  return d;
}

const of = (diags: { rule: string; severity: string; line: number }[], rule: string) => diags.filter((x) => x.rule === rule).map((x) => `${x.severity}@${x.line}`);

describe('the stage table', () => {
  it('has the five stages in the plan\'s order, each with its date key, and names only registered rule ids', () => {
    expect(STAGE_IDS).toEqual(['draft', 'review', 'deliberation', 'submit', 'publish']);
    expect(STAGES.map((s) => s.dateKey)).toEqual(['draft_by', 'legality_review_by', 'deliberation_by', 'submit_by', 'publish_by']);
    for (const s of STAGES) for (const r of s.adds) for (const id of r.rules) expect(RULE_META).toHaveProperty(id);
  });

  it('is cumulative: a later stage requires everything of the earlier ones', () => {
    const ids = (s: (typeof STAGE_IDS)[number]) => stageRequirements(s).map((r) => r.id);
    for (let i = 1; i < STAGE_IDS.length; i++) expect(ids(STAGE_IDS[i]!).slice(0, ids(STAGE_IDS[i - 1]!).length)).toEqual(ids(STAGE_IDS[i - 1]!));
    expect(severityAt('draft', 'power-fees')).toBe('info');
    expect(severityAt('review', 'power-fees')).toBe('error');
    expect(severityAt('publish', 'legality-review-on-time')).toBe('warning');
  });
});

describe('validate --stage', () => {
  it('accepts the five stages and names them when given another', async () => {
    const d = await repo();
    for (const s of STAGE_IDS) expect((await validateJson(d, ['--stage', s])).code, s).toBe(0);
    const bad = await cli(['validate', d, '--stage', 'final']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('deliberation');
    expect(bad.stderr).toContain('publish');
  });

  it('checks legality reviews against stages.legality_review_by from stage review (a warning), not before', async () => {
    const d = await repo();
    edit(d, RULE, (s) => s.replace('2030-10-20', '2030-11-02'));
    const line = lineOf(d, RULE, '2030-11-02');
    expect(of((await validateJson(d, ['--stage', 'draft'])).diags, 'rule-legality-review')).toEqual([]);
    const review = await validateJson(d, ['--stage', 'review']);
    expect(of(review.diags, 'rule-legality-review')).toEqual([`warning@${line}`]);
    expect(review.diags.find((x) => x.rule === 'rule-legality-review')!.message).toContain('legality_review_by（2030-10-31）');
  });

  it('checks deliberations against stages.deliberation_by from stage deliberation', async () => {
    const d = await repo();
    edit(d, RULE, (s) => s.replace('2030-11-05', '2030-11-20'));
    const line = lineOf(d, RULE, '2030-11-20');
    expect(of((await validateJson(d, ['--stage', 'review'])).diags, 'rule-deliberation')).toEqual([]);
    expect(of((await validateJson(d, ['--stage', 'deliberation'])).diags, 'rule-deliberation')).toEqual([`warning@${line}`]);
  });

  it('requires a passed legality review from stage deliberation, not before', async () => {
    const d = await repo();
    edit(d, RULE, (s) => s.replace(/(legality_review:[\s\S]*?result: )通过/, '$1不通过'));
    expect((await validateJson(d, ['--stage', 'review'])).code).toBe(0);
    const r = await validateJson(d, ['--stage', 'deliberation']);
    expect(r.code).toBe(1);
    expect(of(r.diags, 'rule-legality-review')).toEqual([`error@${lineOf(d, RULE, '不通过')}`]);
  });

  it('requires a deliberation record from stage deliberation', async () => {
    const d = await repo();
    edit(d, RULE, (s) => s.replace(/deliberation:\n(?:  .*\n)*/, ''));
    expect((await validateJson(d, ['--stage', 'review'])).code).toBe(0);
    const r = await validateJson(d, ['--stage', 'deliberation']);
    expect(of(r.diags, 'rule-deliberation')).toEqual([`error@${lineOf(d, RULE, 'id: ZD-01')}`]);
  });

  it('requires fees and the statutory time limit from stage review, at their lines', async () => {
    const d = await repo();
    edit(d, POWER, (s) => s.replace(/fees:\n  charged: false\n/, '').replace(/  statutory: .*\n/, ''));
    const draft = await validateJson(d, ['--stage', 'draft']);
    expect(draft.code).toBe(0);
    expect(of(draft.diags, 'power-fees')).toEqual([`info@${lineOf(d, POWER, 'id: XK-001')}`]);
    const review = await validateJson(d, ['--stage', 'review']);
    expect(review.code).toBe(1);
    expect(of(review.diags, 'power-fees')).toEqual([`error@${lineOf(d, POWER, 'id: XK-001')}`]);
    expect(of(review.diags, 'power-time-limit')).toEqual([`error@${lineOf(d, POWER, 'time_limit:')}`]);
  });

  it('accepts 未规定 as a statutory time limit, and requires standard and basis of a power that charges', async () => {
    const d = await repo();
    edit(d, POWER, (s) => s.replace(/  statutory: .*\n/, '  statutory: 未规定\n').replace('charged: false', 'charged: true'));
    const r = await validateJson(d, ['--stage', 'review']);
    expect(of(r.diags, 'power-time-limit')).toEqual([]);
    expect(of(r.diags, 'power-fees')).toEqual([`error@${lineOf(d, POWER, 'charged: true')}`]);
    expect(r.diags.find((x) => x.rule === 'power-fees')!.message).toContain('standard（收费标准）、basis（收费依据）');
  });

  it('requires the date and reason of a cancelled power from stage review', async () => {
    const d = await repo();
    edit(d, POWER, (s) => s.replace('status: 有效', 'status: 取消'));
    const line = lineOf(d, POWER, 'status: 取消');
    expect(of((await validateJson(d, ['--stage', 'draft'])).diags, 'power-status')).toEqual([`info@${line}`]);
    expect(of((await validateJson(d, ['--stage', 'review'])).diags, 'power-status')).toEqual([`error@${line}`]);
    edit(d, POWER, (s) => s.replace('status: 取消', 'status: 取消\nstatus_date: 2030-07-01\nstatus_reason: 依据《示例市人民政府关于取消一批行政权力事项的决定》取消'));
    expect(of((await validateJson(d, ['--stage', 'review'])).diags, 'power-status')).toEqual([]);
  });

  it('warns of stage dates out of order, and refuses a draft mark at stage publish only', async () => {
    const d = await repo();
    edit(d, 'powerbook.yaml', (s) => s.replace('deliberation_by: 2030-11-15', 'deliberation_by: 2030-10-15').replace(/(  title: .*\n)/, '$1  subtitle: （征求意见稿）\n'));
    const submit = await validateJson(d, ['--stage', 'submit']);
    expect(of(submit.diags, 'stage-dates')).toEqual([`warning@${lineOf(d, 'powerbook.yaml', 'deliberation_by')}`]);
    expect(of(submit.diags, 'compendium-draft-mark')).toEqual([]);
    const publish = await validateJson(d, ['--stage', 'publish']);
    expect(of(publish.diags, 'compendium-draft-mark')).toEqual([`error@${lineOf(d, 'powerbook.yaml', 'subtitle')}`]);
    expect(publish.code).toBe(1);
  });
});

describe('validateStages (what powerbook status runs)', () => {
  it('gives each stage exactly what validate gives at that stage, from one load', async () => {
    const all = await validateStages('examples/mistakes', STAGE_IDS);
    expect([...all.keys()]).toEqual(STAGE_IDS);
    for (const s of STAGE_IDS) expect(all.get(s)!.diagnostics, s).toEqual((await validate('examples/mistakes', { stage: s })).diagnostics);
    // The stages differ there (the draft mark only at publish), so the comparison above is not of five equal lists.
    expect(all.get('submit')!.diagnostics.some((d) => d.rule === 'compendium-draft-mark')).toBe(false);
    expect(all.get('publish')!.diagnostics.some((d) => d.rule === 'compendium-draft-mark')).toBe(true);
  });
});
