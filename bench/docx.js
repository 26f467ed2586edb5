// Benchmark: `powerbook build --format docx` (the compendium DOCX, with its TOC page numbers) on generated repositories
// of 1,000 and 5,000 powers (100 laws, 100 rules each), flowcharts already in the cache. A fresh process each time:
// wall time, CPU time and peak memory. Targets at 1,000 powers: < 30 s and < 1.5 GB; from 1,000 to 5,000 powers the
// cost grows linearly (the time per 100 powers stays about the same).
//
// Each repository is generated under bench/.data/ once (reused after) and warmed with one build, which renders the
// flowcharts that aren't cached yet (the generator's labels make a few hundred distinct diagrams: minutes, cold) and
// fills the page layout cache (<repo>/.powerbook/cache/layout). The timed builds are then run twice: with the layout
// cache as the warm-up left it (a rebuild), and with it emptied (every run of pages laid out again, as after a change
// of fonts or of this code).
// Needs the compiled code: `npx tsc -p tsconfig.build.json` (npm run bench does it).
// Options (environment): BENCH_DOCX_SIZES=1000,5000, BENCH_DOCX_RUNS=1.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepository } from './generate.js';
import { median, runNode } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/powerbook.js');

function repository(powers) {
  const dir = path.join(ROOT, `bench/.data/docx-${powers}`);
  const complete = existsSync(path.join(dir, 'powers')) && readdirSync(path.join(dir, 'powers')).length === powers && existsSync(path.join(dir, 'rules/ZD-099.md'));
  if (!complete) {
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
  let layoutCache = true;
  try {
    for (const powers of sizes) {
      const dir = repository(powers);
      const cacheDir = path.join(dir, '.powerbook/cache/layout');
      const warmup = build(dir, out); // renders the flowcharts that are not cached yet, fills the layout cache
      if (!existsSync(cacheDir)) layoutCache = false;
      const cached = [], fresh = [];
      for (let i = 0; i < runs; i++) {
        if (layoutCache) cached.push(build(dir, out));
        rmSync(cacheDir, { recursive: true, force: true });
        fresh.push(build(dir, out));
      }
      const pick = (rs) => rs.length === 0 ? undefined : ({
        ms: median(rs.map((r) => r.ms)), cpuMs: median(rs.map((r) => r.cpuMs)), mb: Math.max(...rs.map((r) => r.mb)), pages: rs[0].pages, toc: rs[0].toc,
      });
      results.set(powers, { warmupMs: warmup.ms, cached: pick(cached), fresh: pick(fresh) });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  console.log(`docx: powerbook build --format docx, 100 laws + 100 rules, flowcharts cached, fresh process${runs > 1 ? `, median of ${runs}` : ''}`);
  if (!layoutCache) console.log('  (the build keeps no page layout cache: it passes no layoutCacheDir to renderDocxWithReport)');
  const kinds = [['cached', 'layout cache warm   '], ['fresh', 'layout cache emptied']].filter(([k]) => [...results.values()].some((r) => r[k]));
  for (const [powers, r] of results) {
    for (const [kind, label] of kinds) {
      const m = r[kind];
      if (!m) continue;
      const target = powers === 1000 ? '   (target < 30 s, < 1536 MB)' : '';
      console.log(`  ${String(powers).padStart(5)} powers, ${label}: ${(m.ms / 1000).toFixed(1)} s (CPU ${(m.cpuMs / 1000).toFixed(1)} s), peak ${m.mb.toFixed(0)} MB, ${m.pages ?? '?'} pages, TOC ${m.toc ?? '?'}${target}`);
    }
  }
  if (results.has(1000) && results.has(5000)) {
    for (const [kind, label] of kinds) {
      const a = results.get(1000)[kind], b = results.get(5000)[kind];
      if (!a || !b) continue;
      const perA = a.ms / 10, perB = b.ms / 50;
      console.log(`  per 100 powers (${label.trim()}): ${(perA / 1000).toFixed(2)} s at 1,000, ${(perB / 1000).toFixed(2)} s at 5,000; ratio ${(perB / perA).toFixed(2)} (CPU ${((b.cpuMs / 50) / (a.cpuMs / 10)).toFixed(2)})  (linear ≈ 1)`);
    }
  }
  return Object.fromEntries(results);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
