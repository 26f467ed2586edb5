// Benchmark: 权力运行流程图 for 300 synthetic powers (8–20 steps each).
//   cold  — empty cache: one Chromium, Mermaid loaded once per page, pages in parallel (lib/render/mermaid);
//   peer  — one `mmdc` process per diagram, for all 300 in the same run (about 6 minutes on 2 cores);
//           BENCH_MMDC_SAMPLE=N measures N of them instead and extrapolates (said so in the output);
//   warm  — the same 300 again, nothing changed: served from the cache, Chromium not started.
// Needs the compiled code: `npx tsc -p tsconfig.build.json` (npm run bench does it).
// Options (environment): BENCH_FLOWCHARTS=300, BENCH_MMDC_SAMPLE=300, BENCH_FLOWCHART_FORMATS=svg (or svg,png).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMmdc } from './flowcharts/mmdc.js';
import { syntheticPower } from './flowcharts/synthetic.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function run({
  count = Number(process.env.BENCH_FLOWCHARTS ?? 300),
  sample = Number(process.env.BENCH_MMDC_SAMPLE ?? count),
  formats = (process.env.BENCH_FLOWCHART_FORMATS ?? 'svg').split(','),
} = {}) {
  const mod = await import(path.join(ROOT, 'lib/flowchart/index.js'));
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
    console.log(`flowcharts: ${count} synthetic powers, ${Math.min(...steps)}–${Math.max(...steps)} steps, formats ${formats.join('+')}`);
    console.log(`  powerbook cold (empty cache)  : ${(coldMs / 1000).toFixed(2)} s, ${per.toFixed(0)} ms per diagram`);
    const mmdcTotal = mmdcTimes.reduce((a, b) => a + b, 0);
    console.log(mmdcTimes.length === count
      ? `  mmdc, one process per diagram : ${(mmdcTotal / 1000).toFixed(1)} s for all ${count}, ${mmdcPer.toFixed(0)} ms per diagram (svg only)`
      : `  mmdc, one process per diagram : ${mmdcPer.toFixed(0)} ms per diagram — SAMPLED on ${mmdcTimes.length} diagrams, ` +
        `extrapolated to ${count}: ${((mmdcPer * count) / 1000).toFixed(0)} s (svg only)`);
    console.log(`  ratio mmdc / powerbook        : ${ratio.toFixed(1)}x faster  (target >= 15x)`);
    console.log(`  warm rebuild (nothing changed): ${warmMs.toFixed(0)} ms, Chromium not started  (target < 1 s)`);
    return { count, coldMs, perDiagramMs: per, mmdcPerDiagramMs: mmdcPer, mmdcSample: mmdcTimes.length, ratio, warmMs };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
