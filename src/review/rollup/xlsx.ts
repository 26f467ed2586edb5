/**
 * The roll-up as a workbook (exceljs): 汇总 (one row per department, as the page's table), 逾期阶段, 已废止依据 and
 * 问题 (each department's errors and warnings). Dates from the roll-up's day, never the clock, and the zip rewritten
 * with fixed times, so that the same inputs give the same bytes.
 */
import ExcelJS from 'exceljs';
import { zipWithFixedTimes } from '../../util/zip.js';
import type { RollupReport } from './report.js';

export async function rollupXlsx(report: RollupReport): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const date = new Date(`${report.at}T00:00:00Z`);
  wb.creator = 'powerbook';
  wb.lastModifiedBy = 'powerbook';
  wb.created = date;
  wb.modified = date;
  const sheet = (name: string, columns: { header: string; key: string; width: number }[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns;
    ws.getRow(1).font = { bold: true };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    return ws;
  };
  const summary = sheet('汇总', [
    { header: '部门', key: 'department', width: 24 }, { header: '已完成阶段', key: 'reached', width: 12 }, { header: '下一阶段', key: 'next', width: 12 },
    { header: '期限', key: 'due', width: 12 }, { header: '距期限天数', key: 'days', width: 11 }, { header: '逾期阶段数', key: 'overdue', width: 11 },
    { header: '错误', key: 'errors', width: 8 }, { header: '警告', key: 'warnings', width: 8 }, { header: '已废止依据', key: 'repealed', width: 11 },
    { header: '风险点（高）', key: 'high', width: 12 }, { header: '风险点（中）', key: 'mid', width: 12 }, { header: '风险点（低）', key: 'low', width: 12 },
    { header: '职权', key: 'powers', width: 8 }, { header: '制度', key: 'rules', width: 8 }, { header: '已审议制度', key: 'deliberated', width: 11 },
    { header: '数据日期', key: 'statusAt', width: 12 }, { header: '来源', key: 'source', width: 40 },
  ]);
  for (const r of report.departments) {
    summary.addRow({
      department: r.department, reached: r.reached?.label.zh ?? null, next: r.next?.label.zh ?? '全部完成', due: r.next?.due ?? null, days: r.next?.days ?? null,
      overdue: r.overdue.length, errors: r.errors, warnings: r.warnings, repealed: r.repealed.length, high: r.risks.高, mid: r.risks.中, low: r.risks.低,
      powers: r.powers, rules: r.rules, deliberated: r.rulesDeliberated, statusAt: r.statusAt, source: r.source,
    });
  }
  const overdue = sheet('逾期阶段', [{ header: '部门', key: 'department', width: 24 }, { header: '阶段', key: 'stage', width: 14 }, { header: '期限', key: 'due', width: 12 }, { header: '逾期天数', key: 'days', width: 10 }]);
  for (const r of report.departments) for (const o of r.overdue) overdue.addRow({ department: r.department, stage: o.label.zh, due: o.due, days: -o.days });
  const repealed = sheet('已废止依据', [{ header: '部门', key: 'department', width: 24 }, { header: '法律', key: 'title', width: 36 }, { header: '状态', key: 'status', width: 8 }, { header: '日期', key: 'date', width: 12 }, { header: '引用的职权', key: 'powers', width: 30 }]);
  for (const r of report.departments) {
    for (const l of r.repealed) repealed.addRow({ department: r.department, title: l.title, status: '已废止', date: l.date ?? null, powers: l.powers.join('、') });
    for (const l of r.superseded) repealed.addRow({ department: r.department, title: l.title, status: '已修订', date: l.date ?? null, powers: l.powers.join('、') });
  }
  const problems = sheet('问题', [{ header: '部门', key: 'department', width: 24 }, { header: '文件', key: 'file', width: 28 }, { header: '行', key: 'line', width: 6 }, { header: '列', key: 'column', width: 6 }, { header: '级别', key: 'severity', width: 8 }, { header: '规则', key: 'rule', width: 24 }, { header: '说明', key: 'message', width: 60 }]);
  for (const r of report.departments) {
    for (const p of r.problems) problems.addRow({ department: r.department, file: p.file, line: p.line, column: p.column, severity: p.severity === 'error' ? '错误' : '警告', rule: p.rule, message: p.messageZh ?? p.message });
  }
  const buf = await wb.xlsx.writeBuffer();
  return zipWithFixedTimes(new Uint8Array(buf as ArrayBuffer), date);
}
