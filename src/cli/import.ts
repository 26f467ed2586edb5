/**
 * `powerbook import FILE.xlsx|FILE.csv [--sheet NAME] [--map map.yaml] [--into DIR] [--force]`: arguments in, the
 * pipeline's importList(), then printed: what was found in each sheet (title, header row, the column of each field),
 * the problems of the list at their rows and columns, one line per power or row (written, unchanged, kept, skipped
 * and why), and the validation of the imported files (with the law library when one is set).
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format/index.js';
import { terminalSafe } from '../diagnostics/message.js';
import { columnLetter, importList, ImportWriteError, SheetNotFoundError, WORDINGS, type Field, type ImportOutcome, type RowRange, type WrittenPower } from '../pipeline/import.js';
import { LawLibrarySettingError } from '../pipeline/library.js';
import { RULE_META, type RuleId } from '../diagnostics/rules.js';
import { VERSION } from '../util/version.js';
import { UsageError, type Io } from './io.js';

export interface ImportCommandOptions {
  sheet?: string;
  map?: string;
  into?: string;
  force?: boolean;
  lawLibrary?: string[];
  format?: string;
  color?: boolean;
}

const WRITE_WHY: Record<string, { zh: string; en: string }> = {
  EACCES: { zh: '没有写权限', en: 'no permission' },
  EPERM: { zh: '没有写权限', en: 'no permission' },
  EROFS: { zh: '只读的文件系统', en: 'a read-only file system' },
  ENOSPC: { zh: '磁盘已满', en: 'the disk is full' },
  ENOTDIR: { zh: '路径中有同名的文件，不是文件夹', en: 'a file of that name is in the way, not a folder' },
  EEXIST: { zh: '路径中有同名的文件，不是文件夹', en: 'a file of that name is in the way, not a folder' },
};

function rel(io: Io, abs: string): string {
  const r = path.relative(io.cwd, abs);
  if (!r) return '.';
  return (!r.startsWith('..') && !path.isAbsolute(r) ? r : abs).split(path.sep).join('/');
}

export async function importCommand(io: Io, lang: Lang, file: string, opts: ImportCommandOptions): Promise<number> {
  const en = lang === 'en';
  const t = (zh: string, e: string) => (en ? e : zh);
  const format = opts.format ?? 'stylish';
  if (format !== 'stylish' && format !== 'json') throw new UsageError('--format 只能是 stylish 或 json', '--format must be stylish or json');
  const abs = path.resolve(io.cwd, file);
  if (!existsSync(abs)) throw new UsageError(`文件不存在：${file}`, `No such file: ${file}`);
  if (!statSync(abs).isFile()) throw new UsageError(`不是文件：${file}（请给出 .xlsx 或 .csv 文件）`, `Not a file: ${file} (give an .xlsx or .csv file)`);
  try { accessSync(abs, constants.R_OK); } catch { throw new UsageError(`无法读取文件（没有读取权限）：${file}`, `Cannot read the file (no permission): ${file}`); }
  let map: { abs: string; display: string } | undefined;
  if (opts.map !== undefined) {
    const m = path.resolve(io.cwd, opts.map);
    if (!existsSync(m) || !statSync(m).isFile()) throw new UsageError(`--map 指定的文件不存在：${opts.map}`, `No such --map file: ${opts.map}`);
    map = { abs: m, display: rel(io, m) };
  }
  const into = path.resolve(io.cwd, opts.into ?? '.');
  if (existsSync(into) && !statSync(into).isDirectory()) throw new UsageError(`--into 应为制度库目录：${opts.into}`, `--into must be a repository directory: ${opts.into}`);
  let outcome: ImportOutcome;
  try {
    outcome = await importList({
      file: abs, display: rel(io, abs), ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}), ...(map ? { map } : {}),
      into, force: Boolean(opts.force), ...(opts.lawLibrary?.length ? { lawLibrary: opts.lawLibrary } : {}), env: io.env, cwd: io.cwd,
    });
  } catch (e) {
    if (e instanceof SheetNotFoundError) {
      throw new UsageError(`工作簿中没有工作表“${e.sheet}”；有：${e.names.map((n) => `“${n}”`).join('、')}`, `The workbook has no sheet "${e.sheet}"; it has: ${e.names.map((n) => `"${n}"`).join(', ')}`);
    }
    if (e instanceof LawLibrarySettingError) throw new UsageError(e.zh, e.en);
    if (e instanceof ImportWriteError) {
      const why = WRITE_WHY[e.code] ?? { zh: e.detail, en: e.detail };
      throw new UsageError(`无法写入 ${rel(io, e.dir)}（${why.zh}）：一个文件也没有写入`, `Cannot write ${rel(io, e.dir)} (${why.en}): no file was written`);
    }
    throw e;
  }
  if (format === 'json') {
    io.stdout(JSON.stringify(jsonReport(outcome, rel(io, into)), null, 2) + '\n');
    return outcome.exitCode;
  }
  const color = opts.color ?? (io.isTTY && !io.env.NO_COLOR);
  const out: string[] = [];
  // Names, titles and headers come from the sheet: a pasted ESC or U+202E must not act on the terminal.
  const say = (...lines: string[]) => out.push(...lines.map(terminalSafe));
  const sheet = outcome.sheet;
  if (sheet) {
    for (const s of sheet.sheets) {
      say(t(`读取 ${s.file.replace(/#.*$/, '')}${s.csv ? `（CSV，${encodingName(sheet.encoding, en)}）` : `，工作表“${s.name}”`}`,
        `Reading ${s.file.replace(/#.*$/, '')}${s.csv ? ` (CSV, ${encodingName(sheet.encoding, en)})` : `, sheet "${s.name}"`}`));
      if (!s.header) { say(t('  没有找到表头，未导入', '  no header found: not imported')); continue; }
      const h = s.header;
      for (const title of s.titles) say(t(`  标题：${title}`, `  title: ${title}`));
      const rows = h.height === 2 ? `${h.row}–${h.row + 1}` : `${h.row}`;
      say(t(`  表头：第 ${rows} 行${s.mapped ? '（按 --map）' : ''}；数据：${s.data ? `第 ${s.data.first}–${s.data.last} 行` : '无'}`,
        `  header: row ${rows}${s.mapped ? ' (from --map)' : ''}; data: ${s.data ? `rows ${s.data.first}–${s.data.last}` : 'none'}`));
      say(t('  各列对应：', '  columns:'));
      const width = Math.max(...[...h.columns.values()].map((m) => displayWidth(m.header)), 4);
      for (const m of [...h.columns.values()].sort((x, y) => x.col - y.col)) {
        const head = `${columnLetter(m.col).padEnd(3)}${pad(m.header.replace(/\s+/g, ''), width)}`;
        say(`    ${head} → ${fieldName(m.field, en)}${m.exact ? '' : t('（按列名中的“' + matchedWording(m.field, m.header) + '”）', ` (by "${matchedWording(m.field, m.header)}" in the header)`)}`);
      }
      for (const i of h.ignored) {
        say(t(`    ${columnLetter(i.col).padEnd(3)}${pad(i.header.replace(/\s+/g, ''), width)}   未导入${i.reason === 'duplicate' ? `（${fieldName(i.field!, false)}已由另一列给出）` : '（不认识的列名）'}`,
          `    ${columnLetter(i.col).padEnd(3)}${pad(i.header.replace(/\s+/g, ''), width)}   not imported${i.reason === 'duplicate' ? ` (${fieldName(i.field!, true)} comes from another column)` : ' (unknown header)'}`));
      }
      if (s.csv && h.columns.has('category')) say(t('  CSV 没有合并单元格：权力类别为空的行沿用上一行的类别', '  A CSV has no merged cells: a row with no category takes the one above'));
    }
    if (sheet.sheets.length) say(t('  列不对时，用 --map map.yaml 指定（见 README）', '  When a column is wrong, give --map map.yaml (see README)'), '');
  }
  if (outcome.diagnostics.length) {
    out.push(formatDiagnostics('stylish', outcome.diagnostics, { lang, color, sources: new Map(), base: '.', toolVersion: VERSION }).trimEnd());
    out.push('');
  }
  if (sheet && (sheet.powers.length || sheet.skipped.length)) out.push(...rowReport(outcome, en).map(terminalSafe), '');
  if (outcome.powers.some((p) => p.status !== 'kept')) {
    if (!outcome.repository) {
      out.push(t(`${rel(io, into)} 中没有 powerbook.yaml，不是制度库：已写入 powers/，没有检查。先运行 powerbook init，再运行 powerbook validate。`,
        `${rel(io, into)} has no powerbook.yaml and is not a rule repository: powers/ written, not checked. Run powerbook init, then powerbook validate.`));
    } else if (outcome.validation) {
      const v = outcome.validation;
      out.push(t(`检查导入的职权（${v.library ? '已对照法规库' : '没有设置法规库：只检查格式和 laws/ 中的登记'}）：`,
        `Checking the imported powers (${v.library ? 'against the law library' : 'no law library set: format and laws/ only'}):`));
      // No code frames: an import of hundreds of powers has thousands of findings (`powerbook validate` shows each in context).
      const text = formatDiagnostics('stylish', v.diagnostics, { lang, color, sources: new Map(), base: rel(io, into), toolVersion: VERSION });
      out.push(text.trimEnd());
      if (v.diagnostics.length) out.push(...byRule(v.diagnostics, en));
    }
  }
  io.stdout(out.join('\n') + '\n');
  return outcome.exitCode;
}

/** Findings counted by rule (and the files they are in), most first: what to fill in across the imported list. */
function byRule(diags: readonly Diagnostic[], en: boolean): string[] {
  const m = new Map<RuleId, { n: number; files: Set<string> }>();
  for (const d of diags) {
    const e = m.get(d.rule) ?? { n: 0, files: new Set<string>() };
    e.n++;
    e.files.add(d.file);
    m.set(d.rule, e);
  }
  const rows = [...m].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1));
  return [en ? 'By rule:' : '按规则统计：', ...rows.map(([rule, e]) => `  ${rule.padEnd(28)} ${en ? `${e.n} in ${e.files.size} file(s): ${RULE_META[rule].en}` : `${e.n} 处，${e.files.size} 个文件：${RULE_META[rule].zh}`}`)];
}

