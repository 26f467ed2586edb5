/** `powerbook flowchart [ids...]`: each power's 权力运行流程图 as Mermaid source, SVG or PNG files. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { countBySeverity, type Diagnostic, type Lang } from '../diagnostics/diagnostic.js';
import { readHandDrawn } from '../flowchart/hand-drawn.js';
import { flowchartCacheDir, isFailure, renderPagedFlowcharts, type PagedOutcome } from '../flowchart/index.js';
import { flowchartSources } from '../flowchart/sources.js';
import { UsageError, type Io } from './io.js';
import { progress } from './progress.js';
import { printDiagnostics, resolveRepo } from './validate.js';
import { renderFailure } from '../flowchart/diagnostics.js';
import { validate } from '../pipeline/index.js';
import { applySeverities } from '../diagnostics/severity.js';
import { writeFileAtomic } from '../util/write.js';

export interface FlowchartOptions { dir?: string; format?: string; out?: string; cache?: boolean; pages?: boolean }

const FORMATS = ['mmd', 'svg', 'png'] as const;
type Format = (typeof FORMATS)[number];

function parseFormats(s: string | undefined): Format[] {
  const list = (s ?? 'svg').split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length || !list.length) throw new UsageError(`--format 只能是 mmd、svg、png（可用逗号连写），不认识：${bad.join('、') || '（空）'}`, `--format must be among mmd, svg, png (comma-separated); unknown: ${bad.join(', ') || '(empty)'}`);
  return [...new Set(list)] as Format[];
}

export async function flowchartCommand(io: Io, lang: Lang, idArgs: string[], opts: FlowchartOptions): Promise<number> {
  const formats = parseFormats(opts.format);
  // `powerbook flowchart examples/x` reads like `validate examples/x`: a first argument that is a directory is the repository.
  let ids = idArgs;
  let dir = opts.dir;
  if (dir === undefined && ids.length && isDirectory(path.resolve(io.cwd, ids[0]))) [dir, ...ids] = ids;
  const { root, base } = resolveRepo(io, dir ?? '.');
  const { repo, diagnostics, lint } = await validate(root, { stage: 'draft' });
  const powers = repo.powers.filter((p) => p.valid);
  const unknown = ids.filter((id) => !powers.some((p) => String(p.data.id) === id));
  if (unknown.length) {
    throw new UsageError(`没有这些职权：${unknown.join('、')}（制度库：${path.relative(io.cwd, root) || '.'}；用 -C 指定其他目录）`,
      `No such power(s): ${unknown.join(', ')} (repository: ${path.relative(io.cwd, root) || '.'}; use -C for another directory)`);
  }
  const chosen = ids.length ? powers.filter((p) => ids.includes(String(p.data.id))) : powers;
  const errors = diagnostics.filter((d) => d.severity === 'error' && chosen.some((p) => p.source.path === d.file));
  if (errors.length) {
    printDiagnostics(io, lang, repo, errors, 'stylish', base, io.isTTY);
    return 1;
  }
  const sources = flowchartSources(chosen, readHandDrawn(repo, chosen, []));
  const out = path.resolve(io.cwd, opts.out ?? 'flowcharts');
  const shownOut = opts.out ?? 'flowcharts';
  const en = lang === 'en';
  const names = (id: string, n: number) => (n === 1 ? [id] : Array.from({ length: n }, (_, k) => `${id}-${k + 1}`));
  const drawn = formats.filter((f): f is 'svg' | 'png' => f !== 'mmd');
  const t0 = Date.now();
  let results = new Map<string, PagedOutcome>();
  if (drawn.length || opts.pages) {
    const bar = progress(io);
    bar.start(sources.length, en ? 'flowcharts' : '流程图');
    try {
      // Pages or not, the whole drawing is one "page" that is never cut.
      results = await renderPagedFlowcharts(sources.map((s) => (opts.pages ? s.paged : { id: s.id, pages: s.source })), {
        formats: drawn.length ? drawn : ['svg'], executablePath: io.env.POWERBOOK_CHROMIUM || undefined, cacheDir: opts.cache === false ? undefined : flowchartCacheDir(root),
        onProgress: (done, total) => bar.tick(done, total),
      });
    } finally { bar.stop(); }
  }
  const failures: Diagnostic[] = [];
  let files = 0;
  for (const s of sources) {
    const r = results.get(s.id);
    if (r && isFailure(r)) {
      failures.push(renderFailure(s.power.source.path, s.power.source.rangeAt(['procedure'], { key: true }), r.error));
      continue;
    }
    const srcs = r ? r.sources : [s.source];
    const base = names(s.id, srcs.length);
    srcs.forEach((src, k) => {
      for (const f of formats) {
        const page = r?.pages[k];
        const data = f === 'mmd' ? src : f === 'svg' ? page!.svg! : page!.png!;
        writeFileAtomic(path.join(out, `${base[k]}.${f}`), data);
        files++;
      }
    });
  }
  const ok = sources.length - failures.length;
  const kinds = formats.map((f) => f.toUpperCase()).join(en ? ', ' : '、');
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  io.stderr(en
    ? `Flowcharts: ${ok} of ${sources.length} written to ${shownOut} as ${kinds} (${files} files${opts.pages ? ', cut into A4 pages' : ''}), ${failures.length} failed (${secs} s)\n`
    : `流程图：${ok}/${sources.length} 个已写到 ${shownOut}（${kinds}，共 ${files} 个文件${opts.pages ? '，按 A4 分页' : ''}），失败 ${failures.length} 个（用时 ${secs} 秒）\n`);
  // powerbook.yaml's `lint:` applies here too: flowchart-render may be set to warning or off.
  const shown = applySeverities(failures, lint);
  if (shown.length) printDiagnostics(io, lang, repo, shown, 'stylish', base, io.isTTY);
  return countBySeverity(shown).error ? 1 : 0;
}

function isDirectory(p: string): boolean {
  try { return existsSync(p) && statSync(p).isDirectory(); } catch { return false; }
}
