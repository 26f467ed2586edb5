/** `powerbook rollup DIR|URL...`: the departments' published status (and validate) JSON in, one report out. */
import path from 'node:path';
import type { Lang } from '../diagnostics/diagnostic.js';
import { ReviewError } from '../review/git.js';
import { ROLLUP_CSS, ROLLUP_FILES, ROLLUP_JS, rollupHtml } from '../review/rollup/html.js';
import { readDepartments } from '../review/rollup/read.js';
import { rollupReport } from '../review/rollup/report.js';
import { rollupXlsx } from '../review/rollup/xlsx.js';
import { today } from '../review/status.js';
import { writeFileAtomic } from '../util/write.js';
import { outDirError, UsageError, type Io } from './io.js';
import { outDirProblem } from '../util/outdir.js';
import { parseDay } from './status.js';

export const ROLLUP_FORMATS = ['html', 'xlsx', 'json'] as const;

export interface RollupCliOptions { out?: string; format?: string; at?: string }

export async function rollupCommand(io: Io, lang: Lang, sources: string[], opts: RollupCliOptions): Promise<number> {
  const formats = (opts.format ?? 'html,xlsx,json').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = formats.filter((f) => !(ROLLUP_FORMATS as readonly string[]).includes(f));
  if (bad.length || !formats.length) throw new UsageError(`--format 只能是 ${ROLLUP_FORMATS.join('、')}（可用逗号连写）`, `--format must be among ${ROLLUP_FORMATS.join(', ')} (comma-separated)`);
  if (!sources.length) throw new UsageError('请给出各部门的 CI 产物文件夹、制度库或网址', 'Give the departments\' artifact folders, repositories or URLs');
  const at = opts.at === undefined ? today() : parseDay(opts.at, '--at');
  const out = path.resolve(io.cwd, opts.out ?? 'rollup');
  const outBad = outDirProblem(out);
  if (outBad) throw outDirError(outBad, opts.out ?? 'rollup');
  let report;
  try {
    report = rollupReport(await readDepartments(sources, io.cwd, at), at);
  } catch (e) {
    if (e instanceof ReviewError) throw new UsageError(e.zh, e.en);
    throw e;
  }
  const written: string[] = [];
  const put = (name: string, data: string | Uint8Array) => { writeFileAtomic(path.join(out, name), data); written.push(name); };
  if (formats.includes('html')) {
    put(ROLLUP_FILES.css, ROLLUP_CSS);
    put(ROLLUP_FILES.js, ROLLUP_JS);
    put(ROLLUP_FILES.html, rollupHtml(report));
  }
  if (formats.includes('xlsx')) put('rollup.xlsx', await rollupXlsx(report));
  if (formats.includes('json')) put('rollup.json', JSON.stringify(report, null, 2) + '\n');
  const shown = path.relative(io.cwd, out) || '.';
  const t = report.totals;
  io.stderr(lang === 'en'
    ? `Rolled up ${t.departments} department(s) as of ${at}: ${t.withOverdue} with overdue stages, ${t.errors} error(s), ${t.repealed} repealed basis(es). Written to ${shown}/: ${written.join(', ')}\n`
    : `已汇总 ${t.departments} 个部门（截至 ${at}）：有逾期阶段的 ${t.withOverdue} 个，错误 ${t.errors} 个，引用已废止法律 ${t.repealed} 处。输出：${shown}/ ${written.join('、')}\n`);
  return 0;
}