function encodingName(e: string | undefined, en: boolean): string {
  if (e === 'gb18030') return en ? 'GBK/GB18030' : 'GBK/GB18030 编码';
  if (e === 'utf-16') return en ? 'UTF-16' : 'UTF-16 编码';
  return en ? 'UTF-8' : 'UTF-8 编码';
}

const FIELD_ZH: Record<Field, string> = {
  seq: '序号（只用于报告）', id: 'id 事项编码', category: 'category 权力类别', name: 'name 事项名称', subitems: 'subitems 子项',
  legal_bases: 'legal_bases 实施依据', body: 'body 实施主体', unit: 'unit 承办机构', post: 'post 承办岗位', procedure: 'procedure 办理流程',
  time_limit: 'time_limit 办理时限', 'time_limit.statutory': 'time_limit.statutory 法定时限', 'time_limit.promised': 'time_limit.promised 承诺时限',
  fees: 'fees 收费', conditions: 'conditions 申请条件', materials: 'materials 申请材料', responsibilities: 'responsibilities 责任事项',
  accountability: 'accountability 追责情形', 'supervision.phone': 'supervision.phone 监督电话', remark: 'remark 备注',
  status: 'status 事项状态', status_date: 'status_date 状态日期', status_reason: 'status_reason 暂停或取消的理由',
};

