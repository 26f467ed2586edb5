/**
 * powerbook as a department's CI installs it: `npm pack`, then the tarball installed into an empty prefix with the
 * install command and variables of the CI files `powerbook init --package <tarball>` writes (the GitLab build job's,
 * which the GitHub workflow's must equal). No browser is downloaded; the installed `powerbook` validates without one
 * and builds the example (fresh caches) to the same DOCX bytes as the checkout.
 *
 * lib/ must be current (`npm test` builds it first); the pack does not run `prepare` again. npm uses its cache
 * (prefer-offline): nothing but the npm registry is reached, and only for what the cache lacks.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyExample } from '../helpers/repo.js';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = 'examples/zhuzhou-commerce';
const NAME = '株洲市商务局规范权力运行制度汇编';

interface GitlabJob { variables: Record<string, string>; script: string[] }
interface GithubStep { name?: string; run?: string; env?: Record<string, string>; uses?: string }
interface GithubJob { steps: GithubStep[]; container?: string }

/** Every src/**\/*.ts has its lib/**\/*.js, no older than it: the tarball holds the code under test. */
function libStale(): string[] {
  const stale: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        const js = path.join(ROOT, 'lib', path.relative('src', rel).replace(/\.ts$/, '.js'));
        if (!existsSync(js) || statSync(js).mtimeMs < statSync(path.join(ROOT, rel)).mtimeMs) stale.push(rel);
      }
    }
  };
  walk('src');
  return stale;
}

/** The environment of a CI job: none of the npm_* settings `npm test` passes down, the user's npm cache kept. */
function ciEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'POWERBOOK_CHILD') env[k] = v;
  return { ...env, ...extra };
}

