// Benchmark: `powerbook export xlsx` and `powerbook export csv` of a generated 1,000-power repository (bench/generate.js:
// 1,000 powers, 100 laws, 50 rules), cold process, median of 3. Aim (issue 15): each under 3 s. For where the time
// goes, `powerbook validate` of the same repository in the same way (an export validates first) and the workbook's
// rendering alone, in this process (lists → exceljs → zip with fixed times).
// `BENCH_ONLY=export npm run bench` runs this alone.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateRepository } from './generate.js';
import { writeResults } from './laws.js';
import { median, runNode } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/powerbook.js');
const AIM_MS = 3000;
const ENV = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' };

function measure(args, runs) {
  const rs = [];
  for (let i = 0; i < runs; i++) {
    const r = runNode([BIN, ...args], { env: ENV });
    if (r.status !== 0) throw new Error(`powerbook ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 800)}`);
    rs.push(r);
  }
  return { ms: median(rs.map((r) => r.ms)), cpuMs: median(rs.map((r) => r.cpuMs)), mb: Math.max(...rs.map((r) => r.mb)) };
}

/** The rendering alone: the validated repository's lists to the workbook's bytes, in this process (median of `runs`). */
async function renderOnly(dir, runs) {
  const { validate } = await import(pathToFileURL(path.join(ROOT, 'lib/pipeline/index.js')).href);
  const { listsOf } = await import(pathToFileURL(path.join(ROOT, 'lib/pipeline/export.js')).href);
  const { renderXlsx, renderCsv } = await import(pathToFileURL(path.join(ROOT, 'lib/render/xlsx/index.js')).href);
  const v = await validate(dir, { env: ENV });
  const times = { lists: [], xlsx: [], csv: [] };
  let sheets = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const lists = listsOf(v, ENV);
    times.lists.push(performance.now() - t);
    sheets = lists.lists.length;
    t = performance.now();
    await renderXlsx(lists);
    times.xlsx.push(performance.now() - t);
    t = performance.now();
    renderCsv(lists.lists[0]);
    times.csv.push(performance.now() - t);
  }
  return { lists: median(times.lists), xlsx: median(times.xlsx), csv: median(times.csv), sheets };
}

export async function run({ runs = 3 } = {}) {
  const dir = path.join(ROOT, 'bench/.data/export-1k');
  if (!existsSync(path.join(dir, 'powers/XK-00000.yaml'))) generateRepository(dir, { powers: 1000, laws: 100, rules: 50 });
  const out = mkdtempSync(path.join(os.tmpdir(), 'pb-bench-export-'));
  try {
    const xlsxFile = path.join(out, 'lists.xlsx'), csvFile = path.join(out, 'lists.csv');
    const xlsx = measure(['export', 'xlsx', dir, '--out', xlsxFile], runs);
    const csv = measure(['export', 'csv', dir, '--out', csvFile], runs);
    const val = measure(['validate', dir, '--format', 'json'], runs);
    const inProcess = await renderOnly(dir, runs);
    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    const lines = [
      `export: a generated repository of 1,000 powers, 100 laws, 50 rules; a fresh process each, median of ${runs}; aim: under 3 s each`,
      `  export xlsx : ${s(xlsx.ms)} (CPU ${s(xlsx.cpuMs)}, peak ${xlsx.mb.toFixed(0)} MB), ${(statSync(xlsxFile).size / 1024).toFixed(0)} KB   ratio to the aim: ${(xlsx.ms / AIM_MS).toFixed(2)} (CPU ${(xlsx.cpuMs / AIM_MS).toFixed(2)})`,
      `  export csv  : ${s(csv.ms)} (CPU ${s(csv.cpuMs)}, peak ${csv.mb.toFixed(0)} MB), ${(statSync(csvFile).size / 1024).toFixed(0)} KB   ratio to the aim: ${(csv.ms / AIM_MS).toFixed(2)} (CPU ${(csv.cpuMs / AIM_MS).toFixed(2)})`,
      `  for scale, validate alone (an export validates first): ${s(val.ms)} (CPU ${s(val.cpuMs)})`,
      `  in one process, after validating: the lists ${inProcess.lists.toFixed(0)} ms, the workbook ${inProcess.xlsx.toFixed(0)} ms (${inProcess.sheets} sheets), the CSV ${inProcess.csv.toFixed(0)} ms`,
    ];
    for (const l of lines) console.log(l);
    writeResults('export', lines);
    return { xlsx, csv, validate: val, inProcess };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
