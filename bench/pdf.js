// Benchmark (issue 14): `powerbook build --format pdf` of a 1,000-power repository (100 laws, 100 rules,
// bench/generate.js) with the flowchart cache warm (a first build draws the diagrams). Aim: under 15 s and under 800 MB.
// Chromium prints the model's HTML in chunks, two at a time, and they are merged (docs/architecture.md, "Chunks"): the
// work is mostly Chromium's, in processes of its own, so the whole process tree is measured (bench/measure.js
// `runTree`): its CPU time, Chromium's included, and its memory (the sum of the processes' proportional set sizes:
// the pages Chromium's processes share counted once). Cold CLI processes, median of BENCH_PDF_RUNS (default 3).
// Writes its section of bench/RESULTS.md. Needs the compiled lib/ (`npm run build`).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepository } from './generate.js';
import { writeResults } from './laws.js';
import { median, runTree } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/powerbook.js');
const ENV = { ...process.env, SOURCE_DATE_EPOCH: '1700000000', POWERBOOK_LANG: 'en' };
const AIM = { seconds: 15, mb: 800 };
const CORES = 2;

async function build(dir, out) {
  rmSync(out, { recursive: true, force: true });
  const r = await runTree([BIN, 'build', dir, '--format', 'pdf', '--out', out, '--lang', 'en'], { env: ENV });
  if (r.status !== 0 && r.status !== 1) throw new Error(`powerbook build --format pdf failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const m = /PDF\s+\S+\s+\((\d+) pages, TOC page numbers (.*?), \d+ bookmarks, ([\d.]+) s\)/.exec(r.stderr);
  return { ...r, pages: m ? Number(m[1]) : undefined, toc: m?.[2], renderMs: m ? Number(m[3]) * 1000 : NaN };
}

export async function run({ runs = Number(process.env.BENCH_PDF_RUNS ?? 3), powers = 1000 } = {}) {
  if (!existsSync(path.join(ROOT, 'lib/render/pdf/index.js'))) throw new Error('lib/ has no PDF backend: run `npm run build` first');
  // The same repository as the DOCX benchmark's (its drawings cached once for both).
  const dir = path.join(ROOT, `bench/.data/docx-${powers}`);
  if (!existsSync(path.join(dir, 'powerbook.yaml'))) generateRepository(dir, { powers, laws: 100, rules: 100 });
  // An output directory of this run's own: two runs at once must not delete each other's files.
  const out = mkdtempSync(path.join(os.tmpdir(), 'powerbook-bench-pdf-'));
  const drew = !existsSync(path.join(dir, '.powerbook/cache/flowcharts'));
  const warm = await build(dir, out);
  const pdf = [];
  for (let i = 0; i < runs; i++) pdf.push(await build(dir, out));
  rmSync(out, { recursive: true, force: true });

  const med = (f) => median(pdf.map(f));
  const ms = med((r) => r.ms), renderMs = med((r) => r.renderMs), nodeCpu = med((r) => r.cpuMs);
  const treeCpu = med((r) => r.tree?.cpuMs ?? NaN), treeMb = med((r) => r.tree?.mb ?? NaN), nodeMb = med((r) => r.mb);
  const { pages, toc } = pdf[0];
  const s = (x) => `${(x / 1000).toFixed(1)} s`;
  const lines = [
    `pdf: powerbook build --format pdf, ${powers} powers, 100 laws, 100 rules, flowcharts cached: ${pages ?? '?'} pages, 目录 ${toc ?? '?'}; a fresh process each, median of ${runs}`,
    `  aim: under ${AIM.seconds} s and under ${AIM.mb} MB`,
    `  build: ${s(ms)} wall (of which the PDF ${s(renderMs)}), CPU ${s(treeCpu)} (Chromium ${s(treeCpu - nodeCpu)}, Node ${s(nodeCpu)}), memory ${treeMb.toFixed(0)} MB (the tree's PSS; Node alone ${nodeMb.toFixed(0)} MB RSS)`,
    `  ratios to the aim: wall ${(ms / 1000 / AIM.seconds).toFixed(2)}, CPU ${(treeCpu / 1000 / (AIM.seconds * CORES)).toFixed(2)} (of ${AIM.seconds * CORES} s on ${CORES} cores), memory ${(treeMb / AIM.mb).toFixed(2)}`,
    `  ${pages} pages: ${(pages / (ms / 1000)).toFixed(0)} pages/s for the whole build, ${(treeCpu / pages).toFixed(1)} ms of CPU a page`,
    ...(drew ? [`  first build (flowcharts drawn): ${s(warm.ms)} wall, CPU ${s(warm.tree?.cpuMs ?? NaN)}`] : []),
    `  (load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} at the end, on ${os.availableParallelism()} CPUs: other work on the machine lengthens the wall times)`,
  ];
  for (const l of lines) console.log(l);
  writeResults('pdf', lines);
  return { ms, treeCpu, treeMb, pages };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
