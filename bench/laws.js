// Benchmark: the law library's index on the whole of ../shared/laws-lib (3,503 files, 63 MB): opening it cold (every
// file parsed), after one file changed, and warm (all from the cache); `laws search` warm; each as a fresh Node process
// (the time openLibrary takes inside it, and the whole process). Aims on a 2-core machine: cold < 10 s, one file
// changed < 1 s, warm < 0.2 s, search < 0.5 s warm. Also: the search's plain scan against an inverted index of
// character bigrams built over the same corpus (what a bigram index would cost to build, and to answer).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deserialize } from 'node:v8';
import { median, runNode } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LIB = path.resolve(ROOT, '../shared/laws-lib');
const DATA = path.join(ROOT, 'bench/.data');

/** A child process (bench/laws-child.js) that opens the library (and searches) and prints what it measured. */
function child(lib, cacheDir, queries = []) {
  const r = runNode([path.join(ROOT, 'bench/laws-child.js'), lib, cacheDir, ...queries], { cwd: ROOT });
  if (r.status !== 0) throw new Error(`library child failed (${r.status}): ${r.stderr.slice(0, 1000)}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  return { ...out, processMs: r.ms, cpuMs: r.cpuMs, mb: r.mb };
}

const QUERIES = ['报废机动车 回收', '对外贸易经营者 备案登记', '行政许可', '单用途商业预付卡', '负责报废机动车回收管理的部门'];

/** The same searches through an inverted index of character bigrams over the cached corpus, built here. */
async function bigramComparison(cacheDir) {
  const { occurrences, queryTerms } = await import(pathToFileURL(path.join(ROOT, 'lib/library/search.js')).href);
  const slotDir = readdirSync(cacheDir).map((d) => path.join(cacheDir, d)).find((d) => existsSync(path.join(d, 'index.v8')));
  const idx = deserialize(readFileSync(path.join(slotDir, 'index.v8')));
  let t = performance.now();
  const corpus = { text: readFileSync(path.join(slotDir, `corpus-${idx.gen}.bin`)).toString('utf16le'), starts: idx.starts };
  const loadMs = performance.now() - t;
  const { text, starts } = corpus;
  t = performance.now();
  const lists = new Map();
  for (let u = 0; u + 1 < starts.length; u++) {
    const seen = new Set();
    for (let i = starts[u]; i < starts[u + 1] - 2; i++) {
      const k = text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
      if (seen.has(k)) continue;
      seen.add(k);
      let l = lists.get(k);
      if (!l) lists.set(k, (l = []));
      l.push(u);
    }
  }
  const buildMs = performance.now() - t;
  let postings = 0;
  for (const l of lists.values()) postings += l.length;
  const scan = [], index = [];
  for (const q of QUERIES) {
    const terms = queryTerms(q);
    let s = performance.now();
    const a = new Set(terms.flatMap((term) => [...occurrences(corpus, term).keys()]));
    scan.push(performance.now() - s);
    s = performance.now();
    const b = new Set();
    for (const term of terms) {
      // Candidates: units holding the term's rarest bigram; then the phrase confirmed in each.
      let best;
      for (let i = 0; i + 1 < term.length; i++) { const l = lists.get(term.charCodeAt(i) * 65536 + term.charCodeAt(i + 1)) ?? []; if (!best || l.length < best.length) best = l; }
      for (const u of best ?? []) if (text.slice(starts[u], starts[u + 1]).includes(term)) b.add(u);
    }
    index.push(performance.now() - s);
    if (a.size !== b.size) throw new Error(`bigram index and scan disagree on "${q}": ${b.size} vs ${a.size}`);
  }
  return { loadMs, buildMs, bigrams: lists.size, postings, scanMs: median(scan), indexMs: median(index), chars: text.length, units: starts.length - 1 };
}

export async function run({ warmRuns = 5 } = {}) {
  if (!existsSync(path.join(LIB, 'README.md'))) throw new Error(`no law library at ${LIB}`);
  if (!existsSync(path.join(ROOT, 'lib/library/index.js'))) throw new Error('build first: npm run build');
  mkdirSync(DATA, { recursive: true });
  // A copy whose files may be touched (the library itself is read-only); timestamps kept.
  const copy = path.join(DATA, 'laws-lib');
  if (!existsSync(path.join(copy, 'README.md'))) cpSync(LIB, copy, { recursive: true, preserveTimestamps: true });
  const cacheDir = path.join(DATA, 'laws-cache');

  rmSync(cacheDir, { recursive: true, force: true });
  const cold = child(copy, cacheDir);
  if (cold.cache.parsed !== cold.files) throw new Error(`cold run parsed ${cold.cache.parsed} of ${cold.files}`);

  const changed = [];
  const files = ['经济法/对外贸易法(2022-12-30).md', '行政法规/报废机动车回收管理办法(2019-04-22).md', '民法典/合同编.md'];
  for (const f of files) {
    const p = path.join(copy, f);
    const later = new Date(statSync(p).mtimeMs + 1000 * (changed.length + 1));
    utimesSync(p, later, later);
    const r = child(copy, cacheDir);
    if (r.cache.parsed !== 1) throw new Error(`after touching ${f}: ${r.cache.parsed} parsed`);
    changed.push(r);
  }

  const warm = [];
  for (let i = 0; i < warmRuns; i++) {
    const r = child(copy, cacheDir, QUERIES);
    if (r.cache.parsed !== 0) throw new Error(`warm run parsed ${r.cache.parsed}`);
    warm.push(r);
  }
  const firstSearchMs = median(warm.map((w) => w.searches[0].ms));
  const firstSearchCpu = median(warm.map((w) => w.searches[0].cpuMs));
  const restMs = median(warm.map((w) => Math.max(...w.searches.slice(1).map((s) => s.ms))));
  const openSearch = median(warm.map((w) => w.openMs + w.searches[0].ms));
  const openSearchCpu = median(warm.map((w) => w.openCpuMs + w.searches[0].cpuMs));

  const cmp = await bigramComparison(cacheDir);

  const f = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const med = (rs, k) => median(rs.map((r) => r[k]));
  const lines = [
    `laws: the whole law library (${cold.files} files), each run a fresh Node process. For each: openLibrary's wall time`,
    `and CPU time (all threads), then the whole process's. On a busy machine the CPU time is the steadier figure: the`,
    `opening is single-threaded but for the cold parse, which shares the files between 2 threads.`,
    `  cold (every file parsed)      : ${f(cold.openMs)}, CPU ${f(cold.openCpuMs)} (process ${f(cold.processMs)}, peak ${cold.mb.toFixed(0)} MB)   ratio to the aim (10 s): ${(cold.openMs / 10000).toFixed(2)} (CPU/2: ${(cold.openCpuMs / 2 / 10000).toFixed(2)})`,
    `  one file changed (median of ${changed.length}) : ${f(med(changed, 'openMs'))}, CPU ${f(med(changed, 'openCpuMs'))} (process ${f(med(changed, 'processMs'))})   ratio to the aim (1 s): ${(med(changed, 'openMs') / 1000).toFixed(2)} (CPU: ${(med(changed, 'openCpuMs') / 1000).toFixed(2)})`,
    `  warm (median of ${warmRuns})            : ${f(med(warm, 'openMs'))}, CPU ${f(med(warm, 'openCpuMs'))} (process ${f(med(warm, 'processMs'))}; importing the code ${f(med(warm, 'importMs'))})   ratio to the aim (0.2 s): ${(med(warm, 'openMs') / 200).toFixed(2)} (CPU: ${(med(warm, 'openCpuMs') / 200).toFixed(2)})`,
    `  search warm (${QUERIES.length} queries, median of ${warmRuns}): the first ${f(firstSearchMs)}, CPU ${f(firstSearchCpu)} (reads the corpus); the others at most ${f(restMs)}; open + first search ${f(openSearch)}, CPU ${f(openSearchCpu)}   ratio to the aim (0.5 s): ${(openSearch / 500).toFixed(2)} (CPU: ${(openSearchCpu / 500).toFixed(2)})`,
    `  search by scan vs a bigram index over the same ${cmp.units} articles (${(cmp.chars / 1e6).toFixed(1)} M characters): corpus read ${f(cmp.loadMs)}; scan ${cmp.scanMs.toFixed(1)} ms a query; bigram index ${cmp.indexMs.toFixed(1)} ms a query, built in ${f(cmp.buildMs)} (${cmp.bigrams} bigrams, ${(cmp.postings / 1e6).toFixed(1)} M postings ≈ ${(cmp.postings * 4 / 1e6).toFixed(0)} MB as 32-bit ids)`,
  ];
  for (const l of lines) console.log(l);
  writeResults('laws', lines);
  return { cold, changed, warm, firstSearchMs, cmp };
}

