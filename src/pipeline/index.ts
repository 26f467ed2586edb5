/**
 * The pipeline, as a library: what every command (validate, build, flowchart, laws, import/export, diff, status,
 * rollup) calls. It may import every layer below it; the CLI only parses arguments, calls these and prints.
 *
 *   validate(root)  load (files → parsed sources) → check (schema, rules) → hand-drawn flowcharts → diagnostics
 *   compile(repo)   flowcharts drawn (cache) → the document model
 *   render(model)   one backend per format (BACKENDS): DOCX, PDF, HTML site
 */
import type { FileBytes } from '../util/file-bytes.js';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/message.js';
import { applySeverities, parseLint, type LintSettings } from '../diagnostics/severity.js';
import { checkRepository } from '../check/index.js';
import { loadRepository } from '../check/load.js';
import type { Stage } from '../domain/types.js';
import { GB9704 } from '../domain/profile.js';
import { inForce } from '../domain/power.js';
import { CONFIG_FILE, inScope, readSource, type Repository } from '../load/repository.js';
import { parseYaml } from '../load/yaml.js';
import { checkSchema } from '../check/schema.js';
import { existsSync } from 'node:fs';
import { buildDocument, creationDate, type FlowchartFigure } from '../document/build.js';
import type { DocumentModel } from '../document/model.js';
import type { RevisionNotes } from '../document/revisions.js';
import { renderFailure, smallText } from '../flowchart/diagnostics.js';
import { checkHandDrawn, readHandDrawn } from '../flowchart/hand-drawn.js';
import { flowchartCacheDir, isFailure, legible, printedFontPt, renderPagedFlowcharts } from '../flowchart/index.js';
import { flowchartSources } from '../flowchart/sources.js';
import { VERSION } from '../util/version.js';
import type { LawLibrary } from '../library/types.js';
import { loadLibrary } from './library.js';
import path from 'node:path';
import { writeStaged, type Listed } from './output.js';
export { outDirProblem, type OutDirProblem } from '../util/outdir.js';

export interface Validated {
  repo: Repository;
  diagnostics: Diagnostic[];
  /** powerbook.yaml's `lint:` settings, for the diagnostics of later stages (build). */
  lint: LintSettings;
  /** The law library, when one is set and could be opened (for the compendium's quotes and law index). */
  library?: LawLibrary;
}

export interface ValidateOptions {
  stage?: Stage;
  /** Keep of each power only what validation needs (see check/file.ts); not for a build, which needs all of it. */
  slim?: boolean;
  /** `--law-library`: the law library's paths (relative to `cwd`); wins over POWERBOOK_LAW_LIBRARY and law_library. */
  lawLibrary?: string[];
  /** For POWERBOOK_LAW_LIBRARY (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** What `--law-library` and POWERBOOK_LAW_LIBRARY paths are relative to (default process.cwd()). */
  cwd?: string;
  /**
   * Only the diagnostics of this file or folder of the repository (a path relative to the root, forward slashes):
   * the whole repository is still loaded and checked, so that references from and to the rest resolve.
   */
  scope?: string;
}

/**
 * Loads and checks the repository at `root`. Never throws for bad content: every problem is a diagnostic. Throws
 * LawLibrarySettingError (pipeline/library.ts) for a library path of the command line or environment that does not exist.
 */
export async function validate(root: string, opts: ValidateOptions = {}): Promise<Validated> {
  const stage = opts.stage ?? 'draft';
  return (await validateStages(root, [stage], opts)).get(stage)!;
}

/**
 * validate() at each of `stages` over ONE load of the repository (`powerbook status`: every stage of the plan): the
 * same diagnostics as `validate(root, { stage })` for each, the files read and parsed once.
 */
