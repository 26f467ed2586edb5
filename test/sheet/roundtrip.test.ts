/**
 * Export, then import: the example's lists as `powerbook export` writes them (the workbook of 权力清单, 责任清单 and
 * 取消、暂停事项, and the CSV of 权力清单), imported into a repository with the same laws/ and law library, give back
 * every power's id, name, category, legal bases (law, 条, 款, 项), steps, 子项, bodies, time limits, fees, 责任事项,
 * 追责情形, 备注 and status. Expected values are read from the example's YAML, not from powerbook's code.
 *
 * The copy differs from the example as export.test.ts's does: XK-001 has a 备注, QT-002 is 取消, JC-003 states no fees.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleKey } from '../../src/domain/numerals.js';
import { cli } from '../helpers/cli.js';
import { copyExample, edit, tempDir } from '../helpers/repo.js';
import { warmLibrary } from '../citations/helpers.js';

interface Basis { law: string; article?: string | number; clause?: string | number; item?: string | number }
interface Power {
  id: string; name: string; category: string; subitems?: string[]; body: string; unit: string; legal_bases: Basis[];
  procedure?: { steps: { name: string }[] }; fees?: { charged: boolean; basis?: string; standard?: string };
  time_limit?: { statutory?: unknown; promised?: unknown; note?: string };
  responsibilities?: string[]; accountability?: string[]; status?: string; status_date?: string; status_reason?: string; remark?: string;
}

const load = (file: string) => jsYaml.load(readFileSync(file, 'utf8'), { schema: jsYaml.CORE_SCHEMA }) as Power;
const powersOf = (dir: string) => new Map(readdirSync(path.join(dir, 'powers')).filter((f) => f.endsWith('.yaml')).map((f) => { const p = load(path.join(dir, 'powers', f)); return [p.id, p]; }));

let source: string;
let original: Map<string, Power>;
const titles = new Map<string, string>();

/** A law as cited, compared: a laws/ id by its registered title, a title without 《》 and 中华人民共和国. */
function lawKey(law: string): string {
  return (titles.get(law) ?? law).replace(/[《》\s]/g, '').replace(/^中华人民共和国/, '');
}
const basisKey = (b: Basis) => [lawKey(b.law), b.article === undefined ? '' : articleKey(b.article), b.clause === undefined ? '' : articleKey(b.clause), b.item === undefined ? '' : articleKey(b.item)].join('|');

/** A repository like the example's, without powers, to import into. */
function target(): string {
  const d = tempDir('pb-roundtrip-');
  copyExample(source, d, (s) => !s.includes(`${path.sep}powers`) && !s.includes(`${path.sep}rules`));
  mkdirSync(path.join(d, 'rules'), { recursive: true });
  return d;
}

beforeAll(async () => {
  await warmLibrary();
  source = tempDir('pb-roundtrip-src-');
  copyExample('examples/zhuzhou-commerce', source);
  edit(source, 'powers/XK-001.yaml', (s) => s.replace(/^status: 有效$/m, 'remark: 委托县市区商务主管部门实施\nstatus: 有效'));
  edit(source, 'powers/QT-002.yaml', (s) => s.replace(/^status: 有效$/m, 'status: 取消\nstatus_date: 2025-07-01\nstatus_reason: 根据《湖南省人民政府关于取消一批行政权力事项的决定》取消'));
  edit(source, 'powers/JC-003.yaml', (s) => s.replace(/^fees:.*\n(  .*\n)*/m, ''));
  original = powersOf(source);
  for (const f of readdirSync(path.join(source, 'laws'))) {
    const l = jsYaml.load(readFileSync(path.join(source, 'laws', f), 'utf8'), { schema: jsYaml.CORE_SCHEMA }) as { id: string; title: string };
    titles.set(l.id, l.title);
  }
}, 900_000);

