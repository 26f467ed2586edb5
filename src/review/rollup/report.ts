/**
 * The roll-up: one row per department — the stage it reached, the next one and its date, overdue stages (counted again
 * on the roll-up's own day), errors, repealed legal bases, risk points by level — for the supervising office.
 */
import { VERSION } from '../../util/version.js';
import type { Stage } from '../../domain/types.js';
import type { StatusReport } from '../status.js';
import type { Words } from '../types.js';
import type { DepartmentInput, ValidateEntry } from './read.js';

export interface RollupRow {
  department: string;
  title?: string;
  source: string;
  /** The day the department's status was made, and its commit. */
  statusAt: string;
  commit?: string;
  compendiumDate?: string;
  reached: { key: Stage; label: Words } | null;
  next: { key: Stage; label: Words; due?: string; days?: number; state: 'due' | 'overdue' | 'open'; errors: number } | null;
  /** Stages not done whose date has passed on the roll-up's day. */
  overdue: { key: Stage; label: Words; due: string; days: number }[];
  /** From the department's validate JSON when it published one, else the errors blocking its next stage. */
  errors: number;
  warnings: number;
  errorsFrom: 'validate' | 'status';
  /** `by`: the repealing text, when the law library said so. */
  repealed: { title: string; date?: string; powers: string[]; by?: string }[];
  superseded: { title: string; date?: string; powers: string[] }[];
  risks: { 高: number; 中: number; 低: number };
  powers: number;
  rules: number;
  rulesDeliberated: number;
  problems: ValidateEntry[];
}

export interface RollupReport {
  kind: 'powerbook-rollup';
  version: 1;
  tool: { name: 'powerbook'; version: string };
  /** The roll-up's day: stage dates are compared with it. */
  at: string;
  departments: RollupRow[];
  totals: { departments: number; withOverdue: number; errors: number; repealed: number; risks: { 高: number; 中: number; 低: number } };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function row(d: DepartmentInput, at: string): RollupRow {
  const s: StatusReport = d.status;
  const pending = s.stages.filter((x) => x.state !== 'done');
  const nextStage = s.stages.find((x) => x.key === s.next);
  const reachedStage = s.stages.find((x) => x.key === s.reached);
  const next: RollupRow['next'] = nextStage ? {
    key: nextStage.key, label: nextStage.label, errors: nextStage.errors,
    state: nextStage.due === undefined ? 'open' : daysBetween(at, nextStage.due) < 0 ? 'overdue' : 'due',
    ...(nextStage.due ? { due: nextStage.due, days: daysBetween(at, nextStage.due) } : {}),
  } : null;
  const overdue = pending.filter((x) => x.due !== undefined && daysBetween(at, x.due) < 0).map((x) => ({ key: x.key, label: x.label, due: x.due!, days: daysBetween(at, x.due!) }));
  const v = d.validate;
  return {
    department: s.department ?? d.source, ...(s.title ? { title: s.title } : {}), source: d.source, statusAt: s.at,
    ...(s.repository ? { commit: s.repository.commit } : {}), ...(s.compendiumDate ? { compendiumDate: s.compendiumDate } : {}),
    reached: reachedStage ? { key: reachedStage.key, label: reachedStage.label } : null,
    next, overdue,
    errors: v ? v.filter((x) => x.severity === 'error').length : nextStage?.errors ?? 0,
    warnings: v ? v.filter((x) => x.severity === 'warning').length : 0,
    errorsFrom: v ? 'validate' : 'status',
    repealed: s.laws.repealed.map((l) => ({ title: l.title, ...(l.date ? { date: l.date } : {}), powers: l.powers, ...(l.by ? { by: l.by } : {}) })),
    superseded: s.laws.changed.map((l) => ({ title: l.title, ...(l.date ? { date: l.date } : {}), powers: l.powers })),
    risks: { ...s.risks }, powers: s.powers.total, rules: s.rules.total, rulesDeliberated: s.rules.byReview.deliberated,
    problems: (v ?? []).filter((x) => x.severity !== 'info'),
  };
}

export function rollupReport(departments: DepartmentInput[], at: string): RollupReport {
  const rows = departments.map((d) => row(d, at));
  const risks = { 高: 0, 中: 0, 低: 0 };
  for (const r of rows) { risks.高 += r.risks.高; risks.中 += r.risks.中; risks.低 += r.risks.低; }
  return {
    kind: 'powerbook-rollup', version: 1, tool: { name: 'powerbook', version: VERSION }, at, departments: rows,
    totals: {
      departments: rows.length, withOverdue: rows.filter((r) => r.overdue.length).length, errors: rows.reduce((n, r) => n + r.errors, 0),
      repealed: rows.reduce((n, r) => n + r.repealed.length, 0), risks,
    },
  };
}
