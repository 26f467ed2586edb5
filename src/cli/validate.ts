/** `powerbook validate [dir]`: load, check, format, exit status. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareDiagnostics, countBySeverity, type Diagnostic, type Lang } from '../diagnostic.js';
import { checkHandDrawn, readHandDrawn } from '../check/flowcharts.js';
import { checkRepository } from '../check/index.js';
import { loadRepository } from '../load/repository.js';
import type { Repository, Stage } from '../model/repository.js';
import { FORMATS, formatDiagnostics, type FormatName } from '../format/index.js';
import { UsageError, type Io } from './io.js';
import { VERSION } from './version.js';
import { writeFileAtomic } from './write.js';

export interface ValidateOptions {
  stage?: string;
  format?: string;
  maxWarnings?: string;
  color?: boolean;
  output?: string;
}

export const STAGES: readonly Stage[] = ['draft', 'review', 'submit'];

export function parseStage(s: string | undefined): Stage {
  const stage = (s ?? 'draft') as Stage;
  if (!STAGES.includes(stage)) throw new UsageError(`--stage 只能是 draft、review 或 submit，而不是"${s}"`, `--stage must be draft, review or submit, not "${s}"`);
  return stage;
}

export function resolveRepoDir(io: Io, dir: string | undefined): string {
  const root = path.resolve(io.cwd, dir ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UsageError(`目录不存在：${dir ?? '.'}`, `No such directory: ${dir ?? '.'}`);
  }
  return root;
}

export interface Validated { repo: Repository; diagnostics: Diagnostic[] }

/** `slim`: keep of each power only what validation needs (see LoadOptions); not for a build, which needs all of it. */
export async function validateRepository(root: string, stage: Stage, opts: { slim?: boolean } = {}): Promise<Validated> {
  const { repo, diagnostics } = await loadRepository(root, opts);
  const diags = checkRepository(repo, diagnostics, { stage });
  const extra: Diagnostic[] = [];
  const handDrawn = readHandDrawn(repo, repo.powers.filter((p) => p.valid), extra);
  await checkHandDrawn(handDrawn, extra);
  for (const h of handDrawn.values()) repo.texts.set(h.file.path, h.file);
  return { repo, diagnostics: extra.length ? [...diags, ...extra].sort(compareDiagnostics) : diags };
}

/** The text of each file that has a diagnostic, for code frames (only those: a file's text may have to be read again). */
export function sourcesOf(repo: Repository, diags: readonly Diagnostic[]): Map<string, string> {
  const wanted = new Set(diags.map((d) => d.file));
  const m = new Map<string, string>();
  const add = (path: string, text: () => string) => { if (wanted.has(path) && !m.has(path)) m.set(path, text()); };
  if (repo.config) { const s = repo.config.source; add(s.path, () => s.text); }
  for (const x of [...repo.laws, ...repo.powers, ...repo.rules]) add(x.source.path, () => x.source.text);
  for (const t of repo.texts.values()) add(t.path, () => t.text);
  return m;
}

export function printDiagnostics(io: Io, lang: Lang, repo: Repository, diags: Diagnostic[], format: FormatName, dir: string | undefined, color: boolean, output?: string): void {
  const text = formatDiagnostics(format, diags, {
    lang, color: color && !output, sources: sourcesOf(repo, diags), base: dir ?? '.', toolVersion: VERSION,
  });
  if (output) writeFileAtomic(path.resolve(io.cwd, output), text);
  else io.stdout(text);
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
  const root = resolveRepoDir(io, dir);
  const { repo, diagnostics } = await validateRepository(root, stage, { slim: true });
  const color = opts.color ?? (io.isTTY && !io.env.NO_COLOR);
  printDiagnostics(io, lang, repo, diagnostics, format, dir, color, opts.output);
  const n = countBySeverity(diagnostics);
  if (n.error) return 1;
  if (maxWarnings >= 0 && n.warning > maxWarnings) {
    io.stderr(lang === 'en' ? `Too many warnings: ${n.warning} (max ${maxWarnings})\n` : `警告过多：${n.warning} 个（上限 ${maxWarnings} 个）\n`);
    return 1;
  }
  return 0;
}
