// Probe (issue 14): where `renderPdf` spends its time and memory on a 1,000-power compendium, one variant per fresh
// process: `node bench/pdf-probe.js [variant] [powers]`. The model is compiled (flowcharts cached: run bench/pdf.js
// once first), then rendered once with the variant's options, tracing each chunk's tasks. Reported: renderPdf's wall
// time and phases, the CPU time of this process and of Chromium's (its processes' times once reaped, from
// /proc/self/stat cutime + cstime), and the peak PSS of the process tree (sampled every 200 ms).
// Variants: default; chunkN (N estimated pages a chunk); parallelN; whole (the body as one chunk).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { validate, compile } = await import(path.join(ROOT, 'lib/pipeline/index.js'));
const { renderPdf } = await import(path.join(ROOT, 'lib/render/pdf/index.js'));
const { GB9704 } = await import(path.join(ROOT, 'lib/domain/profile.js'));

const variant = process.argv[2] ?? 'default';
const powers = Number(process.argv[3] ?? 1000);
const dir = path.join(ROOT, `bench/.data/docx-${powers}`);
process.env.SOURCE_DATE_EPOCH ??= '1700000000';

const selfCpu = () => {
  const s = readFileSync('/proc/self/stat', 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return { self: (Number(f[11]) + Number(f[12])) * 10, children: (Number(f[13]) + Number(f[14])) * 10 };
};
// CPU: each process's user + system time (cheap, /proc/<pid>/stat) every 200 ms, the largest seen per process; memory:
// the tree's PSS (smaps_rollup, which costs the kernel a walk of each process's pages: 5-10 ms per 100 MB mapped) once
// a second.
let peak = 0, ticks = 0, samplerMs = 0, peakParts = {};
const cpu = new Map();
const sample = () => {
  const t0 = process.hrtime.bigint();
  const parents = new Map(), times = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(d), Number(f[1]));
      times.set(Number(d), (Number(f[11]) + Number(f[12])) * 10);
    } catch { /* gone */ }
  }
  const tree = new Set([process.pid]);
  for (let grew = true; grew;) { grew = false; for (const [p, pp] of parents) if (tree.has(pp) && !tree.has(p)) { tree.add(p); grew = true; } }
  tree.delete(process.pid);
  for (const p of tree) cpu.set(p, Math.max(cpu.get(p) ?? 0, times.get(p) ?? 0));
  if (ticks++ % 5 === 0) {
    const self = Number(/^Pss:\s+(\d+)/m.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'))?.[1] ?? 0);
    let pss = self;
    const parts = { node: self };
    for (const p of tree) {
      try {
        const kb = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
        const type = /--type=([\w-]+)/.exec(readFileSync(`/proc/${p}/cmdline`, 'utf8'))?.[1] ?? 'browser';
        pss += kb;
        parts[type] = (parts[type] ?? 0) + kb;
      } catch { /* gone */ }
    }
    if (pss > peak) { peak = pss; peakParts = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Math.round(v / 1024)])); }
  }
  samplerMs += Number(process.hrtime.bigint() - t0) / 1e6;
};

const validated = await validate(dir);
const { model } = await compile(validated.repo, { lint: validated.lint, library: validated.library });
const chromiumCpu = () => [...cpu.values()].reduce((a, b) => a + b, 0);
const opts = { profile: GB9704, trace: (l) => { sample(); console.log(`${l}  (Chromium CPU so far ${(chromiumCpu() / 1000).toFixed(1)} s)`); } };
let m;
if ((m = /^chunk(\d+)$/.exec(variant))) opts.chunkPages = Number(m[1]);
if ((m = /^parallel(\d+)$/.exec(variant))) opts.parallel = Number(m[1]);
if (variant === 'whole') opts.chunkPages = Infinity;
const c0 = selfCpu();
const timer = setInterval(sample, 200);
const t = Date.now();
const { pdf, report } = await renderPdf(model, opts);
const ms = Date.now() - t;
clearInterval(timer);
const c1 = selfCpu();
console.log(JSON.stringify({ variant, ms, pages: report.pages, bytes: pdf.length, chunks: report.chunks, prints: report.prints, passes: report.tocPasses, exact: report.tocExact, phases: report.phases,
  cpu: { nodeWithSampler: Math.round(c1.self - c0.self), chromium: [...cpu.values()].reduce((a, b) => a + b, 0) }, samplerMs: Math.round(samplerMs), peakPssMb: Math.round(peak / 1024), peakParts }));
