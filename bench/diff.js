// Benchmark: `powerbook diff` of two revisions of a 1,000-power repository (bench/generate.js: 1,000 powers, 50 laws,
// 40 rules), cold process, median of 3. Aim: under 2 s. Three revisions:
//   typical   a year's revision: 50 time limits shortened, 20 bases added, 10 powers removed, 10 renumbered, 10 added,
//             2 law articles reworded (so every power is read for the provisions it cites), 5 rules edited
//   worktree  the same changes uncommitted, against HEAD (working-tree files hashed as git would)
//   all       every power changed (the worst case: 2,000 files parsed and compared)
//   library   the typical revision of a repository whose powers cite the law library (../shared/laws-lib; 200 of them
//             texts amended between the dates), the compendium date moved 2020-01-01 → 2025-06-01: the library opened
//             (its index warm) and every power's citations read at both dates
// Peer for scale: `git diff --stat` of the same two commits (git's own text diff, no parsing).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepository } from './generate.js';
import { median, runNode } from './measure.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid', GIT_CONFIG_GLOBAL: '/dev/null' };
const git = (dir, ...args) => execFileSync('git', args, { cwd: dir, env: ENV, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();

function edit(file, f) { writeFileSync(file, f(readFileSync(file, 'utf8'))); }

/** A year's revision of the generated repository, as files changed in place. */
function revise(dir) {
  const powers = readdirSync(path.join(dir, 'powers')).sort();
  powers.slice(0, 50).forEach((f) => edit(path.join(dir, 'powers', f), (s) => s.replace('statutory: { days: 20, unit: 工作日 }', 'statutory: { days: 15, unit: 工作日 }')));
  powers.slice(50, 70).forEach((f) => edit(path.join(dir, 'powers', f), (s) => s.replace('legal_bases:\n', 'legal_bases:\n  - law: law-3\n    article: 第九条\n')));
  powers.slice(100, 110).forEach((f) => rmSync(path.join(dir, 'powers', f)));
  powers.slice(200, 210).forEach((f) => {
    const id = f.replace('.yaml', ''), to = id.replace(/-(\d+)$/, (m, n) => `-9${n}`);
    renameSync(path.join(dir, 'powers', f), path.join(dir, 'powers', `${to}.yaml`));
    edit(path.join(dir, 'powers', `${to}.yaml`), (s) => s.replace(`id: ${id}`, `id: ${to}`));
  });
  for (let k = 0; k < 10; k++) {
    const text = readFileSync(path.join(dir, 'powers', powers[300 + k]), 'utf8').replace(/^id: (\w+)-(\d+)$/m, 'id: $1-8$2').replace(/^name: .*$/m, `name: 新增职权事项第${k}项`);
    const id = /^id: (.*)$/m.exec(text)[1];
    writeFileSync(path.join(dir, 'powers', `${id}.yaml`), text);
  }
  for (const l of ['law-3', 'law-4']) edit(path.join(dir, 'laws', `${l}.yaml`), (s) => s.replace('第9条的条文内容：县级以上人民政府', '第9条的条文内容（修订）：县级以上地方人民政府'));
  readdirSync(path.join(dir, 'rules')).sort().slice(0, 5).forEach((f) => edit(path.join(dir, 'rules', f), (s) => s.replace('确保权力在阳光下运行', '确保权力在阳光下规范运行')));
}

function setUp(dir, all) {
  generateRepository(dir, { powers: 1000, laws: 50, rules: 40 });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  if (all) {
    for (const f of readdirSync(path.join(dir, 'powers'))) edit(path.join(dir, 'powers', f), (s) => s.replace('promised: { days: 10, unit: 工作日 }', 'promised: { days: 8, unit: 工作日 }').replace('unit: 市场秩序科', 'unit: 市场运行科'));
  } else revise(dir);
}

/** Texts of the library cited by the library case, each with an article: several amended between 2020 and 2025. */
const LIBRARY_BASES = [
  ['中华人民共和国对外贸易法', '第九条'], ['国务院关于经营者集中申报标准的规定', '第三条'], ['中华人民共和国行政许可法', '第四十二条'],
  ['中华人民共和国行政处罚法', '第三十六条'], ['中华人民共和国公司法', '第六条'], ['中华人民共和国对外贸易法', '第十条'],
  ['报废机动车回收管理办法', '第六条'], ['中华人民共和国电子商务法', '第十条'],
];

function setUpLibrary(dir) {
  generateRepository(dir, { powers: 1000, laws: 50, rules: 40 });
  const lib = path.resolve(ROOT, '../shared/laws-lib');
  edit(path.join(dir, 'powerbook.yaml'), (s) => s.replace('date: 2025-11-20', 'date: 2020-01-01') + `law_library: ${JSON.stringify(lib)}\n`);
  readdirSync(path.join(dir, 'powers')).sort().forEach((f, i) => {
    const [law, article] = LIBRARY_BASES[i % LIBRARY_BASES.length];
    edit(path.join(dir, 'powers', f), (s) => s.replace('legal_bases:\n', `legal_bases:\n  - law: ${law}\n    article: ${article}\n`));
  });
  writeFileSync(path.join(dir, '.gitignore'), '.powerbook/\n');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  revise(dir);
  edit(path.join(dir, 'powerbook.yaml'), (s) => s.replace('date: 2020-01-01', 'date: 2025-06-01'));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'revision');
}

function measure(label, dir, args, runs) {
  const times = [], cpu = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = runNode([path.join(ROOT, 'bin/powerbook.js'), 'diff', '-C', dir, ...args, '--format', 'json']);
    if (last.status !== 0) throw new Error(`powerbook diff failed (${last.status}): ${last.stderr.slice(0, 500)}`);
    times.push(last.ms);
    cpu.push(last.cpuMs);
  }
  const d = JSON.parse(last.stdout);
  const p = d.counts.power;
  const t0 = process.hrtime.bigint();
  const g = spawnSync('git', ['diff', '--stat', ...args.filter((a) => !a.startsWith('-'))], { cwd: dir, env: ENV, encoding: 'utf8', maxBuffer: 1 << 28 });
  const gitMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (g.status !== 0) throw new Error(g.stderr);
  const ms = median(times);
  const cpuMs = median(cpu);
  console.log(`  ${label.padEnd(9)} ${(ms / 1000).toFixed(2)} s (CPU ${(cpuMs / 1000).toFixed(2)} s), peak ${last.mb.toFixed(0)} MB  (powers: +${p.added} -${p.removed} renamed ${p.renamed} changed ${p.changed}; ` +
    `${d.provisions.length} cited provisions changed)   aim 2 s: ratio ${(ms / 2000).toFixed(2)} (CPU ${(cpuMs / 2000).toFixed(2)});   git diff --stat ${(gitMs / 1000).toFixed(2)} s, ratio ${(ms / gitMs).toFixed(1)}`);
  return { ms, cpuMs, mb: last.mb, gitMs };
}

