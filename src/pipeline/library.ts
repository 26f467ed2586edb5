/**
 * Where the law library is and opening it. Three settings, the last that is given wins: powerbook.yaml `law_library:`
 * (paths relative to the repository), the environment variable POWERBOOK_LAW_LIBRARY (paths relative to the working
 * directory, separated by the platform's path delimiter or commas), `--law-library PATH` (relative to the working
 * directory; repeatable). The index is cached under the repository (.powerbook/cache/laws).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { diagnosticFromPair, type Diagnostic } from '../diagnostics/diagnostic.js';
import { RULE_META } from '../diagnostics/rules.js';
import type { Config } from '../domain/types.js';
import { CONFIG_FILE, readSource, type Loaded } from '../load/repository.js';
import { parseYaml } from '../load/yaml.js';
import type { LawLibrary, OpenLibrary } from '../library/types.js';
import { citationMessage, PHRASES } from '../diagnostics/citation-messages.js';

export const LAW_LIBRARY_ENV = 'POWERBOOK_LAW_LIBRARY';

export type LibraryOrigin = 'flag' | 'env' | 'config';

export interface LibraryRoot {
  /** As written. */
  given: string;
  abs: string;
  /** Index in powerbook.yaml's list (config only; undefined for a single path). */
  index?: number;
}

export interface LibraryRoots { origin: LibraryOrigin; roots: LibraryRoot[] }

/** A library path given on the command line or in the environment that does not exist: a usage error (exit 2). */
export class LawLibrarySettingError extends Error {
  constructor(readonly zh: string, readonly en: string) { super(en); }
}

/** `a:b`, `a;b` (Windows) or `a,b`. */
export function splitPathList(s: string): string[] {
  return s.split(new RegExp(`[${path.delimiter === ';' ? ';' : ':'},]`)).map((x) => x.trim()).filter(Boolean);
}

/** The library's roots as the settings give them (flag > env > config), or undefined when none is set. */
export function resolveLibraryRoots(root: string, config: Pick<Config, 'law_library'> | undefined, env: NodeJS.ProcessEnv = process.env, flag?: readonly string[], cwd = process.cwd()): LibraryRoots | undefined {
  const flagPaths = (flag ?? []).flatMap(splitPathList);
  if (flagPaths.length) return { origin: 'flag', roots: flagPaths.map((given) => ({ given, abs: path.resolve(cwd, given) })) };
  const envPaths = splitPathList(env[LAW_LIBRARY_ENV] ?? '');
  if (envPaths.length) return { origin: 'env', roots: envPaths.map((given) => ({ given, abs: path.resolve(cwd, given) })) };
  const c = config?.law_library;
  if (typeof c === 'string' && c.trim()) return { origin: 'config', roots: [{ given: c, abs: path.resolve(root, c) }] };
  if (Array.isArray(c)) {
    const roots = c.flatMap((given, index) => (typeof given === 'string' && given.trim() ? [{ given, abs: path.resolve(root, given), index }] : []));
    if (roots.length) return { origin: 'config', roots };
  }
  return undefined;
}

/** A path of the environment or the command line that is no directory, said with where it was given. */
function settingError(origin: LibraryOrigin, r: LibraryRoot, what: { zh: string; en: string }): LawLibrarySettingError {
  const from = origin === 'env' ? { zh: `环境变量 ${LAW_LIBRARY_ENV}`, en: `the environment variable ${LAW_LIBRARY_ENV}` } : { zh: '--law-library', en: '--law-library' };
  return new LawLibrarySettingError(`${from.zh} 指定的法规库目录${what.zh}：${r.given}（即 ${r.abs}）`, `The law library given by ${from.en} ${what.en}: ${r.given} (${r.abs})`);
}

function isDir(p: string): boolean {
  try { return existsSync(p) && statSync(p).isDirectory(); } catch { return false; }
}

export interface LoadedLibrary {
  library?: LawLibrary;
  roots?: LibraryRoots;
  /** A library is set but none of its paths could be opened (reported at the setting). */
  unavailable: boolean;
  diagnostics: Diagnostic[];
}

export function lawCacheDir(root: string): string {
  return path.join(root, '.powerbook', 'cache', 'laws');
}

