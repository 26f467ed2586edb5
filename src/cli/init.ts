/** `powerbook init [dir]`: a new rule repository from templates/repo, with the schemas for editor hints. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../diagnostics/diagnostic.js';
import { localToday } from '../domain/time.js';
import { SCHEMA_KINDS, schemaPath } from '../check/schema.js';
import type { Io } from './io.js';
import { writeFileAtomic } from '../util/write.js';

const TEMPLATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates/repo');

/** Template files, relative, sorted. `gitignore` is stored without its dot so that npm packs it. */
function templateFiles(dir = TEMPLATE_DIR, prefix = ''): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const abs = path.join(dir, name);
    return statSync(abs).isDirectory() ? templateFiles(abs, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/**
 * The new repository's plan, counted from the day of `init` so that no stage date is already past: the work plan's
 * rhythm (株洲: drafting from July, legality review by 31 October, deliberation, submission by 30 November, publication
 * by 31 January) as offsets in days. The department replaces them with its own plan's dates.
 */
export function initialPlan(today: string): Record<'draft_by' | 'legality_review_by' | 'deliberation_by' | 'submit_by' | 'publish_by' | 'date', string> {
  const at = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return { draft_by: at(60), legality_review_by: at(90), deliberation_by: at(105), submit_by: at(120), publish_by: at(180), date: at(110) };
}

/**
 * `package`: where CI installs powerbook from (an npm install spec: a git URL, a .tgz URL or a package name). Without
 * it the CI files take it from a variable of the CI (POWERBOOK_PACKAGE) and fail with a plain message when it is
 * not set: powerbook is not on the npm registry, and a bare name there could be anyone's package.
 */
export function initCommand(io: Io, lang: Lang, dirArg: string, opts: { department?: string; force?: boolean; package?: string; today?: string }): number {
  const root = path.resolve(io.cwd, dirArg);
  const today = opts.today ?? localToday();
  const plan = initialPlan(today);
  const vars: Record<string, string> = {
    department: opts.department ?? '某某市某某局',
    parent: '某某市人民政府',
    today,
    ...plan,
    // JSON strings are YAML double-quoted strings: any spec is written safely.
    package_github: opts.package ? JSON.stringify(opts.package) : '${{ vars.POWERBOOK_PACKAGE }}',
    package_gitlab: JSON.stringify(opts.package ?? ''),
  };
  const written: string[] = [];
  const skipped: string[] = [];
  const put = (rel: string, data: string | Buffer) => {
    const target = path.join(root, rel);
    if (existsSync(target) && !opts.force) { skipped.push(rel); return; }
    writeFileAtomic(target, data);
    written.push(rel);
  };
  for (const rel of templateFiles()) {
    const text = readFileSync(path.join(TEMPLATE_DIR, rel), 'utf8').replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k] ?? m);
    put(rel === 'gitignore' ? '.gitignore' : rel, text);
  }
  for (const kind of SCHEMA_KINDS) put(`schemas/${kind}.schema.json`, readFileSync(schemaPath(kind)));
  const en = lang === 'en';
  for (const f of written) io.stdout(`  + ${f}\n`);
  for (const f of skipped) io.stdout(`  = ${f}${en ? ' (exists, kept; --force overwrites)' : '（已存在，未覆盖；--force 可覆盖）'}\n`);
  io.stderr(en
    ? `Created a rule repository in ${dirArg}. Next: edit powerbook.yaml, then run: powerbook validate ${dirArg}\n`
    : `已在 ${dirArg} 新建制度库。下一步：修改 powerbook.yaml，然后运行 powerbook validate ${dirArg}\n`);
  return 0;
}
