/**
 * `powerbook export xlsx|csv [dir]`: arguments in; the pipeline validates (errors stop the export, with the same
 * diagnostics as `validate`), makes the published lists and writes the file (src/pipeline/export.ts); a summary out.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { countBySeverity, type Lang } from '../diagnostics/diagnostic.js';
import { LIST_KINDS, type ListKind } from '../document/lists.js';
import { EXPORT_FORMATS, exportLists, type ExportFormat } from '../pipeline/export.js';
import { outDirProblem } from '../pipeline/index.js';
import { outputName } from './build.js';
import { UsageError, type Io } from './io.js';
import { parseStage, printDiagnostics, resolveRepoDir, validateWithLibrary } from './validate.js';

export interface ExportCommandOptions { dir?: string; out?: string; list?: string; stage?: string; lawLibrary?: string[] }

const LIST_NAMES: Record<ListKind, { zh: string; en: string; file: string }> = {
  powers: { zh: '权力清单', en: 'the list of powers (权力清单)', file: '行政权力清单' },
  duties: { zh: '责任清单', en: 'the list of duties (责任清单)', file: '责任清单' },
  status: { zh: '取消、暂停事项', en: 'the powers cancelled or suspended (取消、暂停事项)', file: '取消、暂停事项' },
};

function parseFormat(f: string): ExportFormat {
  if ((EXPORT_FORMATS as readonly string[]).includes(f)) return f as ExportFormat;
  throw new UsageError(`导出格式只能是 ${EXPORT_FORMATS.join('、')}，而不是"${f}"`, `The export format must be ${EXPORT_FORMATS.join(' or ')}, not "${f}"`);
}

function parseList(l: string | undefined, format: ExportFormat): ListKind | undefined {
  if (l === undefined) return undefined;
  if (format !== 'csv') throw new UsageError('--list 只用于 csv（xlsx 每个清单一个工作表，全部导出）', '--list is for csv only (the workbook has every list, a sheet each)');
  if ((LIST_KINDS as readonly string[]).includes(l)) return l as ListKind;
  throw new UsageError(`--list 只能是 powers（权力清单）、duties（责任清单）或 status（取消、暂停事项），而不是"${l}"`, `--list must be powers, duties or status, not "${l}"`);
}

export async function exportCommand(io: Io, lang: Lang, formatArg: string, dirArg: string | undefined, opts: ExportCommandOptions): Promise<number> {
  const en = lang === 'en';
  const format = parseFormat(formatArg);
  const list = parseList(opts.list, format);
  const stage = parseStage(opts.stage);
  if (dirArg !== undefined && opts.dir !== undefined && path.resolve(io.cwd, dirArg) !== path.resolve(io.cwd, opts.dir)) {
    throw new UsageError(`制度库目录写了两次（${dirArg} 和 -C ${opts.dir}）：只写一个`, `The repository is given twice (${dirArg} and -C ${opts.dir}): give one`);
  }
  const dir = dirArg ?? opts.dir;
  const root = resolveRepoDir(io, dir);
  // Where the file goes is checked before any work: a folder that cannot be made or written is said at once.
  const given = opts.out;
  let out = given === undefined ? undefined : path.resolve(io.cwd, given);
  const intoDir = out !== undefined && (/[\\/]$/.test(given!) || (existsSync(out) && statSync(out).isDirectory()));
  const folder = out === undefined || intoDir ? out ?? path.resolve(io.cwd, 'dist') : path.dirname(out);
  const bad = outDirProblem(folder);
  if (bad) {
    const shown = path.relative(io.cwd, folder) || '.';
    throw new UsageError(`无法写入 ${shown}：${bad.kind === 'not-writable' ? '没有写入权限或只读' : `${bad.kind === 'under-a-file' ? path.relative(io.cwd, bad.file) : shown} 是一个文件，不是目录`}。请用 --out 指定别的位置`,
      `Cannot write into ${shown}: ${bad.kind === 'not-writable' ? 'not writable' : `${bad.kind === 'under-a-file' ? path.relative(io.cwd, bad.file) : shown} is a file, not a directory`}. Give --out another place`);
  }

  const color = io.isTTY && !io.env.NO_COLOR;
  const validated = await validateWithLibrary(io, root, { stage, lawLibrary: opts.lawLibrary });
  const { repo, diagnostics } = validated;
  const n = countBySeverity(diagnostics);
  if (n.error || !repo.config?.valid) {
    printDiagnostics(io, lang, repo, diagnostics, 'stylish', dir, color);
    io.stderr(en ? `Nothing exported: fix the ${n.error} error(s) above first.\n` : `未导出：请先改正上面的 ${n.error} 个错误。\n`);
    return 1;
  }
  if (diagnostics.length) printDiagnostics(io, lang, repo, diagnostics, 'stylish', dir, color);

  const dept = repo.config.data.department.name;
  const base = format === 'xlsx' ? `${dept}权力清单和责任清单` : `${dept}${LIST_NAMES[list ?? 'powers'].file}`;
  if (out === undefined || intoDir) out = path.join(folder, `${outputName(base)}.${format}`);
  const report = await exportLists(validated, { format, out, env: io.env, ...(list ? { list } : {}) });
  if (report.warnings.length) printDiagnostics(io, lang, repo, report.warnings, 'stylish', dir, color);
  const shown = path.relative(io.cwd, report.file) || report.file;
  if (report.empty) {
    io.stderr(en ? `Nothing exported: no power is cancelled or suspended, so there is no ${LIST_NAMES.status.en}.\n` : '未导出：没有取消、暂停的事项。\n');
    return 0;
  }
  const sheets = report.sheets.map((s) => (en
    ? `  ${s.name}  ${s.rows} power(s)${s.paper ? `  (prints ${s.paper} landscape)` : ''}`
    : `  ${s.name}  ${s.rows} 项${s.paper ? `（打印：${s.paper} 横向）` : ''}`));
  io.stderr([en ? `Exported ${shown}:` : `已导出 ${shown}：`, ...sheets].join('\n') + '\n');
  if (report.truncated) {
    io.stderr(en
      ? `Warning: ${report.truncated} cell(s) longer than a spreadsheet cell's 32,767 characters were cut (marked in the cell).\n`
      : `警告：有 ${report.truncated} 个单元格超过 Excel 单元格 32767 字的上限，已截断（单元格中注明）。\n`);
  }
  return 0;
}
