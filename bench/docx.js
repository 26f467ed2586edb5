// Benchmark (issue 14): `powerbook build --format docx` of a 1,000-power repository (100 laws, 100 rules,
// bench/generate.js), the compendium DOCX with its 目录's page numbers laid out. Aim: under 15 s and under 800 MB.
// A fresh process each time: wall time, CPU time (all threads) and peak memory (of every Node process it starts, added
// up: bench/measure.js).
//
// The repository is generated under bench/.data/ once (reused after) and warmed with one build, which draws the
// flowcharts not in the cache yet (Chromium: minutes for the few hundred distinct drawings the generator makes). Then,
// each the median of BENCH_DOCX_RUNS (default 3), alternating:
//   - layout cache emptied (flowcharts cached, and their SVGs compressed for the zip, .powerbook/cache/docx-svg): every
//     run of pages laid out again, as after a change of fonts or of this code; the figure the aim is about;
//   - layout cache warm (a rebuild, nothing changed): the pages of every run from <repo>/.powerbook/cache/layout;
//   - the same two with a layout worker beside the main thread (POWERBOOK_DOCX_THREADS=2; the default on a machine of
//     4 cores or more, render/docx/layout-pool.ts), for what a worker thread adds and saves on this machine.
// The warm-up is the first build of a fresh repository (flowcharts and layout cold) when it drew the flowcharts.
// The CPU time is compared with what 2 cores give in 15 s (30 s): on a machine shared with other work the wall time
// grows, the CPU time much less.
// Writes its section of bench/RESULTS.md. Needs the compiled code (`npm run build`; `npm run bench` does it).
// Options (environment): BENCH_DOCX_SIZES=1000 (e.g. 1000,5000 for how it grows), BENCH_DOCX_RUNS=3.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepository } from './generate.js';
import { writeResults } from './laws.js';
import { median, runNode } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/powerbook.js');
/** The aim of issue 14 at 1,000 powers. */
const AIM = { seconds: 15, mb: 800 };
const CORES = 2;

function repository(powers) {
  const dir = path.join(ROOT, `bench/.data/docx-${powers}`);
  const complete = existsSync(path.join(dir, 'powers')) && readdirSync(path.join(dir, 'powers')).length === powers && existsSync(path.join(dir, 'rules/ZD-099.md'));
  if (!complete) {
    generateRepository(dir, { powers, laws: 100, rules: 100 });
  }
  return dir;
}

function build(dir, out, env = {}) {
  const r = runNode([BIN, 'build', dir, '--format', 'docx', '--out', out], { cwd: ROOT, env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000', ...env } });
  if (r.status !== 0) throw new Error(`powerbook build ${dir} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const pages = /约 (\d+) 页|(\d+) pages/.exec(r.stderr);
  const toc = /目录页码：([^）；]+)|TOC page numbers (\w+)/.exec(r.stderr);
  return { ...r, pages: pages ? Number(pages[1] ?? pages[2]) : undefined, toc: toc?.[1] ?? toc?.[2] };
}

const pick = (rs) => rs.length === 0 ? undefined : ({
  ms: median(rs.map((r) => r.ms)), cpuMs: median(rs.map((r) => r.cpuMs)), mb: median(rs.map((r) => r.mb)),
  mbMax: Math.max(...rs.map((r) => r.mb)), pages: rs[0].pages, toc: rs[0].toc, runs: rs.length,
});

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (x, aim) => (x / aim).toFixed(2);

function line(label, m, atAim) {
  if (!m) return `  ${label}: not measured`;
  const aims = atAim ? `   ratios to the aim: wall ${ratio(m.ms / 1000, AIM.seconds)}, CPU ${ratio(m.cpuMs / 1000, AIM.seconds * CORES)} (of ${AIM.seconds * CORES} s on ${CORES} cores), memory ${ratio(m.mb, AIM.mb)}` : '';
  return `  ${label}: ${s(m.ms)} wall, CPU ${s(m.cpuMs)}, peak ${m.mb.toFixed(0)} MB${m.runs > 1 ? ` (highest ${m.mbMax.toFixed(0)})` : ''}${aims}`;
}

export async function run({
  sizes = (process.env.BENCH_DOCX_SIZES ?? '1000').split(',').map(Number),
  runs = Number(process.env.BENCH_DOCX_RUNS ?? 3),
} = {}) {
  const out = mkdtempSync(path.join(tmpdir(), 'powerbook-bench-docx-'));
  const results = new Map();
  try {
    for (const powers of sizes) {
      const dir = repository(powers);
      const cacheDir = path.join(dir, '.powerbook/cache/layout');
      const drew = !existsSync(path.join(dir, '.powerbook/cache/flowcharts'));
      rmSync(cacheDir, { recursive: true, force: true });
      const warmup = build(dir, out); // draws the flowcharts that are not cached yet, fills the layout cache
      const svgDir = path.join(dir, '.powerbook/cache/docx-svg');
      const sets = { fresh: [], cached: [], freshOne: [], cachedOne: [], freshSvg: [] };
      for (let i = 0; i < runs; i++) {
        sets.cached.push(build(dir, out));
        rmSync(cacheDir, { recursive: true, force: true });
        sets.fresh.push(build(dir, out));
        sets.cachedOne.push(build(dir, out, { POWERBOOK_DOCX_THREADS: '2' }));
        rmSync(cacheDir, { recursive: true, force: true });
        sets.freshOne.push(build(dir, out, { POWERBOOK_DOCX_THREADS: '2' }));
      }
      // Once: what compressing the SVGs adds to a build with the layout cache emptied (drawings changed, or a first build).
      rmSync(cacheDir, { recursive: true, force: true });
      rmSync(svgDir, { recursive: true, force: true });
      sets.freshSvg.push(build(dir, out));
      results.set(powers, { warmup: drew ? pick([warmup]) : undefined, ...Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, pick(v)])) });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  const lines = [];
  for (const [powers, r] of results) {
    lines.push(`docx: powerbook build --format docx, ${powers} powers, 100 laws, 100 rules: ${r.fresh.pages ?? '?'} pages, 目录 page numbers ${r.fresh.toc ?? '?'}; a fresh process each, median of ${runs}`);
    const atAim = powers === 1000;
    if (atAim) lines.push(`  aim: under ${AIM.seconds} s and under ${AIM.mb} MB`);
    lines.push(line('layout cache emptied (flowcharts cached)  ', r.fresh, atAim));
    if (r.freshSvg) lines.push(line('  and the compressed SVGs emptied too     ', r.freshSvg, false));
    lines.push(line('layout cache warm (a rebuild)             ', r.cached, atAim));
    lines.push(line('with a layout worker, layout cache emptied ', r.freshOne, false));
    lines.push(line('with a layout worker, layout cache warm    ', r.cachedOne, false));
    if (r.warmup) lines.push(line('first build (flowcharts drawn, layout cold)', r.warmup, atAim));
  }
  if (results.has(1000) && results.has(5000)) {
    const a = results.get(1000).fresh, b = results.get(5000).fresh;
    lines.push(`  per 100 powers (layout cache emptied): CPU ${(a.cpuMs / 10000).toFixed(2)} s at 1,000, ${(b.cpuMs / 50000).toFixed(2)} s at 5,000 (ratio ${((b.cpuMs / 50) / (a.cpuMs / 10)).toFixed(2)}; linear ≈ 1)`);
  }
  lines.push(`  (load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} at the end, on ${os.availableParallelism()} CPUs: other work on the machine lengthens the wall times)`);
  for (const l of lines) console.log(l);
  writeResults('docx', lines);
  return Object.fromEntries(results);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
