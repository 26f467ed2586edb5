/** Small rule repositories whose powers cite the real law library (../shared/laws-lib), one power per legal basis. */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';

/** The library: the texts of LawRefBook/Laws as departments clone it, beside this project. */
export const LIBRARY = path.resolve('../shared/laws-lib');

/**
 * The library's index, shared by the tests' repositories (each links its .powerbook/cache/laws here): indexing the
 * whole library once, not once per repository. Kept between runs, like a department's cache.
 */
export const SHARED_CACHE = path.join(os.tmpdir(), 'powerbook-test-law-index');

export function shareCache(dir: string): void {
  mkdirSync(SHARED_CACHE, { recursive: true });
  mkdirSync(path.join(dir, '.powerbook', 'cache'), { recursive: true });
  const link = path.join(dir, '.powerbook', 'cache', 'laws');
  if (!existsSync(link)) symlinkSync(SHARED_CACHE, link, 'dir');
}

/**
 * Opens the library once with the cache of `dir` (default: the shared one), so that the index is built before the tests
 * run (a cold build of the whole library can outlast a test's time limit on a busy machine). For a beforeAll with a
 * long timeout.
 */
export async function warmLibrary(cacheDir = SHARED_CACHE, roots = [LIBRARY]): Promise<void> {
  const { openLibrary } = await import('../../src/library/index.js');
  await openLibrary(roots, { cacheDir });
}

/** A legal basis as YAML (a flow mapping's inside), e.g. `law: 行政许可法, article: 42`. */
export type Basis = string;

export interface RepoOptions {
  date?: string;
  /** The law_library line (default: the library's absolute path); null for none. */
  library?: string | string[] | null;
  roles?: string[];
  quote?: boolean;
  /** Extra laws/*.yaml files by id. */
  laws?: Record<string, string>;
}

function yamlString(s: string): string { return JSON.stringify(s); }

/** A repository with one power per basis: powers/XK-001.yaml cites bases[0], XK-002 bases[1], … (each on line 8). */
export function citingRepo(bases: Basis[], opts: RepoOptions = {}, dir = tempDir('pb-cite-')): string {
  const lib = opts.library === undefined ? LIBRARY : opts.library;
  const config = [
    'department: { name: 测试县商务局 }',
    `compendium: { title: 测试县商务局规范权力运行制度汇编, date: ${opts.date ?? '2025-11-20'}${opts.quote ? ', quote_legal_bases: true' : ''} }`,
    ...(lib === null ? [] : [`law_library: ${Array.isArray(lib) ? `[${lib.map(yamlString).join(', ')}]` : yamlString(lib)}`]),
    ...(opts.roles ? [`roles: [${opts.roles.join(', ')}]`] : []),
  ];
  writeFileSync(path.join(dir, 'powerbook.yaml'), config.join('\n') + '\n');
  mkdirSync(path.join(dir, 'powers'), { recursive: true });
  bases.forEach((b, i) => {
    const id = `XK-${String(i + 1).padStart(3, '0')}`;
    writeFileSync(path.join(dir, 'powers', `${id}.yaml`), [
      `id: ${id}`,
      `name: 测试事项${i + 1}`,
      'category: 行政许可',
      'body: 测试县商务局',
      'unit: 市场科',
      'procedure: { steps: [{ id: accept, name: 受理, actor: 窗口 }] }',
      'legal_bases:',
      `  - { ${b} }`,
      // The facts stage review requires (check/stages.ts), so that only the citation speaks.
      'fees: { charged: false }',
      'time_limit: { statutory: 未规定 }',
      '',
    ].join('\n'));
  });
  shareCache(dir);
  if (opts.laws) {
    mkdirSync(path.join(dir, 'laws'), { recursive: true });
    for (const [id, text] of Object.entries(opts.laws)) writeFileSync(path.join(dir, 'laws', `${id}.yaml`), text);
  }
  return dir;
}

export interface Diag { file: string; line: number; column: number; rule: string; severity: string; message: string; messageEn: string; hint?: string }

/** `powerbook validate --format json` in-process, in the repository's directory (with `env` and extra arguments). */
export async function check(dir: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; diags: Diag[]; stderr: string; stdout: string }> {
  const r = await cli(['validate', '.', '--format', 'json', ...extra], { env, cwd: dir });
  let diags: Diag[] = [];
  try { diags = r.stdout ? JSON.parse(r.stdout) as Diag[] : []; } catch { /* not JSON: a usage error */ }
  return { code: r.code, diags, stderr: r.stderr, stdout: r.stdout };
}

/** The diagnostics of power i (0-based) in the repository. */
export function of(diags: Diag[], i: number): Diag[] {
  const id = `XK-${String(i + 1).padStart(3, '0')}`;
  return diags.filter((d) => d.file === `powers/${id}.yaml`);
}
