// Writes vendor/docx/: the two files of docx that powerbook runs (dist/index.mjs, dist/layout.mjs), as published on the
// npm registry (the devDependency `docx`, exactly the version in the patch's name) with patches/docx+<version>.patch
// applied, and docx's licence (MIT). The source imports them as `#docx` and `#docx/layout` (package.json "imports"), so
// the patched code runs in the checkout and in an installed package alike: no install script, no patch-package.
//
//   node scripts/vendor-docx.mjs           write vendor/docx/ (after upgrading docx or changing the patch)
//   node scripts/vendor-docx.mjs --check   exit 1 if vendor/docx/ is not the published files plus the patch
//
// Making the patch: edit node_modules/docx/dist/*.mjs of a pristine install, then
// `git diff --no-index` against the published files, with paths a/node_modules/docx/dist/... (as patch-package wrote them).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FILES = ['index.mjs', 'layout.mjs'];
const VENDOR = path.join(ROOT, 'vendor/docx');
const check = process.argv.includes('--check');

const require = createRequire(path.join(ROOT, 'package.json'));
// docx exports no ./package.json: its main file is dist/index.cjs, two folders down.
const docxDir = path.dirname(path.dirname(require.resolve('docx')));
const { version } = JSON.parse(readFileSync(path.join(docxDir, 'package.json'), 'utf8'));
const patches = readdirSync(path.join(ROOT, 'patches')).filter((f) => /^docx\+.+\.patch$/.test(f));
const patch = `docx+${version}.patch`;
if (!patches.includes(patch)) {
  fail(`node_modules/docx is ${version}, but patches/ has ${patches.join(', ') || 'no docx patch'}: ` +
    'install the version the patch was made for (npm ci), or make the patch anew for this one.');
}

/** The published files with the patch applied, in a temporary folder laid out as the patch's paths expect. */
const work = mkdtempSync(path.join(tmpdir(), 'powerbook-vendor-docx-'));
try {
  const dist = path.join(work, 'node_modules/docx/dist');
  mkdirSync(dist, { recursive: true });
  for (const f of FILES) copyFileSync(path.join(docxDir, 'dist', f), path.join(dist, f));
  try {
    // git apply works outside a repository too; it refuses a patch that does not fit (e.g. files already patched).
    execFileSync('git', ['apply', '--whitespace=nowarn', path.join(ROOT, 'patches', patch)], { cwd: work, stdio: 'pipe' });
  } catch (err) {
    fail(`patches/${patch} does not apply to node_modules/docx ${version} (already patched, or another build?):\n${err.stderr ?? err.message}`);
  }
  const wanted = new Map(FILES.map((f) => [f, readFileSync(path.join(dist, f))]));
  wanted.set('LICENSE', readFileSync(path.join(docxDir, 'LICENSE')));
  // Names the version for whoever needs it (the DOCX layout cache's key): require.resolve('#docx') finds the folder.
  wanted.set('package.json', Buffer.from(JSON.stringify({
    name: 'docx', version, private: true, license: 'MIT', type: 'module',
    description: `docx ${version} (npm) with patches/${patch} applied, by scripts/vendor-docx.mjs: do not edit`,
  }, null, 2) + '\n'));
  if (check) {
    const stale = [...wanted].filter(([f, bytes]) => {
      try { return !readFileSync(path.join(VENDOR, f)).equals(bytes); } catch { return true; }
    }).map(([f]) => f);
    if (stale.length) fail(`vendor/docx/${stale.join(', vendor/docx/')} differ from docx ${version} + patches/${patch}: run node scripts/vendor-docx.mjs`);
    process.stdout.write(`vendor/docx is docx ${version} + patches/${patch}\n`);
  } else {
    mkdirSync(VENDOR, { recursive: true });
    for (const [f, bytes] of wanted) {
      writeFileSync(path.join(VENDOR, `${f}.tmp`), bytes);
      renameSync(path.join(VENDOR, `${f}.tmp`), path.join(VENDOR, f));
    }
    process.stdout.write(`wrote vendor/docx: docx ${version} + patches/${patch}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

function fail(message) {
  process.stderr.write(`vendor-docx: ${message}\n`);
  process.exit(1);
}