/**
 * Opens the library the settings name. A path of powerbook.yaml that does not exist is a diagnostic at its line (the
 * others are opened); one of the environment or the command line throws LawLibrarySettingError.
 */
export async function loadLibrary(root: string, config: Loaded<Config> | undefined, env: NodeJS.ProcessEnv = process.env, flag?: readonly string[], cwd = process.cwd()): Promise<LoadedLibrary> {
  const settings = resolveLibraryRoots(root, config?.data && typeof config.data === 'object' ? config.data : undefined, env, flag, cwd);
  if (!settings) return { unavailable: false, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const bad = (r: LibraryRoot, why: 'missing' | 'not-dir' | 'no-laws') => {
    const what = why === 'missing' ? PHRASES.missing : why === 'not-dir' ? PHRASES.notDir : PHRASES.noLaws;
    if (settings.origin === 'config') {
      const at = config!.source.rangeAt(r.index === undefined ? ['law_library'] : ['law_library', r.index]);
      diagnostics.push(diagnosticFromPair(config!.source.path, at, 'law-library-path', RULE_META['law-library-path'].severity,
        citationMessage('law-library-path', 'missing', { what, given: r.given, abs: r.abs })));
      return;
    }
    throw settingError(settings.origin, r, what);
  };
  const ok: LibraryRoot[] = [];
  for (const r of settings.roots) {
    if (isDir(r.abs)) ok.push(r);
    else bad(r, existsSync(r.abs) ? 'not-dir' : 'missing');
  }
  if (!ok.length) return { roots: settings, unavailable: true, diagnostics };
  // Loaded only when a library is set: validating without one never pays for the parser.
  const { openLibrary, LibraryPathError, holdsNoLaws } = await import('../library/index.js');
  const open: OpenLibrary = openLibrary;
  try {
    const library = await open(ok.map((r) => r.abs), { cacheDir: lawCacheDir(root) });
    // An empty folder, or one of notes: said at the setting, not as every citation "not in the library".
    if (holdsNoLaws(library)) {
      for (const r of ok) bad(r, 'no-laws');
      return { roots: settings, unavailable: true, diagnostics };
    }
    return { library, roots: settings, unavailable: false, diagnostics };
  } catch (e) {
    // The directory went away between the check and the opening.
    if (e instanceof LibraryPathError) {
      for (const r of ok) if (!isDir(r.abs)) bad(r, existsSync(r.abs) ? 'not-dir' : 'missing');
      return { roots: settings, unavailable: true, diagnostics };
    }
    throw e;
  }
}

/**
 * powerbook.yaml of the repository at `root`, read as the loader reads it (UTF-8, GBK, UTF-16) for its settings
 * (`law_library:`), without the rest of the repository: undefined when it is missing or does not parse (validate says why).
 */
export function readConfigFile(root: string): Loaded<Config> | undefined {
  const abs = path.join(root, CONFIG_FILE);
  if (!existsSync(abs)) return undefined;
  const ignored: Diagnostic[] = [];
  const source = readSource({ rel: CONFIG_FILE, abs }, ignored);
  if (!source) return undefined;
  const parsed = parseYaml(source, ignored);
  if (!parsed.ok || !parsed.data || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) return undefined;
  return { data: parsed.data as Config, source };
}

/** The law library of the repository at `root` (its powerbook.yaml read for `law_library:`), as loadLibrary opens it. */
export async function loadRepositoryLibrary(root: string, env: NodeJS.ProcessEnv = process.env, flag?: readonly string[], cwd = process.cwd()): Promise<LoadedLibrary> {
  return loadLibrary(root, readConfigFile(root), env, flag, cwd);
}

/**
 * A library path of the command line or the environment that does not exist, found before any work (LawLibrarySettingError),
 * for a command that opens the library only when it needs it (`diff`). Nothing is opened.
 */
export function checkLibrarySetting(root: string, env: NodeJS.ProcessEnv = process.env, flag?: readonly string[], cwd = process.cwd()): void {
  const settings = resolveLibraryRoots(root, undefined, env, flag, cwd);
  if (!settings) return;
  for (const r of settings.roots) {
    if (isDir(r.abs)) continue;
    throw settingError(settings.origin, r, existsSync(r.abs) ? PHRASES.notDir : PHRASES.missing);
  }
}
