/** Rendering many diagrams: the content-addressed cache first, then one shared renderer for what is missing. */
import type { FileBytes } from '../util/file-bytes.js';
import { FlowchartCache, flowchartCacheKey, type CacheEntry } from './cache.js';
import { renderSettings, type FlowchartFormat, type RenderSettings } from './config.js';
import { FlowchartRenderer, isFailure, type FlowchartResult, type RenderedFlowchart, type RendererOptions } from './renderer.js';

export interface FlowchartItem {
  /** The caller's name for the diagram (e.g. the power id); the key of the returned map. */
  id: string;
  source: string;
}

export interface RenderFlowchartsOptions extends RendererOptions {
  /** e.g. flowchartCacheDir(repoRoot); without it nothing is cached. */
  cacheDir?: string;
  formats: FlowchartFormat[];
  onProgress?(done: number, total: number, id: string): void;
  /** Use this running renderer (it is not closed here) instead of starting one when needed. */
  renderer?: FlowchartRenderer;
  /**
   * A PNG found in the cache is given as its file (`FileBytes`), not read into memory: the build's DOCX reads each as
   * it writes its zip (a PNG drawn now is given as bytes).
   */
  pngInFile?: boolean;
}

/** Reads in flight at once on a warm build: enough to hide latency, few enough not to run out of descriptors. */
const READ_PARALLEL = 32;

export async function renderFlowcharts(
  items: readonly FlowchartItem[],
  opts: RenderFlowchartsOptions,
): Promise<Map<string, FlowchartResult>> {
  const settings = opts.renderer?.settings ?? renderSettings(opts);
  const formats: FlowchartFormat[] = opts.formats.length ? [...new Set(opts.formats)] : ['svg'];
  const cache = opts.cacheDir ? new FlowchartCache(opts.cacheDir) : undefined;
  const results = new Map<string, FlowchartResult>();
  let done = 0;
  const finish = (item: FlowchartItem, result: FlowchartResult) => {
    results.set(item.id, result);
    opts.onProgress?.(++done, items.length, item.id);
  };

  // 1. The cache. Items with the same source are looked up and rendered once.
  const bySource = new Map<string, FlowchartItem[]>();
  for (const item of items) bySource.set(item.source, [...(bySource.get(item.source) ?? []), item]);
  const missing: string[] = [];
  await forEachLimited([...bySource.keys()], READ_PARALLEL, async (source) => {
    const hit = cache ? await readAll(cache, source, formats, settings, opts.pngInFile === true) : null;
    if (hit) for (const item of bySource.get(source)!) finish(item, hit);
    else missing.push(source);
  });
  if (missing.length === 0) return ordered(items, results);

  // 2. Chromium, only now.
  const renderer = opts.renderer ?? (await FlowchartRenderer.launch(opts));
  try {
    await Promise.all(missing.map(async (source) => {
      const result = await renderer.render(source, formats);
      if (cache && !isFailure(result)) await writeAll(cache, source, result, settings).catch(() => undefined); // a full disk must not fail the build
      for (const item of bySource.get(source)!) finish(item, result);
    }));
  } finally {
    if (!opts.renderer) await renderer.close();
  }
  return ordered(items, results);
}

async function readAll(cache: FlowchartCache, source: string, formats: FlowchartFormat[], settings: RenderSettings, pngInFile: boolean): Promise<RenderedFlowchart | null> {
  const out: Partial<RenderedFlowchart> = {};
  for (const format of formats) {
    const key = flowchartCacheKey(source, format, settings);
    const entry: (Omit<CacheEntry, 'data'> & { data?: Buffer; file?: FileBytes }) | null = format === 'png' && pngInFile ? await cache.getFile(key, format) : await cache.get(key, format);
    if (!entry) return null;
    out.width = entry.width;
    out.height = entry.height;
    if (entry.warnings) out.warnings = entry.warnings;
    if (format === 'svg') out.svg = entry.data!.toString('utf8');
    else Object.assign(out, entry.file ? { pngFile: entry.file } : { png: entry.data }, { pngWidth: entry.pngWidth, pngHeight: entry.pngHeight });
  }
  return out as RenderedFlowchart;
}

async function writeAll(cache: FlowchartCache, source: string, r: RenderedFlowchart, settings: RenderSettings): Promise<void> {
  const base = { width: r.width, height: r.height, warnings: r.warnings };
  if (r.svg !== undefined) await cache.put(flowchartCacheKey(source, 'svg', settings), 'svg', { ...base, data: Buffer.from(r.svg, 'utf8') });
  if (r.png) await cache.put(flowchartCacheKey(source, 'png', settings), 'png', { ...base, data: r.png, pngWidth: r.pngWidth, pngHeight: r.pngHeight });
}

async function forEachLimited<T>(list: T[], limit: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => { while (next < list.length) await fn(list[next++]); };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, worker));
}

/** The map in the order of `items`, whatever order the work finished in: deterministic output for the build. */
function ordered(items: readonly FlowchartItem[], results: Map<string, FlowchartResult>): Map<string, FlowchartResult> {
  return new Map(items.map((item) => [item.id, results.get(item.id)!]));
}
