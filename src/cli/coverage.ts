/**
 * `powerbook laws coverage` and `powerbook laws list --cited`: the repository (-C) loaded with its law library, then
 * the report of src/check/coverage.ts or the cited laws of src/pipeline/coverage.ts, as text or JSON.
 */
import path from 'node:path';
import type { Lang } from '../diagnostics/diagnostic.js';
import { formatCoverage } from '../check/coverage.js';
import { citedLaws, coverageOf } from '../pipeline/coverage.js';
import { CONFIG_FILE } from '../load/repository.js';
import { existsSync } from 'node:fs';
import { terminalSafe } from '../diagnostics/message.js';
import { UsageError, type Io } from './io.js';
import { resolveRepoDir, validateWithLibrary } from './validate.js';

export interface CoverageOptions {
  lawLibrary?: string[];
  dir?: string;
  format?: string;
  /** --role (repeatable): instead of powerbook.yaml's roles. */
  role?: string[];
}

function format(f: string | undefined): 'text' | 'json' {
  if (f === undefined || f === 'text' || f === 'json') return f ?? 'text';
  throw new UsageError(`--format 只能是 text 或 json，而不是"${f}"`, `--format must be text or json, not "${f}"`);
}

async function load(io: Io, opts: CoverageOptions) {
  const root = resolveRepoDir(io, opts.dir);
  if (!existsSync(path.join(root, CONFIG_FILE))) {
    throw new UsageError(`${opts.dir ?? '.'} 不是制度库（没有 powerbook.yaml）：用 -C 指定制度库目录`, `${opts.dir ?? '.'} is not a rule repository (no powerbook.yaml): give its directory with -C`);
  }
  return validateWithLibrary(io, root, { lawLibrary: opts.lawLibrary });
}

/** 清单遗漏: provisions of the cited texts that name the department's roles and that no power cites. */
export async function coverageCommand(io: Io, lang: Lang, opts: CoverageOptions): Promise<number> {
  const f = format(opts.format);
  const v = await load(io, opts);
  const config = v.repo.config?.valid ? v.repo.config.data : undefined;
  if (!config) throw new UsageError('powerbook.yaml 有错误，先运行 powerbook validate 改正', 'powerbook.yaml has errors: run powerbook validate and fix them first');
  if (opts.role?.length) config.roles = opts.role;
  if (!config.roles?.length) {
    throw new UsageError('没有设置本部门的称谓：在 powerbook.yaml 的 roles: 中列出（如 [商务主管部门]），或用 --role 指定', "No roles: list the department's roles under roles: in powerbook.yaml (e.g. [商务主管部门]) or give --role");
  }
  const report = coverageOf(v);
  io.stdout(f === 'json' ? `${JSON.stringify(report, null, 2)}\n` : terminalSafe(formatCoverage(report, lang === 'en')));
  return 0;
}

/** Which powers cite each law (laws/ files and library texts), with the provisions each cites. */
export async function citedCommand(io: Io, lang: Lang, opts: CoverageOptions): Promise<number> {
  const f = format(opts.format);
  const v = await load(io, opts);
  const laws = citedLaws(v);
  if (f === 'json') { io.stdout(`${JSON.stringify(laws, null, 2)}\n`); return 0; }
  const en = lang === 'en';
  const out: string[] = [];
  for (const l of laws) {
    out.push(`《${l.title}》  ${l.kind === 'library' ? (en ? 'library' : '法规库') : 'laws/'} ${l.source}`);
    for (const c of l.citedBy) out.push(`  ${c.power}  ${c.name}${c.provisions.length ? `  ${c.provisions.join('、')}` : ''}`);
  }
  const powers = new Set(laws.flatMap((l) => l.citedBy.map((c) => c.power)));
  out.push(en ? `${laws.length} law(s) cited by ${powers.size} power(s).` : `共 ${laws.length} 部法律法规，被 ${powers.size} 项职权引用。`);
  io.stdout(terminalSafe(out.join('\n') + '\n'));
  return 0;
}
