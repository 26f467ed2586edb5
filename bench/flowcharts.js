// Benchmark: 权力运行流程图 for 300 synthetic powers (8–20 steps each).
//   cold  — empty cache: one Chromium, Mermaid loaded once per page, pages in parallel (lib/render/mermaid);
//   peer  — one `mmdc` process per diagram, for all 300 in the same run (about 6 minutes on 2 cores);
//           BENCH_MMDC_SAMPLE=N measures N of them instead and extrapolates (said so in the output);
//   warm  — the same 300 again, nothing changed: served from the cache, Chromium not started;
//   example — the example repository's 16 flowcharts as the compendium prints them (issue 14: text ≥ 10.5 pt), cut
//           into A4 pages and redrawn with narrower labels where too wide, cold: pages, rounds, smallest text, time.
// Writes its section of bench/RESULTS.md.
// Needs the compiled code: `npx tsc -p tsconfig.build.json` (npm run bench does it).
// Options (environment): BENCH_FLOWCHARTS=300, BENCH_MMDC_SAMPLE=300, BENCH_FLOWCHART_FORMATS=svg (or svg,png).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMmdc } from './flowcharts/mmdc.js';
import { writeResults } from './laws.js';
import { syntheticPower } from './flowcharts/synthetic.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function run({
  count = Number(process.env.BENCH_FLOWCHARTS ?? 300),
  sample = Number(process.env.BENCH_MMDC_SAMPLE ?? count),
  formats = (process.env.BENCH_FLOWCHART_FORMATS ?? 'svg').split(','),
} = {}) {
  const mod = await import(path.join(ROOT, 'lib/flowchart/index.js'));
  const example = await examplePages(mod);
  const { mermaidConfig, renderSettings } = await import(path.join(ROOT, 'lib/flowchart/config.js'));
  const { powerToMermaid, renderFlowcharts, chromiumPath, isFailure } = mod;
  const chromium = chromiumPath();

  const items = Array.from({ length: count }, (_, i) => {
    const power = syntheticPower(i);
    return { id: power.id, source: powerToMermaid(power) };
  });
  const steps = items.map((it) => (it.source.match(/^ {2}n\d+\["/gm) ?? []).length);
  if (new Set(items.map((i) => i.source)).size !== count) throw new Error('synthetic sources are not distinct');

  const work = mkdtempSync(path.join(tmpdir(), 'powerbook-bench-flowcharts-'));
  try {
    const cacheDir = path.join(work, 'cache');
    let t = performance.now();
    const cold = await renderFlowcharts(items, { cacheDir, formats });
    const coldMs = performance.now() - t;
    const failed = [...cold.values()].filter(isFailure);
    if (failed.length) throw new Error(`${failed.length} diagrams failed, e.g. ${failed[0].error}`);

    // With no browser to be found, any attempt to start one would throw: proves the warm run never tries.
    const saved = process.env.POWERBOOK_CHROMIUM;
    process.env.POWERBOOK_CHROMIUM = path.join(work, 'no-chromium-here');
    t = performance.now();
    const warm = await renderFlowcharts(items, { cacheDir, formats }).finally(() => {
      if (saved === undefined) delete process.env.POWERBOOK_CHROMIUM;
      else process.env.POWERBOOK_CHROMIUM = saved;
    });
    const warmMs = performance.now() - t;
    if ([...warm.values()].some(isFailure)) throw new Error('warm rebuild failed');

    const picks = Array.from({ length: Math.min(sample, count) }, (_, k) => items[Math.floor((k * count) / Math.min(sample, count))].source);
    const mmdcTimes = runMmdc({ root: ROOT, workDir: path.join(work, 'mmdc'), sources: picks, mermaidConfig: mermaidConfig(renderSettings()), chromium });
    const mmdcPer = mmdcTimes.reduce((a, b) => a + b, 0) / mmdcTimes.length;

    const per = coldMs / count;
    const ratio = mmdcPer / per;
    const mmdcTotal = mmdcTimes.reduce((a, b) => a + b, 0);
    const lines = [
      `flowcharts: ${count} synthetic powers, ${Math.min(...steps)}–${Math.max(...steps)} steps, formats ${formats.join('+')}`,
      `  powerbook cold (empty cache)  : ${(coldMs / 1000).toFixed(2)} s, ${per.toFixed(0)} ms per diagram`,
      mmdcTimes.length === count
        ? `  mmdc, one process per diagram : ${(mmdcTotal / 1000).toFixed(1)} s for all ${count}, ${mmdcPer.toFixed(0)} ms per diagram (svg only)`
        : `  mmdc, one process per diagram : ${mmdcPer.toFixed(0)} ms per diagram — SAMPLED on ${mmdcTimes.length} diagrams, ` +
          `extrapolated to ${count}: ${((mmdcPer * count) / 1000).toFixed(0)} s (svg only)`,
      `  ratio mmdc / powerbook        : ${ratio.toFixed(1)}x faster  (target >= 15x)`,
      `  warm rebuild (nothing changed): ${warmMs.toFixed(0)} ms, Chromium not started  (target < 1 s)`,
      `example (examples/zhuzhou-commerce, ${example.powers} flowcharts) as printed, text >= ${example.minPt} pt, cold (empty cache):`,
      `  pages                         : ${example.pages} (before issue 14, at 7.5 pt: 43, measured on commit cd48b15)`,
      `  drawings made                 : ${example.drawings} distinct, all rounds (${example.redrawn} of ${example.powers} flowcharts redrawn: too wide or too tall)`,
      `  label widths kept             : ${example.wraps}`,
      `  smallest text printed         : ${example.smallestPt.toFixed(2)} pt; pages under ${example.minPt} pt: ${example.small}`,
      `  time                          : ${(example.ms / 1000).toFixed(2)} s (before: 12.4 s for 43 pages, measured the same way on commit cd48b15 the same day)`,
    ];
    for (const l of lines) console.log(l);
    writeResults('flowcharts', lines);
    return { count, coldMs, perDiagramMs: per, mmdcPerDiagramMs: mmdcPer, mmdcSample: mmdcTimes.length, ratio, warmMs, example };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The example's flowcharts as the compendium prints them, drawn cold (a fresh cache): pages, rounds, sizes, time. */
async function examplePages(mod) {
  const { loadRepository } = await import(path.join(ROOT, 'lib/check/load.js'));
  const { FLOWCHART_MIN_FONT_PT, FIRST_FIT, isFailure, legible, powerToMermaidPages, printedFontPt, renderPagedFlowcharts } = mod;
  const { repo } = await loadRepository(path.join(ROOT, 'examples/zhuzhou-commerce'));
  const powers = repo.powers.filter((p) => p.valid).map((p) => p.data);
  const work = mkdtempSync(path.join(tmpdir(), 'powerbook-bench-flowpages-'));
  try {
    const items = powers.map((p) => ({ id: String(p.id), pages: (fit) => powerToMermaidPages(p, fit) }));
    const t = performance.now();
    const paged = await renderPagedFlowcharts(items, { cacheDir: path.join(work, 'cache'), formats: ['svg'] });
    const ms = performance.now() - t;
    const results = [...paged.values()];
    const failed = results.filter(isFailure);
    if (failed.length) throw new Error(`${failed.length} example flowcharts failed, e.g. ${failed[0].error}`);
    const all = results.flatMap((r) => r.pages);
    const fits = results.map((r) => r.fit).filter(Boolean);
    const redrawn = fits.filter((f) => f.wrapUnits !== FIRST_FIT.wrapUnits || f.maxHeightPx !== FIRST_FIT.maxHeightPx).length;
    const wraps = [...new Set(fits.map((f) => f.wrapUnits))].sort((a, b) => b - a).map((w) => `${w / 2} CJK characters`).join(', ');
    // Every drawing made, in every round, lands in the cache once per distinct source.
    const drawings = readdirSync(path.join(work, 'cache')).filter((f) => f.endsWith('.svg')).length;
    return {
      powers: powers.length, pages: all.length, ms, minPt: FLOWCHART_MIN_FONT_PT, redrawn, wraps, drawings,
      smallestPt: Math.min(...all.map((p) => printedFontPt(p.width, p.height))),
      small: all.filter((p) => !legible(p.width, p.height)).length,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
