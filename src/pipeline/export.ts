/**
 * `powerbook export`: the published lists (权力清单, 责任清单, 取消、暂停事项: src/document/lists.ts) of a validated
 * repository, as a workbook or one list as CSV (src/render/xlsx), written atomically: a reader never sees half a file,
 * and an export that fails leaves the previous file as it was.
 */
import { creationDate } from '../document/build.js';
import { publishedLists, type ListKind, type PublishedLists } from '../document/lists.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import { applySeverities } from '../diagnostics/severity.js';
import { writeFileAtomic } from '../util/write.js';
import type { Validated } from './index.js';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  /** The file to write (absolute). */
  out: string;
  /** csv: which list (default the 权力清单). */
  list?: ListKind;
  /** SOURCE_DATE_EPOCH (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface ExportedSheet { name: string; title: string; rows: number; paper?: 'A3' | 'A4' }

export interface ExportReport {
  file: string;
  bytes: number;
  sheets: ExportedSheet[];
  /** Cells cut to a spreadsheet cell's 32,767 characters. */
  truncated: number;
  /** csv of a list the repository does not have (取消、暂停事项 when every power is in force): nothing written. */
  empty?: boolean;
  /**
   * The power and law files the schema rejected, left out (compendium-file-omitted): with `schema` lowered or off in
   * lint, validation lets the export go on, and the export says what it left out rather than dropping it unseen.
   */
  warnings: Diagnostic[];
}

function omitted(v: Validated): Diagnostic[] {
  const out: Diagnostic[] = [];
  const kinds = [['power', '职权', v.repo.powers], ['law', '法规', v.repo.laws]] as const;
  for (const [kindEn, kindZh, files] of kinds) {
    for (const f of files as readonly { valid: boolean; source: { path: string } }[]) {
      if (!f.valid) out.push(diag(f.source.path, { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, 'compendium-file-omitted', 'omittedFromList', { kindZh, kindEn }));
    }
  }
  return applySeverities(out, v.lint);
}

/** The published lists of a repository that validated (its valid powers and laws; the library it opened). */
export function listsOf(v: Validated, env: NodeJS.ProcessEnv = process.env): PublishedLists {
  const config = v.repo.config!.data;
  return publishedLists({
    config, laws: v.repo.laws.filter((l) => l.valid), powers: v.repo.powers.filter((p) => p.valid),
    created: creationDate(config, env), ...(v.library ? { library: v.library } : {}),
  });
}

export async function exportLists(v: Validated, opts: ExportOptions): Promise<ExportReport> {
  const lists = listsOf(v, opts.env);
  const warnings = omitted(v);
  const { renderXlsx, renderCsv } = await import('../render/xlsx/index.js');
  if (opts.format === 'xlsx') {
    const { data, report } = await renderXlsx(lists);
    writeFileAtomic(opts.out, data);
    return {
      file: opts.out, bytes: data.byteLength, truncated: report.truncated, warnings,
      sheets: report.sheets.map((s, i) => ({ name: s.name, title: lists.lists[i]!.title, rows: s.rows, paper: s.paper })),
    };
  }
  const kind = opts.list ?? 'powers';
  const list = lists.lists.find((l) => l.kind === kind);
  if (!list) return { file: opts.out, bytes: 0, sheets: [], truncated: 0, empty: true, warnings };
  const { data, truncated } = renderCsv(list);
  writeFileAtomic(opts.out, data);
  return { file: opts.out, bytes: Buffer.byteLength(data), truncated, warnings, sheets: [{ name: list.name, title: list.title, rows: list.rows.length }] };
}
