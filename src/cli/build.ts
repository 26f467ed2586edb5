/**
 * `powerbook build [dir]`: arguments in; the pipeline validates (errors stop the build, with the same diagnostics),
 * compiles the model and runs each format's backend; the files are written atomically with a manifest.
 */
import path from 'node:path';
import { countBySeverity, type Lang } from '../diagnostics/diagnostic.js';
import { applySeverities } from '../diagnostics/severity.js';
import { chromiumPath } from '../browser/chromium.js';
import { gitState, inputHashes, manifest } from '../pipeline/manifest.js';
import { BACKENDS, BUILD_FORMATS, compile, outDirProblem, validate, writeOutputs, type BuildFormat, type OutDirProblem, type RenderOutcome } from '../pipeline/index.js';
import { outDirError, UsageError, type Io } from './io.js';
import { progress } from './progress.js';
import { parseStage, printDiagnostics, resolveRepo, validateWithLibrary } from './validate.js';

export { BUILD_FORMATS, type BuildFormat };

export interface BuildOptions { format?: string; out?: string; stage?: string; cache?: boolean; lawLibrary?: string[] }

export function parseFormats(s: string | undefined): BuildFormat[] {
  const list = (s ?? 'docx').split(',').map((x) => x.trim()).filter(Boolean);
  const bad = list.filter((f) => !(BUILD_FORMATS as readonly string[]).includes(f));
  if (bad.length || !list.length) throw new UsageError(`--format 只能是 ${BUILD_FORMATS.join('、')}（可用逗号连写）`, `--format must be among ${BUILD_FORMATS.join(', ')} (comma-separated)`);
  return [...new Set(list)] as BuildFormat[];
}

/** A file name from the compendium's title, safe on Windows and Linux. */
export function outputName(title: string): string {
  return title.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 120) || 'compendium';
}

export async function buildCommand(io: Io, lang: Lang, dir: string | undefined, opts: BuildOptions): Promise<number> {
  const formats = parseFormats(opts.format);
  const stage = parseStage(opts.stage);
  const { root, base, walked } = resolveRepo(io, dir);
  // Where the outputs go is checked before any work: a file in the way is said at once, not after the rendering.
  const outDir = opts.out !== undefined ? path.resolve(io.cwd, opts.out) : walked ? path.join(root, 'dist') : path.resolve(io.cwd, 'dist');
  const bad = outDirProblem(outDir);
  if (bad) throw outDirError(bad, opts.out ?? 'dist');
  const en = lang === 'en';
  const color = io.isTTY && !io.env.NO_COLOR;
  // PDF needs Chromium: say so at once (one line, exit 2) rather than after validating and drawing.
  if (formats.includes('pdf')) chromiumPath(io.env.POWERBOOK_CHROMIUM || undefined);
  const t0 = Date.now();
  const validated = await validateWithLibrary(io, root, { stage, lawLibrary: opts.lawLibrary });
  const { repo, diagnostics, lint, library } = validated;
  const n = countBySeverity(diagnostics);
  if (n.error || !repo.config?.valid) {
    printDiagnostics(io, lang, repo, diagnostics, 'stylish', base, color);
    io.stderr(en ? `Build stopped: fix the ${n.error} error(s) above first.\n` : `未生成汇编：请先改正上面的 ${n.error} 个错误。\n`);
    return 1;
  }
  if (diagnostics.length) printDiagnostics(io, lang, repo, diagnostics, 'stylish', base, color);
  // 修订说明 against compendium.revision_base (git): before drawing anything, so that a missing revision stops at once.
  let revisions;
  if (repo.config.data.compendium.revision_base) {
    const { revisionNotesFor } = await import('../review/notes.js');
    const r = revisionNotesFor(repo, io.env);
    const found = applySeverities(r.diagnostics, lint);
    if (found.length) printDiagnostics(io, lang, repo, found, 'stylish', base, color);
    if (countBySeverity(found).error) {
      io.stderr(en ? 'Build stopped: the revision notes could not be made (see above).\n' : '未生成汇编：无法生成修订说明（见上）。\n');
      return 1;
    }
    revisions = r.notes;
  }
  const bar = progress(io);
  bar.start(repo.powers.length, en ? 'flowcharts' : '流程图');
  let compiled;
  try {
    compiled = await compile(repo, { cache: opts.cache, env: io.env, lint, library, png: formats.includes('docx'), onProgress: (done, total) => bar.tick(done, total), ...(revisions ? { revisions } : {}) });
  } finally { bar.stop(); }
  const { model, failures, warnings, flowcharts } = compiled;
  const ctx = { repo, env: io.env, cache: opts.cache, base: outputName(repo.config.data.compendium.title) };
  const outcomes: RenderOutcome[] = [];
  for (const format of formats) outcomes.push(await BACKENDS[format](model, ctx));
  // 清单遗漏: the provisions naming the department's roles (powerbook.yaml roles:) that no power cites.
  const cov = (await import('../pipeline/coverage.js')).coverageOutcome(validated);
  if (cov) outcomes.push(cov);
  const repository = gitState(root), inputs = inputHashes(repo);
  await writeOutputs(outDir, outcomes, (outputs) => ({
    path: 'manifest.json', data: JSON.stringify(manifest({ created: model.meta.created, repository, stage, inputs, outputs }), null, 2) + '\n',
  }));
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const shown = path.relative(io.cwd, outDir) || '.';
  const summary = outcomes.flatMap((o) => (en ? o.summary.en : o.summary.zh)).map((l) => (l.startsWith(' ') ? l : `  ${l}`));
  io.stderr((en
    ? [`Built ${model.meta.title} in ${secs} s: ${flowcharts.total - flowcharts.failed}/${flowcharts.total} flowcharts, in ${shown}/`, ...summary, `  manifest manifest.json`]
    : [`已生成《${model.meta.title}》，用时 ${secs} 秒；流程图 ${flowcharts.total - flowcharts.failed}/${flowcharts.total} 个；输出目录 ${shown}/`, ...summary, `  清单  manifest.json`]).join('\n') + '\n');
  if (warnings.length) printDiagnostics(io, lang, repo, warnings, 'stylish', base, color);
  if (failures.length) {
    printDiagnostics(io, lang, repo, failures, 'stylish', base, color);
    return countBySeverity(failures).error ? 1 : 0;
  }
  return 0;
}

/** A plain message for an output folder that cannot be written: which path is in the way and what to do. */
