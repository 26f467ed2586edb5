/** `powerbook status [dir]`: where the repository stands against the work plan's stage dates. */
import type { Lang } from '../diagnostics/diagnostic.js';
import { LawLibrarySettingError } from '../pipeline/library.js';
import { ReviewError } from '../review/git.js';
import { formatStatus, STATUS_FORMATS, type StatusFormat } from '../review/format/status.js';
import { repositoryStatus } from '../review/status.js';
import { UsageError, writeReport, type Io } from './io.js';
import { resolveRepoDir } from './validate.js';

export interface StatusCliOptions { at?: string; format?: string; output?: string; lawLibrary?: string[] }

/** A real calendar day written YYYY-MM-DD. */
export function parseDay(s: string, flag: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || d.toISOString().slice(0, 10) !== s) throw new UsageError(`${flag} 应为日期 YYYY-MM-DD，例如 2025-10-31，而不是"${s}"`, `${flag} must be a date YYYY-MM-DD, e.g. 2025-10-31, not "${s}"`);
  return s;
}

export async function statusCommand(io: Io, lang: Lang, dir: string | undefined, opts: StatusCliOptions): Promise<number> {
  const format = (opts.format ?? 'text') as StatusFormat;
  if (!STATUS_FORMATS.includes(format)) throw new UsageError(`--format 只能是 ${STATUS_FORMATS.join('、')}`, `--format must be one of ${STATUS_FORMATS.join(', ')}`);
  const at = opts.at === undefined ? undefined : parseDay(opts.at, '--at');
  const root = resolveRepoDir(io, dir);
  let report;
  try {
    report = await repositoryStatus(root, { at, env: io.env, cwd: io.cwd, lawLibrary: opts.lawLibrary });
  } catch (e) {
    if (e instanceof LawLibrarySettingError || e instanceof ReviewError) throw new UsageError(e.zh, e.en);
    throw e;
  }
  const text = formatStatus(format, report, lang);
  if (opts.output) writeReport(io, opts.output, text);
  else io.stdout(text);
  return 0;
}