/** Replaces (or adds) this benchmark's section in bench/RESULTS.md. */
export function writeResults(name, lines) {
  const file = path.join(ROOT, 'bench/RESULTS.md');
  const head = `## ${name}`;
  const when = `Measured ${new Date().toISOString().slice(0, 10)} with \`BENCH_ONLY=${name} npm run bench\` (Node ${process.version}, ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)} at the end).`;
  const section = [head, '', when, '', '```', ...lines, '```', ''].join('\n');
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n\nEach section is written by its benchmark (bench/*.js); the figures are this machine\'s, noisy: compare ratios.\n\n';
  const start = text.indexOf(`${head}\n`);
  if (start >= 0) {
    // The measured line and the figures' block are replaced; the paragraphs written after them (what changed, against
    // what, why) are kept: they are edited by hand with the figures.
    const next = text.indexOf('\n## ', start + head.length);
    const end = next >= 0 ? next + 1 : text.length;
    const open = text.indexOf('\n```\n', start);
    const close = open >= 0 && open < end ? text.indexOf('\n```\n', open + 5) : -1;
    const rest = close >= 0 && close < end ? text.slice(close + 5, end).replace(/^\n+/, '') : '';
    text = text.slice(0, start) + section + (rest ? `\n${rest}` : '') + (next >= 0 ? `${rest ? '' : '\n'}${text.slice(end)}` : '');
  } else {
    text = text.replace(/\n*$/, '\n\n') + section;
  }
  writeFileSync(file, text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();

// ---------------------------------------------------------------------------------------------------------------
// citations (issue 19, the checks half): what the law library adds to validating the example (examples/zhuzhou-commerce,
// 16 powers citing 9 laws): `powerbook validate --stage submit` in a fresh process, the library's index warm, against the
// same repository without a library, its cited laws typed into laws/*.yaml (title, short title, every article of the
// version in force: what a department would otherwise keep by hand). Aim: under 1.3× on a 2-core machine.
// `BENCH_ONLY=citations npm run bench` runs this alone.

const EXAMPLE = path.join(ROOT, 'examples/zhuzhou-commerce');
const BIN = path.join(ROOT, 'bin/powerbook.js');

const yamlString = (s) => JSON.stringify(s);

/** The example with its library texts typed into laws/ (and no law_library): the same citations, resolved locally. */
async function withoutLibrary(dir) {
  const { openLibrary } = await import(pathToFileURL(path.join(ROOT, 'lib/library/index.js')).href);
  const { validate } = await import(pathToFileURL(path.join(ROOT, 'lib/pipeline/index.js')).href);
  const { citedLaws } = await import(pathToFileURL(path.join(ROOT, 'lib/pipeline/coverage.js')).href);
  const v = await validate(EXAMPLE, { env: {} });
  const lib = v.library ?? await openLibrary([LIB]);
  const date = v.repo.config.data.compendium.date;
  // The laws the powers cite, and those the rules and the preface name ([[law:TITLE#…]]).
  const titles = new Set(citedLaws(v).filter((c) => c.kind === 'library').map((c) => c.title));
  for (const t of [...v.repo.rules.map((r) => r.body), ...[...v.repo.texts.values()].map((x) => x.text)]) {
    for (const m of t.matchAll(/\[\[law:([^#\]]+)/g)) if (lib.find(m[1]).kind === 'found' && !v.repo.laws.some((l) => l.data.id === m[1])) titles.add(lib.find(m[1]).law.title);
  }
  let n = 0;
  for (const title of titles) {
    const m = lib.find(title);
    if (m.kind !== 'found') throw new Error(`${title}: ${m.kind}`);
    const ver = lib.versionAt(m.law, date);
    const lines = [
      `id: lib-${++n}`, `title: ${yamlString(m.law.title)}`, `short_title: ${yamlString(m.law.shortTitle)}`,
      `level: ${ver.folder === '行政法规' ? '行政法规' : '法律'}`, `issuer: ${yamlString(ver.issuer ?? '国务院')}`,
      `effective: ${ver.inForce}`, 'status: 现行有效', 'articles:',
    ];
    for (const a of ver.articles) {
      const text = a.clauses.map((c) => [c.text, ...c.items.map((i) => (i.text.startsWith(i.label) ? i.text : i.label + i.text))].filter(Boolean).join('\n')).join('\n');
      lines.push(`  - number: ${a.label}`, '    text: |-', ...text.split('\n').map((l) => `      ${l}`));
    }
    writeFileSync(path.join(dir, 'laws', `lib-${n}.yaml`), lines.join('\n') + '\n');
  }
  const cfg = path.join(dir, 'powerbook.yaml');
  writeFileSync(cfg, readFileSync(cfg, 'utf8').replace(/^law_library:.*$/m, ''));
  return n;
}

function validateOnce(dir) {
  const r = runNode([BIN, 'validate', dir, '--stage', 'submit', '--format', 'json'], { cwd: ROOT, env: { ...process.env, POWERBOOK_LAW_LIBRARY: '' } });
  if (r.status !== 0) throw new Error(`validate ${dir} exited ${r.status}: ${r.stdout.slice(0, 2000)}${r.stderr.slice(0, 1000)}`);
  return r;
}

export async function runCitations({ runs = 9 } = {}) {
  if (!existsSync(path.join(LIB, 'README.md'))) throw new Error(`no law library at ${LIB}`);
  if (!existsSync(path.join(ROOT, 'lib/pipeline/coverage.js'))) throw new Error('build first: npm run build');
  mkdirSync(DATA, { recursive: true });
  const withLib = path.join(DATA, 'citations-with-library');
  const without = path.join(DATA, 'citations-without-library');
  for (const d of [withLib, without]) { rmSync(d, { recursive: true, force: true }); cpSync(EXAMPLE, d, { recursive: true, filter: (src) => !src.includes(`${path.sep}.powerbook`) }); }
  // The library's index: the example's own cache (built once by its first validate), linked rather than built again.
  const lawCache = path.join(EXAMPLE, '.powerbook', 'cache', 'laws');
  mkdirSync(lawCache, { recursive: true });
  mkdirSync(path.join(withLib, '.powerbook', 'cache'), { recursive: true });
  symlinkSync(lawCache, path.join(withLib, '.powerbook', 'cache', 'laws'), 'dir');
  const cfg = path.join(withLib, 'powerbook.yaml');
  writeFileSync(cfg, readFileSync(cfg, 'utf8').replace(/^law_library:.*$/m, `law_library: ${yamlString(LIB)}`));
  const typed = await withoutLibrary(without);
  // Warm: the library's index cached, the page cache filled.
  const cold = validateOnce(withLib);
  validateOnce(without);
  const a = [], b = [];
  for (let i = 0; i < runs; i++) { a.push(validateOnce(withLib)); b.push(validateOnce(without)); }
  const f = (ms) => `${ms.toFixed(0)} ms`;
  const ma = median(a.map((r) => r.ms)), mb = median(b.map((r) => r.ms));
  const ca = median(a.map((r) => r.cpuMs)), cb = median(b.map((r) => r.cpuMs));
  const lines = [
    `citations: validate examples/zhuzhou-commerce --stage submit, a fresh process each, median of ${runs} (alternating)`,
    `  with the law library (index warm)          : ${f(ma)} (CPU ${f(ca)}, peak ${median(a.map((r) => r.mb)).toFixed(0)} MB); first run: ${(cold.ms / 1000).toFixed(1)} s`,
    `  without: its ${typed} library laws typed in laws/ : ${f(mb)} (CPU ${f(cb)}, peak ${median(b.map((r) => r.mb)).toFixed(0)} MB)`,
    `  ratio with / without: ${(ma / mb).toFixed(2)} wall, ${(ca / cb).toFixed(2)} CPU   (aim: under 1.3)`,
  ];
  for (const l of lines) console.log(l);
  writeResults('citations', lines);
  return { withMs: ma, withoutMs: mb, ratio: ma / mb };
}
