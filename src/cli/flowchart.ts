/** `powerbook flowchart [ids...]`: each power's 权力运行流程图 as Mermaid source, SVG or PNG files. */
import path from 'node:path';
import { countBySeverity, makeDiagnostic, type Diagnostic, type Lang } from '../diagnostic.js';
import { readHandDrawn } from '../check/flowcharts.js';
import { flowchartCacheDir, isFailure, renderFlowcharts } from '../render/mermaid/index.js';
import { flowchartSources } from './flowchart-sources.js';
import { UsageError, type Io } from './io.js';
import { progress } from './progress.js';
import { printDiagnostics, resolveRepoDir, validateRepository } from './validate.js';
import { writeFileAtomic } from './write.js';

export interface FlowchartOptions { dir?: string; format?: string; out?: string; cache?: boolean }

export async function flowchartCommand(io: Io, lang: Lang, ids: string[], opts: FlowchartOptions): Promise<number> {
  const format = opts.format ?? 'svg';
  if (!['mmd', 'svg', 'png'].includes(format)) throw new UsageError('--format 只能是 mmd、svg 或 png', '--format must be mmd, svg or png');
  const root = resolveRepoDir(io, opts.dir);
  const { repo, diagnostics } = await validateRepository(root, 'draft');
  const powers = repo.powers.filter((p) => p.valid);
  const unknown = ids.filter((id) => !powers.some((p) => String(p.data.id) === id));
  if (unknown.length) throw new UsageError(`没有这些职权：${unknown.join('、')}`, `No such power(s): ${unknown.join(', ')}`);
  const chosen = ids.length ? powers.filter((p) => ids.includes(String(p.data.id))) : powers;
  const errors = diagnostics.filter((d) => d.severity === 'error' && chosen.some((p) => p.source.path === d.file));
  if (errors.length) {
    printDiagnostics(io, lang, repo, errors, 'stylish', opts.dir, io.isTTY);
    return 1;
  }
  const sources = flowchartSources(chosen, readHandDrawn(repo, chosen, []));
  const out = path.resolve(io.cwd, opts.out ?? 'flowcharts');
  const en = lang === 'en';
  if (format === 'mmd') {
    for (const s of sources) writeFileAtomic(path.join(out, `${s.id}.mmd`), s.source);
    io.stderr(en ? `Wrote ${sources.length} Mermaid sources to ${opts.out ?? 'flowcharts'}\n` : `已写出 ${sources.length} 个 Mermaid 流程图源文件到 ${opts.out ?? 'flowcharts'}\n`);
    return 0;
  }
  const bar = progress(io);
  bar.start(sources.length, en ? 'flowcharts' : '流程图');
  const t0 = Date.now();
  let results;
  try {
    results = await renderFlowcharts(sources.map((s) => ({ id: s.id, source: s.source })), {
      formats: [format as 'svg' | 'png'], executablePath: io.env.POWERBOOK_CHROMIUM || undefined, cacheDir: opts.cache === false ? undefined : flowchartCacheDir(root),
      onProgress: (done, total) => bar.tick(done, total),
    });
  } finally { bar.stop(); }
  const failures: Diagnostic[] = [];
  for (const s of sources) {
    const r = results.get(s.id)!;
    if (isFailure(r)) {
      failures.push(renderFailure(s.power.source.path, s.power.source.rangeAt(['procedure'], { key: true }), r.error));
      continue;
    }
    writeFileAtomic(path.join(out, `${s.id}.${format}`), format === 'svg' ? r.svg! : r.png!);
  }
  const ok = sources.length - failures.length;
  io.stderr(en
    ? `Flowcharts: ${ok} written to ${opts.out ?? 'flowcharts'} as ${format.toUpperCase()}, ${failures.length} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`
    : `流程图：已生成 ${ok} 个 ${format.toUpperCase()} 到 ${opts.out ?? 'flowcharts'}，失败 ${failures.length} 个（用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒）\n`);
  if (failures.length) printDiagnostics(io, lang, repo, failures, 'stylish', opts.dir, io.isTTY);
  return countBySeverity(failures).error ? 1 : 0;
}

export function renderFailure(file: string, range: { start: { line: number; column: number } }, error: string): Diagnostic {
  return makeDiagnostic(file, range, 'flowchart-render', 'error', {
    zh: `权力运行流程图绘制失败：${error}`, en: `The flowchart could not be rendered: ${error}`,
    hintZh: '检查办理流程的环节和标签；如是手绘流程图，先运行 powerbook validate 检查语法', hintEn: 'Check the procedure, or validate the hand-drawn .mmd',
  });
}
