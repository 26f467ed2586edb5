// Benchmark: the compendium of a 1,000-power repository (100 laws, 100 rules) as PDF against the same as DOCX, with
// the flowchart cache warm (a first `build --format docx,pdf` draws the diagrams). Cold CLI processes, median of 3:
// `powerbook build --format docx` and `powerbook build --format pdf` (each validates, compiles the model and renders).
// Prints the PDF time (target < 30 s), pages per second and the ratio PDF time / DOCX time. The PDF is printed in
// chunks, two at a time, and merged (docs/architecture.md, "Chunks").
// Needs the compiled lib/ (`npm run build`, or `npx tsc -p tsconfig.build.json`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepository } from './generate.js';
import { median, runNode } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/powerbook.js');
const ENV = { ...process.env, SOURCE_DATE_EPOCH: '1700000000', POWERBOOK_LANG: 'en' };

function build(dir, out, format) {
  rmSync(out, { recursive: true, force: true });
  const r = runNode([BIN, 'build', dir, '--format', format, '--out', out, '--lang', 'en'], { env: ENV });
  if (r.status !== 0 && r.status !== 1) throw new Error(`powerbook build --format ${format} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return r;
}

export async function run({ runs = 3, powers = 1000 } = {}) {
  if (!existsSync(path.join(ROOT, 'lib/render/pdf/index.js'))) throw new Error('lib/ has no PDF backend: run `npm run build` first');
  const dir = path.join(ROOT, `bench/.data/pdf-${powers}`);
  if (!existsSync(path.join(dir, 'powerbook.yaml'))) generateRepository(dir, { powers, laws: 100, rules: 100 });
  // An output directory of this run's own: two runs at once must not delete each other's files.
  const out = mkdtempSync(path.join(os.tmpdir(), 'powerbook-bench-pdf-'));

  const warm = build(dir, out, 'docx,pdf');
  console.log(`pdf: ${powers} powers, 100 laws, 100 rules; warm-up (draws the flowcharts, docx + pdf): ${(warm.ms / 1000).toFixed(1)} s`);

  const docx = [], pdf = [];
  let pages = 0, inner = [], passes = '';
  for (let i = 0; i < runs; i++) {
    docx.push(build(dir, out, 'docx'));
    const p = build(dir, out, 'pdf');
    pdf.push(p);
    const m = /PDF\s+\S+\s+\((\d+) pages, TOC page numbers (.*?), \d+ bookmarks, ([\d.]+) s\)/.exec(p.stderr);
    if (m) { pages = Number(m[1]); passes = m[2]; inner.push(Number(m[3]) * 1000); }
  }
  if (!pages) {
    const file = execFileSync('find', [out, '-name', '*.pdf'], { encoding: 'utf8' }).trim().split('\n')[0];
    pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
  }
  const docxMs = median(docx.map((r) => r.ms)), pdfMs = median(pdf.map((r) => r.ms));
  const renderMs = inner.length ? median(inner) : NaN;
  console.log(`  build --format docx : ${(docxMs / 1000).toFixed(1)} s, peak ${Math.max(...docx.map((r) => r.mb)).toFixed(0)} MB`);
  console.log(`  build --format pdf  : ${(pdfMs / 1000).toFixed(1)} s, peak ${Math.max(...pdf.map((r) => r.mb)).toFixed(0)} MB (Node; Chromium not counted)   (target < 30 s)`);
  console.log(`    of which PDF rendering (chunks printed, merged): ${(renderMs / 1000).toFixed(1)} s; TOC page numbers ${passes}`);
  console.log(`  ${pages} pages: ${(pages / (pdfMs / 1000)).toFixed(0)} pages/s for the whole build, ${(pages / (renderMs / 1000)).toFixed(0)} pages/s for the PDF rendering`);
  console.log(`  ratio PDF / DOCX: ${(pdfMs / docxMs).toFixed(2)}`);
  console.log(`  (load average while measuring: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs)`);
  rmSync(out, { recursive: true, force: true });
  return { docxMs, pdfMs, renderMs, pages, ratio: pdfMs / docxMs };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
