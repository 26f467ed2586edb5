/** `powerbook validate [path]`: arguments in, the pipeline's validate(), diagnostics printed, exit status. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { countBySeverity, type Diagnostic, type Lang } from '../diagnostics/diagnostic.js';
import type { Stage } from '../domain/types.js';
import { isStage, STAGE_IDS, STAGES } from '../check/stages.js';
import { findRepository, type Repository } from '../load/repository.js';
import { filesOf, sourcesOf, validate, type Validated, type ValidateOptions as PipelineValidateOptions } from '../pipeline/index.js';
import { LawLibrarySettingError } from '../pipeline/library.js';
import { FORMATS, formatDiagnostics, type FormatName } from '../diagnostics/format/index.js';
import { UsageError, writeReport, type Io } from './io.js';
import { VERSION } from '../util/version.js';

export interface ValidateOptions {
  stage?: string;
  format?: string;
  maxWarnings?: string;
  color?: boolean;
  output?: string;
  /** --law-library (repeatable). */
  lawLibrary?: string[];
}

export function parseStage(s: string | undefined): Stage {
  const stage = s ?? 'draft';
  if (!isStage(stage)) {
    throw new UsageError(`--stage 只能是 ${STAGES.map((x) => `${x.id}（${x.zh}）`).join('、')}，而不是"${s}"`, `--stage must be one of ${STAGE_IDS.join(', ')}, not "${s}"`);
  }
  return stage;
}

export function resolveRepoDir(io: Io, dir: string | undefined): string {
  const root = path.resolve(io.cwd, dir ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UsageError(`目录不存在：${dir ?? '.'}`, `No such directory: ${dir ?? '.'}`);
  }
  return root;
}

/**
 * What `validate [path]` checks: the repository holding the path (its nearest folder upwards with powerbook.yaml, as git
 * finds its root), and the part of it the path names, whose diagnostics alone are printed. Without a path: the
 * repository holding the current folder, whole. A folder outside any repository is validated as a repository (which
 * then says what is missing); a file outside one is a usage error. `base` prefixes the printed paths so that they
 * open from the current folder.
 */
export function resolveTarget(io: Io, arg: string | undefined): { root: string; scope: string; base: string } {
  const abs = path.resolve(io.cwd, arg ?? '.');
  if (!existsSync(abs)) throw new UsageError(`路径不存在：${arg}`, `No such file or directory: ${arg}`);
  const found = findRepository(abs);
  const isDir = statSync(abs).isDirectory();
  if (!found && !isDir) {
    throw new UsageError(`${arg} 不在制度库中：从它所在的目录往上都找不到 powerbook.yaml`, `${arg} is not in a rule repository: no powerbook.yaml in its folder or above`);
  }
  const root = found?.root ?? abs;
  const scope = arg === undefined ? '' : found?.scope ?? '';
  const rel = path.relative(io.cwd, root);
  const base = arg !== undefined && path.isAbsolute(arg) ? root : rel === '' ? '.' : rel;
  return { root, scope, base };
}

export function printDiagnostics(io: Io, lang: Lang, repo: Repository, diags: Diagnostic[], format: FormatName, dir: string | undefined, color: boolean, output?: string): void {
  const text = formatDiagnostics(format, diags, {
    lang, color: color && !output, sources: sourcesOf(repo, diags), base: dir ?? '.', toolVersion: VERSION,
  });
  if (output) writeReport(io, output, text);
  else io.stdout(text);
}

/** The pipeline's validate(), a library path of --law-library or POWERBOOK_LAW_LIBRARY that does not exist being a usage error. */
export async function validateWithLibrary(io: Io, root: string, opts: PipelineValidateOptions): Promise<Validated> {
  try {
    return await validate(root, { ...opts, env: io.env, cwd: io.cwd });
  } catch (e) {
    if (e instanceof LawLibrarySettingError) throw new UsageError(e.zh, e.en);
    throw e;
  }
}

export async function validateCommand(io: Io, lang: Lang, dir: string | undefined, opts: ValidateOptions): Promise<number> {
  const format = (opts.format ?? 'stylish') as FormatName;
  if (!FORMATS.includes(format)) throw new UsageError(`--format 只能是 ${FORMATS.join('、')}`, `--format must be one of ${FORMATS.join(', ')}`);
  let maxWarnings = -1;
  if (opts.maxWarnings !== undefined) {
    maxWarnings = Number(opts.maxWarnings);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError('--max-warnings 应为非负整数', '--max-warnings must be a non-negative integer');
  }
  const stage = parseStage(opts.stage);
  const { root, scope, base } = resolveTarget(io, dir);
  const { repo, diagnostics } = await validateWithLibrary(io, root, { stage, slim: true, lawLibrary: opts.lawLibrary, scope });
  if (scope && existsSync(path.join(root, scope)) && statSync(path.join(root, scope)).isFile() && !filesOf(repo).has(scope)) {
    throw new UsageError(`${dir} 不是制度库要检查的文件（powerbook.yaml，laws/、powers/ 下的 .yaml，rules/ 下的 .md，及其引用的文件）`,
      `${dir} is not a file the repository's checks read (powerbook.yaml, .yaml under laws/ and powers/, .md under rules/, and the files they reference)`);
  }
  const color = opts.color ?? (io.isTTY && !io.env.NO_COLOR);
  printDiagnostics(io, lang, repo, diagnostics, format, base, color, opts.output);
  const n = countBySeverity(diagnostics);
  if (n.error) return 1;
  if (maxWarnings >= 0 && n.warning > maxWarnings) {
    io.stderr(lang === 'en' ? `Too many warnings: ${n.warning} (max ${maxWarnings})\n` : `警告过多：${n.warning} 个（上限 ${maxWarnings} 个）\n`);
    return 1;
  }
  return 0;
}