export async function validateStages(root: string, stages: readonly Stage[], opts: Omit<ValidateOptions, 'stage'> = {}): Promise<Map<Stage, Validated>> {
  const { repo, diagnostics } = await loadRepository(root, { slim: opts.slim });
  const lib = await loadLibrary(repo.root, repo.config, opts.env ?? process.env, opts.lawLibrary, opts.cwd ?? process.cwd());
  const loaded = lib.diagnostics.length ? [...diagnostics, ...lib.diagnostics] : diagnostics;
  const checked = new Map<Stage, Diagnostic[]>();
  for (const stage of stages) {
    if (!checked.has(stage)) checked.set(stage, checkRepository(repo, loaded, { stage, ...(lib.library ? { library: lib.library } : {}), ...(lib.unavailable ? { libraryUnavailable: true } : {}) }));
  }
  const lint = parseLint(repo.config?.valid ? (repo.config.data.lint as Record<string, unknown> | undefined) : undefined).settings;
  const extra: Diagnostic[] = [];
  const handDrawn = readHandDrawn(repo, repo.powers.filter((p) => p.valid), extra);
  await checkHandDrawn(handDrawn, extra);
  for (const h of handDrawn.values()) repo.texts.set(h.file.path, h.file);
  const more = applySeverities(extra, lint);
  const out = new Map<Stage, Validated>();
  const scope = opts.scope ?? '';
  for (const [stage, diags] of checked) {
    const all = more.length ? [...diags, ...more].sort(compareDiagnostics) : diags;
    out.set(stage, { repo, lint, diagnostics: scope ? all.filter((d) => inScope(d.file, scope)) : all, ...(lib.library ? { library: lib.library } : {}) });
  }
  return out;
}

/**
 * powerbook.yaml's `lint:` settings of the repository at `root`, as validate applies them (only from a powerbook.yaml
 * that parses and matches its schema), without loading the rest of the repository. Empty when there is none.
 */
export function configuredLint(root: string): LintSettings {
  const abs = path.join(root, CONFIG_FILE);
  if (!existsSync(abs)) return new Map();
  const diags: Diagnostic[] = [];
  const source = readSource({ rel: CONFIG_FILE, abs }, diags);
  if (!source) return new Map();
  const parsed = parseYaml(source, diags);
  if (!parsed.ok || !checkSchema('config', parsed.data, source, diags)) return new Map();
  return parseLint((parsed.data as { lint?: Record<string, unknown> }).lint).settings;
}

/** The paths of every file validate read (powerbook.yaml, laws/, powers/, rules/, the preface, hand-drawn .mmd files). */
export function filesOf(repo: Repository): Set<string> {
  const out = new Set<string>();
  if (repo.config) out.add(repo.config.source.path);
  for (const x of [...repo.laws, ...repo.powers, ...repo.rules]) out.add(x.source.path);
  for (const t of repo.texts.values()) out.add(t.path);
  return out;
}

/** The text of each file that has a diagnostic, for code frames (only those: a file's text may have to be read again). */
export function sourcesOf(repo: Repository, diags: readonly Diagnostic[]): Map<string, string> {
  const wanted = new Set(diags.map((d) => d.file));
  const m = new Map<string, string>();
  const add = (p: string, text: () => string) => { if (wanted.has(p) && !m.has(p)) m.set(p, text()); };
  if (repo.config) { const s = repo.config.source; add(s.path, () => s.text); }
  for (const x of [...repo.laws, ...repo.powers, ...repo.rules]) add(x.source.path, () => x.source.text);
  for (const t of repo.texts.values()) add(t.path, () => t.text);
  return m;
}

export interface Compiled {
  model: DocumentModel;
  repo: Repository;
  failures: Diagnostic[];
  /** Flowcharts that print too small to read (a hand-drawn one too large for A4, a generated one too wide). */
  warnings: Diagnostic[];
  flowcharts: { total: number; failed: number };
}

