/**
 * `powerbook build [dir]`: validate (errors stop the build, with the same diagnostics), render the flowcharts, compile
 * the document model, render each requested format, write everything atomically with a manifest.
 */
import path from 'node:path';
import { countBySeverity, makeDiagnostic, type Diagnostic, type Lang } from '../diagnostic.js';
import { readHandDrawn } from '../check/flowcharts.js';
import { buildDocument, creationDate, type FlowchartFigure } from '../document/build.js';
import type { DocumentModel } from '../document/model.js';
import type { Repository } from '../model/repository.js';
import { renderDocxWithReport } from '../render/docx/index.js';
import { FLOWCHART_MIN_FONT_PT, flowchartCacheDir, isFailure, legible, printedFontPt, renderPagedFlowcharts } from '../render/mermaid/index.js';
import { GB9704 } from '../render/profile.js';
import { chromiumPath } from '../render/mermaid/chromium.js';
import { fontFilesFromConfig, renderPdf } from '../render/pdf/index.js';
import { pdfSummary } from '../render/pdf/summary.js';
import { writeSite } from '../render/site/index.js';
import { flowchartSources } from './flowchart-sources.js';
import { renderFailure } from './flowchart.js';
import { UsageError, type Io } from './io.js';
import { gitState, inputHashes, manifest, sha256 } from './manifest.js';
import { progress } from './progress.js';
import { parseStage, printDiagnostics, resolveRepoDir, validateRepository } from './validate.js';
import { VERSION } from './version.js';
import { writeFileAtomic } from './write.js';

export const BUILD_FORMATS = ['docx', 'html', 'pdf'] as const;
export type BuildFormat = (typeof BUILD_FORMATS)[number];

export interface BuildOptions { format?: string; out?: string; stage?: string; cache?: boolean }

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

const utf8 = new TextEncoder();

export interface Compiled {
  model: DocumentModel;
  repo: Repository;
  failures: Diagnostic[];
  /** Flowcharts that print too small to read (a hand-drawn one too large for A4, a generated one too wide). */
  warnings: Diagnostic[];
  flowcharts: { total: number; failed: number };
}

function smallText(file: string, range: { start: { line: number; column: number } }, pt: number, handDrawn: boolean): Diagnostic {
  const size = pt.toFixed(1);
  return makeDiagnostic(file, range, 'flowchart-small-text', 'warning', {
    zh: `权力运行流程图印在 A4 纸上时文字只有约 ${size} 磅，小于 ${FLOWCHART_MIN_FONT_PT} 磅（六号），不易辨认`,
    en: `The flowchart's text prints at about ${size} pt on A4, below ${FLOWCHART_MIN_FONT_PT} pt, and is hard to read`,
    hintZh: handDrawn ? '手绘流程图不会自动分页：精简图中的环节和文字，或删去 flowchart 这一行，改由办理流程（procedure）自动生成流程图（过长时自动分页）' : '缩短环节名称、承办岗位和条件的文字，或减少并列的分支',
    hintEn: handDrawn ? 'A hand-drawn flowchart is not cut into pages: make it smaller, or remove the flowchart line so that one is generated from the procedure (cut into pages when long)' : 'Shorten the step, actor and condition texts, or reduce parallel branches',
  });
}

/** Validation passed: render the flowcharts and compile the model. */
export async function compile(io: Io, repo: Repository, opts: { cache?: boolean; label: string }): Promise<Compiled> {
  const config = repo.config!.data;
  const powers = repo.powers.filter((p) => p.valid);
  const sources = flowchartSources(powers, readHandDrawn(repo, powers, []));
  const bar = progress(io);
  bar.start(sources.length, opts.label);
  let results;
  try {
    // Cut into pages legible on A4 (a long procedure on one page would print its text at 3–5 pt).
    results = await renderPagedFlowcharts(sources.map((s) => s.paged), {
      formats: ['svg', 'png'], executablePath: io.env.POWERBOOK_CHROMIUM || undefined, cacheDir: opts.cache === false ? undefined : flowchartCacheDir(repo.root),
      onProgress: (done, total) => bar.tick(done, total),
    });
  } finally { bar.stop(); }
  const figures = new Map<string, FlowchartFigure[]>();
  const failures: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  // Powers with the same procedure have the same drawing: one copy of it in memory (a large repository has many).
  const drawings = new Map<string, FlowchartFigure>();
  for (const s of sources) {
    const r = results.get(s.id)!;
    if (isFailure(r)) { failures.push(renderFailure(s.power.source.path, s.power.source.rangeAt(['procedure'], { key: true }), r.error)); continue; }
    figures.set(s.id, r.pages.map((page, k) => {
      let figure = drawings.get(r.sources[k]);
      // The SVG as UTF-8 bytes, outside the JS heap (as text, with its Chinese labels, it takes twice the room in it).
      // Plain Uint8Array views, not Buffers: JSON.stringify (the layout's keys) would call a Buffer's toJSON first.
      if (!figure) drawings.set(r.sources[k], (figure = { svg: page.svg === undefined ? undefined : utf8.encode(page.svg), png: page.png ? new Uint8Array(page.png.buffer, page.png.byteOffset, page.png.byteLength) : undefined, width: page.width, height: page.height }));
      return figure;
    }));
    if (!r.pages.every((p) => legible(p.width, p.height))) {
      const smallest = Math.min(...r.pages.map((p) => printedFontPt(p.width, p.height)));
      const at = s.handDrawn ? s.power.source.rangeAt(['flowchart']) : s.power.source.rangeAt(['procedure'], { key: true });
      warnings.push(smallText(s.power.source.path, at, smallest, s.handDrawn));
    }
  }
  const model = buildDocument({
    repo, config, laws: repo.laws.filter((l) => l.valid), powers, rules: repo.rules.filter((r) => r.valid), figures,
    created: creationDate(config, io.env),
  });
  return { model, repo, failures, warnings, flowcharts: { total: sources.length, failed: failures.length } };
}

