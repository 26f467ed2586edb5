/**
 * `powerbook laws check-library|show|list|search`: where the library is (--law-library, POWERBOOK_LAW_LIBRARY,
 * powerbook.yaml `law_library:`, the last given wins), opening it, printing what library/report.ts makes of it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import type { Config } from '../domain/types.js';
import { localToday } from '../domain/time.js';
import { CONFIG_FILE } from '../load/repository.js';
import { SourceFile } from '../load/source.js';
import { parseYaml } from '../load/yaml.js';
import { parseIsoDate } from '../library/dates.js';
import type { Library } from '../library/index.js';
import { LAW_LIBRARY_ENV, lawCacheDir, resolveLibraryRoots, type LibraryRoots } from '../pipeline/library.js';
import { PHRASES } from '../diagnostics/citation-messages.js';
import { terminalSafe } from '../diagnostics/message.js';
import { UsageError, type Io } from './io.js';

export interface LawsOptions {
  lawLibrary?: string[];
  dir?: string;
  at?: string;
  limit?: string;
  format?: string;
  cache?: boolean;
  /** list --cited: the laws the repository's powers cite (src/cli/coverage.ts). */
  cited?: boolean;
}

/** The library's roots for a command: an explicit path (check-library PATH), else the settings. */
function libraryRoots(io: Io, root: string, opts: LawsOptions, explicit?: string): LibraryRoots & { source?: SourceFile } {
  if (explicit) return { origin: 'flag', roots: [{ given: explicit, abs: path.resolve(io.cwd, explicit) }] };
  let config: Config | undefined;
  let source: SourceFile | undefined;
  const cfgPath = path.join(root, CONFIG_FILE);
  if (existsSync(cfgPath)) {
    source = new SourceFile(CONFIG_FILE, cfgPath, readFileSync(cfgPath, 'utf8'));
    const diags: Diagnostic[] = [];
    const parsed = parseYaml(source, diags);
    if (parsed.ok && parsed.data && typeof parsed.data === 'object') config = parsed.data as Config;
  }
  const r = resolveLibraryRoots(root, config, io.env, opts.lawLibrary, io.cwd);
  if (!r) {
    throw new UsageError(
      `没有指定法规库：用 --law-library PATH、环境变量 ${LAW_LIBRARY_ENV} 或 powerbook.yaml 的 law_library: 指向 LawRefBook/Laws 的克隆`,
      `No law library given: point --law-library PATH, the environment variable ${LAW_LIBRARY_ENV} or law_library: in powerbook.yaml at a clone of LawRefBook/Laws`);
  }
  return { ...r, ...(source ? { source } : {}) };
}

/** Exit 2 with a plain message naming where the setting came from, for a path that does not exist. */
function checkRoots(r: LibraryRoots & { source?: SourceFile }, explicit: boolean): void {
  for (const root of r.roots) {
    const st = statSync(root.abs, { throwIfNoEntry: false });
    if (st?.isDirectory()) continue;
    rootError(r, root, explicit, st ? { zh: '不是目录', en: 'is not a directory' } : { zh: '不存在', en: 'does not exist' });
  }
}

/** Exit 2 naming where the setting came from: a root that does not exist, is no directory, or holds no law texts. */
function rootError(r: LibraryRoots & { source?: SourceFile }, root: LibraryRoots['roots'][number], explicit: boolean, what: { zh: string; en: string }): never {
  let from: { zh: string; en: string };
  if (explicit) from = { zh: '命令行参数', en: 'the command line' };
    else if (r.origin === 'flag') from = { zh: '--law-library', en: '--law-library' };
    else if (r.origin === 'env') from = { zh: `环境变量 ${LAW_LIBRARY_ENV}`, en: `the environment variable ${LAW_LIBRARY_ENV}` };
    else {
      const at = r.source?.rangeAt(root.index === undefined ? ['law_library'] : ['law_library', root.index]);
      const where = `${CONFIG_FILE}${at ? `:${at.start.line}:${at.start.column}` : ''}`;
      from = { zh: `${where} 的 law_library`, en: `law_library in ${where}` };
    }
    throw new UsageError(`${from.zh} 指定的法规库目录${what.zh}：${root.given}（即 ${root.abs}）`, `The law library given by ${from.en} ${what.en}: ${root.given} (${root.abs})`);
}