export interface CompileOptions {
  /** false: draw every flowchart again (no cache). */
  cache?: boolean;
  env?: NodeJS.ProcessEnv;
  lint?: LintSettings;
  /**
   * The law library validate() opened: cited texts' titles, quotes (compendium.quote_legal_bases) and the law index.
   * Not given: opened again from powerbook.yaml and POWERBOOK_LAW_LIBRARY (the index is cached).
   */
  library?: LawLibrary;
  onProgress?(done: number, total: number): void;
  /**
   * false: the flowcharts' PNGs are not drawn nor read from the cache (only the DOCX shows them, as the fallback of its
   * SVGs: a build of the PDF or the site alone does not hold a thousand of them in memory).
   */
  png?: boolean;
  /** 修订说明 for the appendix (compendium.revision_base), made by review/notes.ts. */
  revisions?: RevisionNotes;
}

const utf8 = new TextEncoder();

/** Validation passed: draw the flowcharts (cut into pages legible on A4) and compile the document model. */
export async function compile(repo: Repository, opts: CompileOptions = {}): Promise<Compiled> {
  const env = opts.env ?? process.env;
  const config = repo.config!.data;
  const library = opts.library ?? (await loadLibrary(repo.root, repo.config, env)).library;
  const powers = repo.powers.filter((p) => p.valid);
  // A power 暂停 or 取消 has no flowchart in the compendium (it is listed in the 取消、暂停事项 table): none drawn.
  const drawn = powers.filter((p) => inForce(p.data));
  const sources = flowchartSources(drawn, readHandDrawn(repo, drawn, []));
  const results = await renderPagedFlowcharts(sources.map((s) => s.paged), {
    formats: opts.png === false ? ['svg'] : ['svg', 'png'], pngInFile: true, executablePath: env.POWERBOOK_CHROMIUM || undefined, cacheDir: opts.cache === false ? undefined : flowchartCacheDir(repo.root),
    onProgress: opts.onProgress,
  });
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
      if (!figure) drawings.set(r.sources[k], (figure = { svg: page.svg === undefined ? undefined : utf8.encode(page.svg), png: page.pngFile ?? (page.png ? new Uint8Array(page.png.buffer, page.png.byteOffset, page.png.byteLength) : undefined), width: page.width, height: page.height }));
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
    created: creationDate(config, env), ...(library ? { library } : {}),
    ...(opts.revisions ? { revisions: opts.revisions } : {}),
  });
  // A file the schema check rejected is never compiled (its fields cannot be trusted); with `schema` lowered or off in
  // lint, validate lets the build go on, so the build says what it left out rather than dropping it unseen.
  const kinds = [['power', '职权', repo.powers], ['rule', '制度', repo.rules], ['law', '法规', repo.laws]] as const;
  for (const [kindEn, kindZh, files] of kinds) {
    for (const f of files as readonly { valid: boolean; source: { path: string } }[]) {
      if (!f.valid) warnings.push(diag(f.source.path, { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, 'compendium-file-omitted', 'omitted', { kindZh, kindEn }));
    }
  }
  const lint = opts.lint ?? new Map();
  return { model, repo, failures: applySeverities(failures, lint), warnings: applySeverities(warnings, lint), flowcharts: { total: sources.length, failed: failures.length } };
}

// ---------------------------------------------------------------------------------------------------------------
// Backends

export const BUILD_FORMATS = ['docx', 'html', 'pdf'] as const;
export type BuildFormat = (typeof BUILD_FORMATS)[number];

/**
 * A file a backend produced, relative to the output directory: its bytes, text, or pieces written one after the other
 * (some left in their files until written: output.ts).
 */
export interface OutputFile { path: string; data: Uint8Array | string | ReadonlyArray<Uint8Array | FileBytes> }

export interface RenderContext {
  repo: Repository;
  env: NodeJS.ProcessEnv;
  cache?: boolean;
  /** The file name of the compendium without extension. */
  base: string;
}

export interface RenderOutcome {
  files: OutputFile[];
  /** One line each for the build's summary, in each language (the backend's own wording). */
  summary: { zh: string[]; en: string[] };
  /** A directory written whole (the site), swapped in at once. */
  dir?: string;
}