export async function run({ runs = 3 } = {}) {
  const typical = path.join(ROOT, 'bench/.data/diff-1k'), all = path.join(ROOT, 'bench/.data/diff-1k-all');
  if (!existsSync(path.join(typical, '.git')) || !git(typical, 'log', '--oneline').includes('revision')) {
    setUp(typical, false);
    git(typical, 'add', '-A');
    git(typical, 'commit', '-q', '-m', 'revision');
  }
  if (!existsSync(path.join(all, '.git'))) setUp(all, true);
  console.log(`diff: two revisions of a 1,000-power repository, cold process, median of ${runs}   (aim < 2 s; load average ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores)`);
  const a = measure('typical', typical, ['HEAD~1', 'HEAD'], runs);
  // The same revision uncommitted: a branch at the base commit with the revision's files in the working tree.
  git(typical, 'checkout', '-q', '-B', 'uncommitted', 'main');
  git(typical, 'reset', '-q', '--soft', 'HEAD~1');
  const b = measure('worktree', typical, ['HEAD'], runs);
  git(typical, 'checkout', '-q', '-f', 'main');
  const c = measure('all', all, ['HEAD'], runs);
  const withLibrary = path.join(ROOT, 'bench/.data/diff-1k-lib');
  if (!existsSync(path.resolve(ROOT, '../shared/laws-lib'))) {
    console.log('  library   skipped: no law library at ../shared/laws-lib');
    return { typical: a, worktree: b, all: c };
  }
  if (!existsSync(path.join(withLibrary, '.git')) || !git(withLibrary, 'log', '--oneline').includes('revision')) {
    rmSync(withLibrary, { recursive: true, force: true });
    setUpLibrary(withLibrary);
  }
  // The library's index built once (as a department's cache holds it), not measured.
  const warm = runNode([path.join(ROOT, 'bin/powerbook.js'), 'diff', '-C', withLibrary, 'HEAD~1', 'HEAD', '--format', 'json']);
  if (warm.status !== 0) throw new Error(`powerbook diff failed (${warm.status}): ${warm.stderr.slice(0, 500)}`);
  const l = measure('library', withLibrary, ['HEAD~1', 'HEAD'], runs);
  return { typical: a, worktree: b, all: c, library: l };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
