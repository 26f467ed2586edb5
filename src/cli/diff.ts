/**
 * `powerbook diff [BASE] [HEAD]`: arguments in, review's diffRevisionsWithLibrary() (the law library of the repository's
 * powerbook.yaml, POWERBOOK_LAW_LIBRARY or --law-library, opened through the pipeline when the compendium dates
 * differ), the report printed or written.
 */
import type { Lang } from '../diagnostics/diagnostic.js';
import { checkLibrarySetting, LawLibrarySettingError, loadRepositoryLibrary } from '../pipeline/library.js';
import { diffRevisionsWithLibrary } from '../review/diff.js';
import { terminalSafe } from '../diagnostics/message.js';
import { DIFF_FORMATS, formatDiff, type DiffFormat } from '../review/format/index.js';
import { ReviewError } from '../review/git.js';
import { changeCount } from '../review/format/words.js';
import { UsageError, writeReport, type Io } from './io.js';
import { resolveRepoDir } from './validate.js';

export interface DiffCliOptions { dir?: string; format?: string; output?: string; exitCode?: boolean; maxChars?: string; color?: boolean; lawLibrary?: string[] }

/** A copy of plain data with every string passed through terminalSafe. */
function safeStrings<T>(v: T): T {
  if (typeof v === 'string') return terminalSafe(v) as T;
  if (Array.isArray(v)) return v.map(safeStrings) as T;
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, safeStrings(x)])) as T;
  }
  return v;
}

export async function diffCommand(io: Io, lang: Lang, base: string | undefined, head: string | undefined, opts: DiffCliOptions): Promise<number> {
  const format = (opts.format ?? 'text') as DiffFormat;
  if (!DIFF_FORMATS.includes(format)) throw new UsageError(`--format 只能是 ${DIFF_FORMATS.join('、')}`, `--format must be one of ${DIFF_FORMATS.join(', ')}`);
  let maxChars: number | undefined;
  if (opts.maxChars !== undefined) {
    maxChars = Number(opts.maxChars);
    if (!Number.isInteger(maxChars) || maxChars < 1000) throw new UsageError('--max-chars 应为不小于 1000 的整数', '--max-chars must be an integer of at least 1000');
  }
  const root = resolveRepoDir(io, opts.dir);
  const library = async () => {
    const lib = await loadRepositoryLibrary(root, io.env, opts.lawLibrary, io.cwd);
    if (!lib.roots) return undefined;
    if (lib.library) return { library: lib.library };
    // A law_library of powerbook.yaml that does not exist: said in the report, and on stderr where it is.
    const d = lib.diagnostics[0];
    if (!d) return { problem: { zh: '法规库无法打开', en: 'the law library could not be opened' } };
    io.stderr(`powerbook: ${d.file}:${d.start.line}:${d.start.column} ${lang === 'en' ? d.messageEn : d.message}\n`);
    return { problem: { zh: d.message, en: d.messageEn } };
  };
  let d;
  try {
    checkLibrarySetting(root, io.env, opts.lawLibrary, io.cwd);
    d = await diffRevisionsWithLibrary(root, { base, head, env: io.env, library });
  } catch (e) {
    if (e instanceof ReviewError || e instanceof LawLibrarySettingError) throw new UsageError(e.zh, e.en);
    throw e;
  }
  const color = opts.color ?? (io.isTTY && !io.env.NO_COLOR);
  // Names and texts come from the repository's files (a YAML "\e]0;…\a" escape holds no raw control character for
  // validate to find): on a terminal, in a PR comment, they show as U+FFFD; JSON keeps them as they are.
  const text = formatDiff(format, format === 'json' ? d : safeStrings(d), { lang, color: color && !opts.output, maxChars });
  if (opts.output) writeReport(io, opts.output, text);
  else io.stdout(text);
  // A file that could not be compared may have changed: --exit-code says so.
  return opts.exitCode && changeCount(d) ? 1 : 0;
}

