// Benchmark: `powerbook build --format docx` (the compendium DOCX, with its TOC page numbers) on generated repositories
// of 1,000 and 5,000 powers (100 laws, 100 rules each), flowcharts already in the cache. Cold process each time: wall
// time and peak memory. Target at 1,000 powers: < 30 s and < 1.5 GB; from 1,000 to 5,000 powers the cost grows
// linearly (the time per 100 powers stays about the same).
//
// Each repository is generated under bench/.data/ once and warmed with one build: the flowcharts are rendered into
// its cache (the generator's labels come in a few hundred distinct diagrams, a few minutes cold). That build also
// fills the page layout cache (<repo>/.powerbook/cache/layout), so the timed builds are measured twice: with the
// layout cache as the warm-up left it, and with it emptied (every chunk laid out again, as after a change to every
// power).
// Needs the compiled code: `npx tsc -p tsconfig.build.json` (npm run bench does it).
// Options (environment): BENCH_DOCX_SIZES=1000,5000, BENCH_DOCX_RUNS=1.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepository } from './generate.js';
import { median, runNode } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/powerbook.js');

function repository(powers) {
  const dir = path.join(ROOT, `bench/.data/docx-${powers}`);
  if (!existsSync(path.join(dir, 'powers/XK-00000.yaml')) || !existsSync(path.join(dir, 'rules/ZD-099.md'))) {
    generateRepository(dir, { powers, laws: 100, rules: 100 });
  }
  return dir;
}

function build(dir, out) {
  const r = runNode([BIN, 'build', dir, '--format', 'docx', '--out', out], { cwd: ROOT });
  if (r.status !== 0) throw new Error(`powerbook build ${dir} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const pages = /(\d+) (?:pages|页)/.exec(r.stderr)?.[1];
  const toc = /目录页码：([^）；]+)|TOC page numbers (\w+)/.exec(r.stderr);
  return { ...r, pages: pages ? Number(pages) : undefined, toc: toc?.[1] ?? toc?.[2] };
}

export async function run({
  sizes = (process.env.BENCH_DOCX_SIZES ?? '1000,5000').split(',').map(Number),
  runs = Number(process.env.BENCH_DOCX_RUNS ?? 1),
} = {}) {
  const out = mkdtempSync(path.join(tmpdir(), 'powerbook-bench-docx-'));
  const results = new Map();
  try {
    for (const powers of sizes) {
      const dir = repository(powers);
      const warmup = build(dir, out); // renders the flowcharts that are not cached yet, fills the layout cache
      const cached = [], fresh = [];
      for (let i = 0; i < runs; i++) {
        cached.push(build(dir, out));
        rmSync(path.join(dir, '.powerbook/cache/layout'), { recursive: true, force: true });
        fresh.push(build(dir, out));
      }
      const pick = (rs) => ({ ms: median(rs.map((r) => r.ms)), mb: Math.max(...rs.map((r) => r.mb)), pages: rs[0].pages, toc: rs[0].toc });
      results.set(powers, { warmupMs: warmup.ms, cached: pick(cached), fresh: pick(fresh) });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  console.log(`docx: powerbook build --format docx, 100 laws + 100 rules, flowcharts cached, cold process${runs > 1 ? `, median of ${runs}` : ''}`);
  for (const [powers, r] of results) {
    for (const [label, m] of [['layout cache emptied', r.fresh], ['layout cache warm   ', r.cached]]) {
      const target = powers === 1000 ? `   (target < 30 s, < 1536 MB)` : '';
      console.log(`  ${String(powers).padStart(5)} powers, ${label}: ${(m.ms / 1000).toFixed(1)} s, peak ${m.mb.toFixed(0)} MB, ${m.pages ?? '?'} pages, TOC ${m.toc ?? '?'}${target}`);
    }
  }
  const per100 = (powers, kind) => results.get(powers)[kind].ms / (powers / 100);
  if (results.has(1000) && results.has(5000)) {
    for (const kind of ['fresh', 'cached']) {
      const a = per100(1000, kind), b = per100(5000, kind);
      console.log(`  per 100 powers (${kind === 'fresh' ? 'layout cache emptied' : 'layout cache warm'}): ${(a / 1000).toFixed(2)} s at 1,000, ${(b / 1000).toFixed(2)} s at 5,000; ratio ${(b / a).toFixed(2)}  (linear ≈ 1, target ≤ 1)`);
    }
  }
  return Object.fromEntries(results);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