describe('export xlsx, then import: every power comes back', () => {
  let dir: string;
  let lists: string;
  let imported: Map<string, Power>;
  let report: { powers: { id: string; status: string; also?: unknown[] }[]; diagnostics: { rule: string; severity: string; message: string }[]; validation: { diagnostics: { file: string; rule: string }[] } };
  beforeAll(async () => {
    lists = path.join(tempDir('pb-lists-'), 'lists.xlsx');
    const e = await cli(['export', 'xlsx', source, '--out', lists]);
    expect(e.code, e.stdout + e.stderr).toBe(0);
    dir = target();
    const r = await cli(['import', lists, '--into', dir, '--format', 'json']);
    expect(r.stderr).toBe('');
    report = JSON.parse(r.stdout);
    imported = powersOf(dir);
  }, 300_000);

  it('the same ids, the 责任清单 rows merged into their powers, nothing skipped, no error', () => {
    expect([...imported.keys()].sort()).toEqual([...original.keys()].sort());
    expect(report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const inForce = [...original.values()].filter((p) => !p.status || p.status === '有效').length;
    expect(report.powers.filter((p) => p.also?.length === 1)).toHaveLength(inForce);
  });

  it('names, categories, 子项, bodies, units and 备注', () => {
    for (const [id, o] of original) {
      const p = imported.get(id)!;
      expect([p.name, p.category], id).toEqual([o.name, o.category]);
      if (o.status === '取消') continue; // 取消、暂停事项 lists code, category, name, status, date and reason only
      expect([p.subitems ?? [], p.body, p.unit, p.remark], id).toEqual([o.subitems ?? [], o.body, o.unit, o.remark]);
    }
  });

  it('legal bases: the same laws, 条, 款 and 项, in order', () => {
    for (const [id, o] of original) {
      if (o.status === '取消') continue;
      expect(imported.get(id)!.legal_bases.map(basisKey), id).toEqual(o.legal_bases.map(basisKey));
    }
  });

  it('the imported bases all name a text and a provision that exist (laws/ or the law library)', () => {
    const unresolved = report.validation.diagnostics.filter((d) => /^citation-(unknown|ambiguous|provision-unknown)$|^law-unknown$|^article-unknown$/.test(d.rule));
    expect(unresolved).toEqual([]);
  });

  it('procedure steps: the same names in the same order', () => {
    for (const [id, o] of original) {
      if (o.status === '取消') continue;
      expect(imported.get(id)!.procedure!.steps.map((s) => s.name), id).toEqual(o.procedure!.steps.map((s) => s.name));
    }
  });

  it('time limits, fees (a fee nobody entered stays unentered), 责任事项 and 追责情形', () => {
    for (const [id, o] of original) {
      if (o.status === '取消') continue;
      const p = imported.get(id)!;
      expect(p.time_limit, id).toEqual(o.time_limit);
      expect(p.fees, id).toEqual(o.fees);
      expect([p.responsibilities, p.accountability], id).toEqual([o.responsibilities, o.accountability]);
    }
    expect(imported.get('JC-003')!.fees).toBeUndefined();
  });

  it('a cancelled power comes back with its status, date and reason', () => {
    const q = imported.get('QT-002')!;
    expect([q.status, q.status_date, q.status_reason]).toEqual(['取消', '2025-07-01', original.get('QT-002')!.status_reason]);
  });

  it('imported again: every power unchanged', async () => {
    const r = await cli(['import', lists, '--into', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(new Set((JSON.parse(r.stdout) as typeof report).powers.map((p) => p.status))).toEqual(new Set(['unchanged']));
  });
});

describe('export csv, then import', () => {
  it('the 权力清单 as CSV (UTF-8 with BOM, CRLF, quoted multi-line cells) gives back ids, names, categories, bases and steps', async () => {
    const lists = path.join(tempDir('pb-lists-'), 'lists.csv');
    const e = await cli(['export', 'csv', source, '--out', lists]);
    expect(e.code, e.stdout + e.stderr).toBe(0);
    const dir = target();
    const r = await cli(['import', lists, '--into', dir, '--format', 'json']);
    expect(r.stderr).toBe('');
    const imported = powersOf(dir);
    const inForce = [...original.values()].filter((p) => !p.status || p.status === '有效');
    expect([...imported.keys()].sort()).toEqual(inForce.map((p) => p.id).sort());
    for (const o of inForce) {
      const p = imported.get(o.id)!;
      expect([p.name, p.category, p.legal_bases.map(basisKey), p.procedure!.steps.map((s) => s.name)], o.id)
        .toEqual([o.name, o.category, o.legal_bases.map(basisKey), o.procedure!.steps.map((s) => s.name)]);
    }
  });
});