/** Where the index is cached: the repository's .powerbook/cache/laws, else the user's cache directory. */
function cacheDirFor(io: Io, root: string): string {
  if (existsSync(path.join(root, CONFIG_FILE))) return lawCacheDir(root);
  const base = io.env.XDG_CACHE_HOME || path.join(io.env.HOME || homedir(), '.cache');
  return path.join(base, 'powerbook', 'laws');
}

async function open(io: Io, opts: LawsOptions, explicit?: string): Promise<Library> {
  const root = path.resolve(io.cwd, opts.dir ?? '.');
  const r = libraryRoots(io, root, opts, explicit);
  checkRoots(r, explicit !== undefined);
  const { openLibrary, LibraryPathError, holdsNoLaws } = await import('../library/index.js');
  try {
    const lib = await openLibrary(r.roots.map((x) => x.abs), opts.cache === false ? {} : { cacheDir: cacheDirFor(io, root) });
    if (holdsNoLaws(lib)) rootError(r, r.roots[0]!, explicit !== undefined, PHRASES.noLaws);
    return lib;
  } catch (e) {
    if (e instanceof LibraryPathError) throw new UsageError(e.zh, e.en);
    throw e;
  }
}

function dateOpt(at: string | undefined): string | undefined {
  if (at === undefined) return undefined;
  const d = parseIsoDate(at);
  if (!d) throw new UsageError(`--at 需要日期，写作 YYYY-MM-DD，而不是"${at}"`, `--at takes a date as YYYY-MM-DD, not "${at}"`);
  return d;
}

function formatOpt(f: string | undefined): 'text' | 'json' {
  if (f === undefined || f === 'text') return 'text';
  if (f === 'json') return 'json';
  throw new UsageError(`--format 只能是 text 或 json，而不是"${f}"`, `--format must be text or json, not "${f}"`);
}

export async function checkLibraryCommand(io: Io, lang: Lang, pathArg: string | undefined, opts: LawsOptions): Promise<number> {
  const format = formatOpt(opts.format);
  const lib = await open(io, opts, pathArg);
  const { checkReport, formatCheck } = await import('../library/report.js');
  const report = checkReport(lib);
  io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : terminalSafe(formatCheck(report, lang)));
  return 0;
}

export async function showCommand(io: Io, lang: Lang, law: string, article: string | undefined, opts: LawsOptions): Promise<number> {
  const format = formatOpt(opts.format);
  const at = dateOpt(opts.at) ?? localToday();
  const lib = await open(io, opts);
  const { show, formatShow } = await import('../library/report.js');
  const r = show(lib, law, article, at);
  io.stdout(format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : terminalSafe(formatShow(r, lang)));
  return r.kind === 'problem' ? 1 : 0;
}

export async function listCommand(io: Io, lang: Lang, opts: LawsOptions): Promise<number> {
  if (opts.cited) return (await import('./coverage.js')).citedCommand(io, lang, opts);
  const format = formatOpt(opts.format);
  const at = dateOpt(opts.at);
  const lib = await open(io, opts);
  const { listReport, formatList } = await import('../library/report.js');
  const entries = listReport(lib, at);
  io.stdout(format === 'json' ? `${JSON.stringify(entries, null, 2)}\n` : terminalSafe(formatList(entries, lang, at)));
  return 0;
}

export async function searchCommand(io: Io, lang: Lang, words: string[], opts: LawsOptions): Promise<number> {
  const format = formatOpt(opts.format);
  const at = dateOpt(opts.at);
  const limit = opts.limit === undefined ? 20 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit 需要正整数，而不是"${opts.limit}"`, `--limit takes a positive whole number, not "${opts.limit}"`);
  const query = words.join(' ');
  if (!query.trim()) throw new UsageError('请给出要搜索的词', 'Give the words to search for');
  const lib = await open(io, opts);
  const { searchReport, formatSearch } = await import('../library/report.js');
  const hits = searchReport(lib, query, { ...(at ? { at } : {}), limit });
  io.stdout(format === 'json' ? `${JSON.stringify(hits, null, 2)}\n` : terminalSafe(formatSearch(hits, query, lang)));
  return hits.length ? 0 : 1;
}