export type Backend = (model: DocumentModel, ctx: RenderContext) => Promise<RenderOutcome>;

const TOC_ZH: Record<string, string> = { estimated: '已排好', guessed: '已估算（个别页可能有出入）', blank: '未能计算（在 Word 中更新域即可）', off: '无' };

/** Each format's backend, loaded when used: `validate` never pays for loading the DOCX, PDF and Chromium code. */
export const BACKENDS: Record<BuildFormat, Backend> = {
  async docx(model, ctx) {
    const { renderDocxPieces } = await import('../render/docx/index.js');
    // The pages of each run of pages are kept (.powerbook/cache/layout), so a rebuild lays out only what changed.
    const layoutCacheDir = ctx.cache === false ? undefined : path.join(ctx.repo.root, '.powerbook', 'cache', 'layout');
    // The zip as pieces, written to the file one after the other (no buffer of the whole file).
    // And the flowcharts' SVGs compressed for the zip (.powerbook/cache/docx-svg), by their hash.
    const svgCacheDir = ctx.cache === false ? undefined : path.join(ctx.repo.root, '.powerbook', 'cache', 'docx-svg');
    const { pieces, report } = await renderDocxPieces(model, { profile: GB9704, ...(layoutCacheDir ? { layoutCacheDir } : {}), ...(svgCacheDir ? { svgCacheDir } : {}) });
    const file = `${ctx.base}.docx`;
    const missing = report.missingFonts;
    return {
      files: [{ path: file, data: pieces }],
      summary: {
        en: [`DOCX  ${file}  (${report.pageCount ?? '?'} pages, TOC page numbers ${report.pageNumbers}${missing.length ? `; no font file to measure: ${missing.join(', ')}` : ''})`],
        zh: [`DOCX  ${file}（约 ${report.pageCount ?? '?'} 页，目录页码：${TOC_ZH[report.pageNumbers]}${missing.length ? `；缺少字体文件：${missing.join('、')}` : ''}）`],
      },
    };
  },
  async pdf(model, ctx) {
    const { fontFilesFromConfig, renderPdf } = await import('../render/pdf/index.js');
    const { pdfSummary } = await import('../render/pdf/summary.js');
    // Chromium prints the same model as HTML (src/render/pdf); the 目录's numbers come from the printed PDF.
    const fonts = fontFilesFromConfig(ctx.repo.root, ctx.repo.config!.data.fonts);
    const { pdf, report } = await renderPdf(model, {
      profile: GB9704, fontFiles: fonts.files, creator: `powerbook ${VERSION}`, executablePath: ctx.env.POWERBOOK_CHROMIUM || undefined,
    });
    const file = `${ctx.base}.pdf`;
    return { files: [{ path: file, data: pdf }], summary: { zh: pdfSummary(report, file, false, fonts.problems), en: pdfSummary(report, file, true, fonts.problems) } };
  },
  async html(model) {
    const { renderSite } = await import('../render/site/render.js');
    const site = renderSite(model);
    return {
      dir: 'site',
      files: site.files.map((f) => ({ path: `site/${f.path}`, data: f.data })),
      summary: {
        en: [`HTML  site/  (${site.pages} pages: ${site.powers} powers, ${site.rules} rules)`],
        zh: [`网站  site/（${site.pages} 个页面：职权 ${site.powers} 项，制度 ${site.rules} 项）`],
      },
    };
  },
};

/**
 * Writes the backends' files into `outDir`, all of them first into a temporary folder there and then renamed into
 * place, `last` (the manifest, made from the list of outputs) after them (pipeline/output.ts): a build that fails or
 * is interrupted while writing never leaves part of its outputs beside part of the previous build's.
 */
export async function writeOutputs(outDir: string, outcomes: RenderOutcome[], last?: (outputs: Listed[]) => OutputFile): Promise<Listed[]> {
  return writeStaged(outDir, outcomes.map((o) => ({ dir: o.dir, files: o.files })), last);
}