function fieldName(f: Field, en: boolean): string {
  return en ? (f === 'seq' ? 'seq (report only)' : f) : FIELD_ZH[f];
}

function matchedWording(f: Field, header: string): string {
  const h = header.replace(/\s+/g, '');
  return [...WORDINGS[f]].sort((a, b) => b.length - a.length).find((w) => h.includes(w)) ?? WORDINGS[f][0]!;
}

/** East Asian wide characters (CJK, full-width forms, Hangul): two columns of a terminal each. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Columns as a terminal shows them: a Chinese character takes two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s.replace(/\s+/g, '')) w += WIDE.test(ch) ? 2 : 1;
  return Math.min(w, 24);
}

function pad(s: string, width: number): string {
  let t = s;
  while (displayWidth(t) > width && t.length > 1) t = t.slice(0, -1);
  if (t !== s) t = `${t.slice(0, -1)}…`;
  return t + ' '.repeat(Math.max(0, width - displayWidth(t)));
}

function rowsLabel(r: RowRange, several: boolean, en: boolean): string {
  const n = r.first === r.last ? `${r.first}` : `${r.first}–${r.last}`;
  const s = several ? `${r.sheet} ` : '';
  return en ? `${s}row${r.first === r.last ? '' : 's'} ${n}` : `${s}第 ${n} 行`;
}

const STATUS: Record<WrittenPower['status'], { zh: string; en: string }> = {
  written: { zh: '已写入', en: 'written' },
  overwritten: { zh: '已覆盖', en: 'overwritten' },
  unchanged: { zh: '未改变', en: 'unchanged' },
  kept: { zh: '已存在且内容不同，未覆盖（--force 覆盖）', en: 'exists with other content, kept (--force overwrites)' },
};

const SKIP: Record<string, { zh: string; en: string }> = {
  'no-name': { zh: '跳过：没有事项名称', en: 'skipped: no name' },
  'no-id': { zh: '跳过：没有事项编码，权力类别也无法确定', en: 'skipped: no code, and no category to number it by' },
  'duplicate-id': { zh: '跳过：事项编码重复', en: 'skipped: duplicate id' },
  unreadable: { zh: '跳过：单元格无法读取', en: 'skipped: a cell could not be read' },
};

/** One line per power and per row not imported, in the sheet's order; then the counts. */
function rowReport(o: ImportOutcome, en: boolean): string[] {
  const sheet = o.sheet!;
  const several = sheet.sheets.length > 1;
  type Line = { rows: RowRange; text: string };
  const lines: Line[] = [];
  const missingNote = (p: WrittenPower) => (p.missing.length ? (en ? ` (lacks ${p.missing.length})` : `（缺 ${p.missing.length} 项，见上）`) : '');
  for (const p of o.powers) {
    const s = p.notFile ? { zh: '同名的文件夹挡住了，未写入', en: 'a folder of that name is in the way: not written' } : STATUS[p.status];
    const also = p.also?.length ? (en ? ` (with ${p.also.map((r) => rowsLabel(r, true, true)).join(', ')})` : `（含${p.also.map((r) => rowsLabel(r, true, false)).join('、')}）`) : '';
    lines.push({ rows: p.rows, text: `${p.id.padEnd(12)} ${p.name}  ${en ? s.en : s.zh}${p.status === 'kept' ? '' : ` ${p.target}`}${also}${p.status === 'kept' ? '' : missingNote(p)}` });
  }
  for (const s of sheet.skipped) lines.push({ rows: s.rows, text: `${'—'.padEnd(12)} ${s.name ?? ''}${s.name ? '  ' : ''}${en ? SKIP[s.reason]!.en : SKIP[s.reason]!.zh}` });
  const order = (r: RowRange) => [sheet.sheets.findIndex((s) => s.name === r.sheet), r.first];
  lines.sort((a, b) => { const x = order(a.rows), y = order(b.rows); return x[0]! - y[0]! || x[1]! - y[1]!; });
  const width = Math.max(0, ...lines.map((l) => displayWidth(rowsLabel(l.rows, several, en))));
  const out = [en ? 'Row by row:' : '逐行结果：'];
  for (const l of lines) out.push(`  ${pad(rowsLabel(l.rows, several, en), width)}  ${l.text}`);
  const n = (st: WrittenPower['status']) => o.powers.filter((p) => p.status === st).length;
  const skipped = sheet.skipped.length;
  out.push(en
    ? `${o.powers.length} power(s) read: ${n('written')} written, ${n('overwritten')} overwritten, ${n('unchanged')} unchanged, ${n('kept')} kept; ${skipped} skipped.`
    : `读出 ${o.powers.length} 项：写入 ${n('written')} 项，覆盖 ${n('overwritten')} 项，未改变 ${n('unchanged')} 项，未覆盖 ${n('kept')} 项；跳过 ${skipped} 处。`);
  return out;
}