export async function buildCommand(io: Io, lang: Lang, dir: string | undefined, opts: BuildOptions): Promise<number> {
  const formats = parseFormats(opts.format);
  const stage = parseStage(opts.stage);
  const root = resolveRepoDir(io, dir);
  const en = lang === 'en';
  // PDF needs Chromium: say so at once (one line, exit 2) rather than after validating and drawing.
  if (formats.includes('pdf')) chromiumPath(io.env.POWERBOOK_CHROMIUM || undefined);
  const t0 = Date.now();
  const { repo, diagnostics } = await validateRepository(root, stage);
  const n = countBySeverity(diagnostics);
  if (n.error || !repo.config?.valid) {
    printDiagnostics(io, lang, repo, diagnostics, 'stylish', dir, io.isTTY && !io.env.NO_COLOR);
    io.stderr(en ? `Build stopped: fix the ${n.error} error(s) above first.\n` : `未生成汇编：请先改正上面的 ${n.error} 个错误。\n`);
    return 1;
  }
  if (diagnostics.length) printDiagnostics(io, lang, repo, diagnostics, 'stylish', dir, io.isTTY && !io.env.NO_COLOR);
  const { model, failures, warnings, flowcharts } = await compile(io, repo, { cache: opts.cache, label: en ? 'flowcharts' : '流程图' });
  const outDir = path.resolve(io.cwd, opts.out ?? 'dist');
  const base = outputName(repo.config.data.compendium.title);
  const outputs: { path: string; sha256: string; bytes: number }[] = [];
  const summary: string[] = [];
  for (const format of formats) {
    if (format === 'docx') {
      // The pages of each run of pages are kept (.powerbook/cache/layout), so a rebuild lays out only what changed.
      const layoutCacheDir = opts.cache === false ? undefined : path.join(repo.root, '.powerbook', 'cache', 'layout');
      const { buffer, report } = await renderDocxWithReport(model, { profile: GB9704, ...(layoutCacheDir ? { layoutCacheDir } : {}) });
      const file = path.join(outDir, `${base}.docx`);
      writeFileAtomic(file, buffer);
      outputs.push({ path: path.basename(file), sha256: sha256(buffer), bytes: buffer.length });
      summary.push(en
        ? `  DOCX  ${path.relative(io.cwd, file)}  (${report.pageCount ?? '?'} pages, TOC page numbers ${report.pageNumbers}${report.missingFonts.length ? `; no font file to measure: ${report.missingFonts.join(', ')}` : ''})`
        : `  DOCX  ${path.relative(io.cwd, file)}（约 ${report.pageCount ?? '?'} 页，目录页码：${TOC_ZH[report.pageNumbers]}${report.missingFonts.length ? `；缺少字体文件：${report.missingFonts.join('、')}` : ''}）`);
    }
    if (format === 'pdf') {
      // Chromium prints the same model as HTML (src/render/pdf); the 目录's numbers come from the printed PDF.
      const fonts = fontFilesFromConfig(root, repo.config.data.fonts);
      const { pdf, report } = await renderPdf(model, {
        profile: GB9704, fontFiles: fonts.files, creator: `powerbook ${VERSION}`, executablePath: io.env.POWERBOOK_CHROMIUM || undefined,
      });
      const file = path.join(outDir, `${base}.pdf`);
      writeFileAtomic(file, pdf);
      outputs.push({ path: path.basename(file), sha256: sha256(pdf), bytes: pdf.length });
      summary.push(...pdfSummary(report, path.relative(io.cwd, file), en, fonts.problems));
    }
    if (format === 'html') {
      // The public site: <out>/site/, swapped in atomically; risk points only if compendium.show_risks_in_public.
      const site = writeSite(outDir, model);
      for (const f of site.files) outputs.push({ path: `site/${f.path}`, sha256: sha256(f.data), bytes: Buffer.byteLength(f.data) });
      summary.push(en ? `  HTML  ${path.relative(io.cwd, site.dir)}/  (${site.pages} pages: ${site.powers} powers, ${site.rules} rules)`
        : `  网站  ${path.relative(io.cwd, site.dir)}/（${site.pages} 个页面：职权 ${site.powers} 项，制度 ${site.rules} 项）`);
    }
  }
  const m = manifest({
    created: model.meta.created, repository: gitState(root), stage,
    inputs: inputHashes(repo), outputs,
  });
  writeFileAtomic(path.join(outDir, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  io.stderr((en
    ? [`Built ${model.meta.title} in ${secs} s: ${flowcharts.total - flowcharts.failed}/${flowcharts.total} flowcharts`, ...summary, `  manifest ${path.relative(io.cwd, path.join(outDir, 'manifest.json'))}`]
    : [`已生成《${model.meta.title}》，用时 ${secs} 秒；流程图 ${flowcharts.total - flowcharts.failed}/${flowcharts.total} 个`, ...summary, `  清单  ${path.relative(io.cwd, path.join(outDir, 'manifest.json'))}`]).join('\n') + '\n');
  if (warnings.length) printDiagnostics(io, lang, repo, warnings, 'stylish', dir, io.isTTY && !io.env.NO_COLOR);
  if (failures.length) {
    printDiagnostics(io, lang, repo, failures, 'stylish', dir, io.isTTY && !io.env.NO_COLOR);
    return 1;
  }
  return 0;
}

const TOC_ZH: Record<string, string> = { estimated: '已排好', guessed: '已估算（个别页可能有出入）', blank: '未能计算（在 Word 中更新域即可）', off: '无' };