describe('the packed powerbook, installed as the CI files install it', () => {
  let work: string;
  let prefix: string;
  let home: string;
  let installed: string;
  let gitlab: Record<string, GitlabJob>;
  let github: { env?: Record<string, string>; jobs: Record<string, GithubJob> };
  let installOutput = '';

  beforeAll(async () => {
    const stale = libStale();
    if (stale.length) throw new Error(`lib/ is older than ${stale.slice(0, 3).join(', ')}…: run npm run build first (npm test does)`);
    work = tempDir('pb-pack-');
    prefix = path.join(work, 'prefix');
    home = path.join(work, 'home');
    mkdirSync(home);
    const cache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8', env: ciEnv({}) }).trim();

    const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: ROOT, encoding: 'utf8', env: ciEnv({}), stdio: ['ignore', 'pipe', 'pipe'],
    })) as Array<{ filename: string }>;
    const tarball = path.join(work, packed[0]!.filename);

    const ci = path.join(work, 'ci');
    const init = await cli(['init', ci, '--package', tarball]);
    expect(init.code, init.stderr).toBe(0);
    gitlab = parse(readFileSync(path.join(ci, '.gitlab-ci.yml'), 'utf8')) as Record<string, GitlabJob>;
    github = parse(readFileSync(path.join(ci, '.github/workflows/powerbook.yml'), 'utf8')) as typeof github;

    // The build job's own lines, run as they are; apt-get is left out (the machine has what it installs).
    const job = gitlab['powerbook-build']!;
    const lines = job.script.filter((l) => /^npm install\b/.test(l));
    expect(lines).toEqual(['npm install -g "$POWERBOOK_PACKAGE"']);
    const started = Date.now();
    for (const line of lines) {
      const r = spawnSync('bash', ['-ec', line], {
        cwd: work,
        encoding: 'utf8',
        env: ciEnv({
          ...job.variables,
          HOME: home, // a browser downloaded by an install script would land in $HOME/.cache/puppeteer
          npm_config_cache: cache,
          npm_config_prefix: prefix,
          npm_config_prefer_offline: 'true',
          npm_config_audit: 'false',
          npm_config_fund: 'false',
          npm_config_update_notifier: 'false',
        }),
      });
      installOutput += r.stdout + r.stderr;
      expect(r.status, installOutput).toBe(0);
    }
    console.log(`[pack] npm install -g of ${packed[0]!.filename}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    installed = path.join(prefix, 'bin/powerbook');
  }, 900_000);

  it('generates CI files that install without a browser, the same way on GitHub and GitLab', () => {
    expect(gitlab.powerbook!.variables.PUPPETEER_SKIP_DOWNLOAD).toBe('true');
    expect(gitlab['powerbook-build']!.variables.PUPPETEER_SKIP_DOWNLOAD).toBe('true');
    expect(github.env?.PUPPETEER_SKIP_DOWNLOAD).toBe('true');
    // validate needs no browser: its jobs install none.
    expect(gitlab.powerbook!.script.join('\n')).not.toMatch(/apt-get|chromium/);
    expect(github.jobs.validate!.steps.map((s) => s.run ?? '').join('\n')).not.toMatch(/apt-get|chromium/);
    // The build jobs take Chromium from Debian (apt), and install powerbook with the same command.
    expect(gitlab['powerbook-build']!.script.join('\n')).toMatch(/apt-get install .*\bchromium\b/);
    expect(github.jobs.build!.steps.map((s) => s.run ?? '').join('\n')).toMatch(/apt-get install .*\bchromium\b/);
    const githubInstall = github.jobs.build!.steps.find((s) => s.env?.POWERBOOK_PACKAGE !== undefined)!;
    expect(githubInstall.run?.trim()).toBe('npm install -g "$POWERBOOK_PACKAGE"');
  });

  it('installs the runtime dependencies only, with the patched docx, and downloads no browser', () => {
    const pkg = path.join(prefix, 'lib/node_modules/powerbook');
    expect(existsSync(installed)).toBe(true);
    expect(readFileSync(path.join(pkg, 'vendor/docx/layout.mjs'), 'utf8')).toContain('INLINE_PATTERN_0'); // the patch
    const modules = readdirSync(path.join(pkg, 'node_modules'));
    for (const present of ['puppeteer-core', 'mermaid', '@resvg']) expect(modules).toContain(present);
    for (const absent of ['puppeteer', 'docx', 'pdf-lib', 'vitest', 'patch-package', '@mermaid-js/mermaid-cli']) {
      expect(existsSync(path.join(pkg, 'node_modules', absent)), absent).toBe(false);
    }
    expect(existsSync(path.join(home, '.cache/puppeteer'))).toBe(false);
    expect(existsSync(path.join(pkg, 'lib/render/docx/libreoffice.js'))).toBe(false);
  });

  it('validates the example and the mistakes as the checkout does, without any browser', () => {
    for (const [dir, code] of [[EXAMPLE, 0], ['examples/mistakes', 1]] as const) {
      const args = ['validate', dir, '--stage', 'submit', '--format', 'json'];
      const env = ciEnv({ POWERBOOK_CHROMIUM: '/nonexistent/chromium', LANG: 'zh_CN.UTF-8' });
      const mine = spawnSync(installed, args, { cwd: ROOT, encoding: 'utf8', env });
      const checkout = spawnSync(process.execPath, [path.join(ROOT, 'bin/powerbook.js'), ...args], { cwd: ROOT, encoding: 'utf8', env });
      expect(mine.status, mine.stderr).toBe(code);
      expect(checkout.status, checkout.stderr).toBe(code);
      expect(mine.stdout).toBe(checkout.stdout);
      if (code) expect(JSON.parse(mine.stdout).length).toBeGreaterThan(5);
    }
  }, 120_000);

  it('builds the example to the same DOCX bytes as the checkout (fresh caches, same SOURCE_DATE_EPOCH)', async () => {
    const build = async (command: string, args: string[], name: string): Promise<Buffer> => {
      const repo = path.join(work, name);
      // The example's law_library is relative to the checkout: copyExample makes it absolute (and shares the index).
      copyExample(path.join(ROOT, EXAMPLE), repo, (src) => path.basename(src) !== '.powerbook');
      const out = path.join(work, `${name}-out`);
      const child = spawn(command, [...args, 'build', repo, '--stage', 'submit', '--format', 'docx', '--out', out], {
        cwd: work, env: ciEnv({ SOURCE_DATE_EPOCH: '1700000000', LANG: 'zh_CN.UTF-8' }), stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, stderr).toBe(0);
      return readFileSync(path.join(out, `${NAME}.docx`));
    };
    // Both at once: each waits on its own Chromium part of the time.
    const [mine, checkout] = await Promise.all([
      build(installed, [], 'installed'),
      build(process.execPath, [path.join(ROOT, 'bin/powerbook.js')], 'checkout'),
    ]);
    expect(mine.length).toBeGreaterThan(100_000);
    expect(Buffer.compare(mine, checkout)).toBe(0);
  }, 900_000);
});