function jsonDiag(d: Diagnostic) {
  return { file: d.file, line: d.start.line, column: d.start.column, rule: d.rule, severity: d.severity, message: d.message, messageEn: d.messageEn, ...(d.hint ? { hint: d.hint } : {}) };
}

function jsonReport(o: ImportOutcome, into: string) {
  return {
    tool: { name: 'powerbook', version: VERSION },
    into: into || '.',
    format: o.sheet?.format,
    ...(o.sheet?.encoding ? { encoding: o.sheet.encoding } : {}),
    sheets: (o.sheet?.sheets ?? []).map((s) => ({
      name: s.name, titles: s.titles, ...(s.data ? { data: s.data } : {}),
      header: s.header ? {
        row: s.header.row, rows: s.header.height, mapped: s.mapped,
        columns: [...s.header.columns.values()].map((m) => ({ field: m.field, column: columnLetter(m.col), header: m.header, exact: m.exact })),
        ignored: s.header.ignored.map((i) => ({ column: columnLetter(i.col), header: i.header, reason: i.reason })),
      } : null,
    })),
    powers: o.powers.map((p) => ({
      id: p.id, idFrom: p.idFrom, name: p.name, sheet: p.rows.sheet, rows: [p.rows.first, p.rows.last], file: p.target, status: p.status,
      missing: p.missing.map((m) => ({ field: m.field, stage: m.stage })), ...(p.also ? { also: p.also.map((r) => ({ sheet: r.sheet, rows: [r.first, r.last] })) } : {}),
    })),
    skipped: (o.sheet?.skipped ?? []).map((s) => ({ sheet: s.rows.sheet, rows: [s.rows.first, s.rows.last], reason: s.reason, ...(s.name ? { name: s.name } : {}) })),
    diagnostics: o.diagnostics.map(jsonDiag),
    validation: o.validation ? { library: o.validation.library, diagnostics: o.validation.diagnostics.map(jsonDiag) } : null,
    exitCode: o.exitCode,
  };
}
