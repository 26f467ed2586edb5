/**
 * The CI files `powerbook init` writes, against each platform's published schema — GitHub's own workflow parser
 * (@actions/workflow-parser, the schema GitHub's language services use) and GitLab's CI JSON Schema (as shipped in
 * gitlab-ci-local 4.64.1, src/schema/schema.js, copied from gitlab-org/gitlab app/assets/javascripts/editor/schema/ci.json)
 * — and run as the platforms run them: GitLab's script writes every report, then fails; GitHub's diff step fills the job
 * summary. `--format gitlab` against GitLab's Code Quality report format.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
// @ts-expect-error: gitlab-ci-local ships JavaScript without type declarations.
import { schema as gitlabCiSchema } from 'gitlab-ci-local/src/schema/schema.js';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { edit, tempDir } from '../helpers/repo.js';
import { commit, git, GIT_ENV } from './fixture.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function initRepo(pkg?: string): Promise<string> {
  const d = tempDir();
  const r = await cli(['init', d, '--department', '测试市商务局', ...(pkg ? ['--package', pkg] : [])]);
  expect(r.code).toBe(0);
  return d;
}

async function workflowErrors(content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name: 'powerbook.yml', content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    errors.push(...(template.errors ?? []).map((e) => e.Message));
  }
  return errors;
}

function gitlabValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true, validateFormats: false });
  addFormats(ajv);
  return ajv.compile(gitlabCiSchema as object);
}

/**
 * GitLab Code Quality, as GitLab itself checks it: its parser (Gitlab::Ci::Parsers::Codequality::CodeClimate) reads a
 * top-level array and validates every entry against the schema GitLab publishes in its source,
 * app/validators/json_schemas/codeclimate.json (gitlabhq/gitlabhq, last changed in f986ce9ffa56e25d0a3010c78d9481664742d766),
 * stopping at the first entry that fails (CodequalityReports#valid_degradation?). Its constraints, restated: an object
 * with description, fingerprint and severity (strings) and location (an object: path a string, lines.begin and
 * positions.begin.line integers), other properties allowed. Entries are keyed by fingerprint (a repeat replaces the one
 * before). CODE_QUALITY below adds what GitLab's documentation of the report requires on top of that
 * (docs.gitlab.com/ci/testing/code_quality: "Code Quality report format").
 */
const GITLAB_PARSER_ENTRY = {
  type: 'object',
  required: ['description', 'fingerprint', 'severity', 'location'],
  properties: {
    description: { type: 'string' }, fingerprint: { type: 'string' }, severity: { type: 'string' },
    location: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        lines: { type: 'object', properties: { begin: { type: 'integer' } } },
        positions: { type: 'object', properties: { begin: { type: 'object', properties: { line: { type: 'integer' } } } } },
      },
    },
  },
  additionalProperties: true,
} as const;

/** A Code Quality report as GitLab reads it: an array of entries each valid under GitLab's schema, unique fingerprints. */
function gitlabReads(report: unknown): string[] {
  if (!Array.isArray(report)) return ['not an array'];
  const entry = new Ajv({ allErrors: true }).compile(GITLAB_PARSER_ENTRY);
  const errors = report.flatMap((e, i) => (entry(e) ? [] : [`entry ${i}: ${JSON.stringify(entry.errors)}`]));
  const fps = report.map((e) => (e as { fingerprint?: string }).fingerprint);
  if (new Set(fps).size !== fps.length) errors.push('repeated fingerprints');
  return errors;
}

// ajv and ajv-formats are CommonJS: their default export is the module object under NodeNext typing.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

const CODE_QUALITY = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object', required: ['path', 'lines'],
        properties: { path: { type: 'string', minLength: 1, not: { pattern: '^(/|\\./)' } }, lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } } },
      },
    },
  },
} as const;

describe('the GitHub Actions workflow', () => {
  it('parses without error under GitHub\'s workflow schema, with and without --package; a broken one does not', async () => {
    for (const pkg of [undefined, 'git+https://git.example.gov.cn/it/powerbook.git']) {
      const d = await initRepo(pkg);
      const text = readFileSync(path.join(d, '.github/workflows/powerbook.yml'), 'utf8');
      expect(await workflowErrors(text)).toEqual([]);
    }
    const d = await initRepo();
    const text = readFileSync(path.join(d, '.github/workflows/powerbook.yml'), 'utf8');
    // The parser does find mistakes: a misspelt key and a broken expression.
    expect((await workflowErrors(text.replace('continue-on-error: true', 'continue-on-eror: true'))).length).toBeGreaterThan(0);
    expect((await workflowErrors(text.replace("github.event_name == 'pull_request'", "github.event_name == ('pull_request'"))).length).toBeGreaterThan(0);
  });

  it('has the steps reviewers see: annotations, the diff as job summary and sticky comment, the compendium and the reports as artifacts', async () => {
    const d = await initRepo();
    const wf = parseYaml(readFileSync(path.join(d, '.github/workflows/powerbook.yml'), 'utf8')) as { jobs: Record<'validate' | 'build', { permissions: Record<string, string>; steps: Record<string, unknown>[]; if?: string }> };
    const job = wf.jobs.validate;
    expect(job.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const steps = job.steps;
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    const run = (name: string) => String(steps.find((s) => s.name === name)?.run ?? '');
    expect(run('检查制度库')).toContain('--format github');
    expect(run('变更说明')).toContain('>> "$GITHUB_STEP_SUMMARY"');
    const comment = steps.find((s) => s.name === '在合并请求中评论变更说明')!;
    expect(comment.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(comment['continue-on-error']).toBe(true);
    expect(String(comment.run)).toContain('<!-- powerbook-diff -->');
    expect(steps.filter((s) => s.uses === 'actions/upload-artifact@v4').map((s) => (s.with as { name: string }).name)).toEqual(['powerbook-reports']);
    // The compendium is built on a pull request (for its reviewers) and on the default branch, by a job of its own with
    // Debian's Chromium and the whole history (the 修订说明 compares with an earlier revision), and kept as an artifact.
    const build = wf.jobs.build;
    expect(build.if).toContain('default_branch');
    expect(build.if).toContain("github.event_name == 'pull_request'");
    expect(build.steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(build.steps.some((s) => String(s.run ?? '').includes('powerbook build'))).toBe(true);
    expect(build.steps.filter((s) => s.uses === 'actions/upload-artifact@v4').map((s) => (s.with as { name: string }).name)).toEqual(['制度汇编']);
  });

  it('its diff step writes the markdown into the job summary (run as the runner runs it)', async () => {
    const d = await initRepo();
    git(d, 'init', '-q', '-b', 'main');
    commit(d, 'base');
    git(d, 'checkout', '-q', '-b', 'pr');
    edit(d, 'powers/XK-001.yaml', (s) => s.replace('statutory: { days: 20, unit: 工作日 }', 'statutory: { days: 15, unit: 工作日 }'));
    commit(d, 'shorter');
    const wf = parseYaml(readFileSync(path.join(d, '.github/workflows/powerbook.yml'), 'utf8')) as { jobs: { validate: { steps: { name?: string; run?: string }[] } } };
    const step = wf.jobs.validate.steps.find((s) => s.name === '变更说明')!;
    const summary = path.join(tempDir(), 'summary.md');
    const r = runShell(step.run!, d, { GITHUB_STEP_SUMMARY: summary, GITHUB_BASE_REF: 'main' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('<!-- powerbook-diff -->')).toBe(true);
    expect(md).toContain('| 法定办理时限 | 20个工作日 | 15个工作日 | 缩短 5 个工作日 |');
  });
});

describe('the GitHub sticky comment step (run as the runner runs it, `gh` standing in for GitHub\'s API)', () => {
  it('posts the diff once, then updates that same comment; without a diff it does nothing', async () => {
    const d = await initRepo();
    const wf = parseYaml(readFileSync(path.join(d, '.github/workflows/powerbook.yml'), 'utf8')) as { jobs: { validate: { steps: { name?: string; run?: string; env?: Record<string, string> }[] } } };
    const step = wf.jobs.validate.steps.find((s) => s.name === '在合并请求中评论变更说明')!;
    expect(step.env).toMatchObject({ GH_TOKEN: '${{ github.token }}', PR: '${{ github.event.pull_request.number }}' });
    // A `gh` that keeps the repository's comments in a folder: `api …/comments --jq …` lists the ids of those whose body
    // starts with the marker, POST adds one, PATCH replaces one. Every call is logged.
    const state = tempDir();
    const bin = path.join(tempDir(), 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'gh'), `#!/bin/bash
set -e
echo "$*" >> "${state}/calls"
body() { for a in "$@"; do case "$a" in body=@*) cat "\${a#body=@}";; esac; done; }
case "$*" in
  *"--method POST"*) n=$(( $(ls "${state}" | grep -c '^comment-' || true) + 1 )); body "$@" > "${state}/comment-$n";;
  *"--method PATCH"*) id=$(echo "$*" | sed -E 's|.*issues/comments/([0-9]+).*|\\1|'); body "$@" > "${state}/comment-$id";;
  *) for f in "${state}"/comment-*; do [ -e "$f" ] || continue; head -c 23 "$f" | grep -q '^<!-- powerbook-diff -->' && echo "\${f##*-}"; done;;
esac
`, { mode: 0o755 });
    const run = (diff: string | null) => {
      if (diff === null) rmSync(path.join(d, 'powerbook-diff.md'), { force: true });
      else writeFileSync(path.join(d, 'powerbook-diff.md'), diff);
      return spawnSync('bash', ['-e', '-o', 'pipefail', '-c', step.run!], { cwd: d, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, GITHUB_REPOSITORY: 'county/commerce', PR: '12', GH_TOKEN: 'x' } });
    };
    expect(run('<!-- powerbook-diff -->\nfirst\n').status).toBe(0);
    expect(run('<!-- powerbook-diff -->\nsecond\n').status).toBe(0);
    expect(readdirSync(state).filter((f) => f.startsWith('comment-'))).toEqual(['comment-1']);
    expect(readFileSync(path.join(state, 'comment-1'), 'utf8')).toBe('<!-- powerbook-diff -->\nsecond\n');
    const calls = readFileSync(path.join(state, 'calls'), 'utf8').trim().split('\n');
    expect(calls.map((c) => (c.includes('--method POST') ? 'POST' : c.includes('--method PATCH') ? 'PATCH' : 'GET'))).toEqual(['GET', 'POST', 'GET', 'PATCH']);
    expect(calls[1]).toContain('repos/county/commerce/issues/12/comments');
    expect(calls[3]).toContain('repos/county/commerce/issues/comments/1');
    // No diff written (the diff step failed): nothing posted.
    expect(run(null).status).toBe(0);
    expect(readFileSync(path.join(state, 'calls'), 'utf8').trim().split('\n')).toHaveLength(4);
  });
});

/** A `powerbook` on PATH that runs this checkout's binary (built lib/, as `npm test` builds it first). */
function shimDir(): string {
  const bin = path.join(tempDir(), 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'powerbook'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'bin/powerbook.js')}" "$@"\n`, { mode: 0o755 });
  return bin;
}

function runShell(script: string, cwd: string, env: Record<string, string>) {
  return spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd, encoding: 'utf8', env: { ...GIT_ENV, ...env, PATH: `${shimDir()}:${process.env.PATH}`, LANG: 'zh_CN.UTF-8' } });
}

describe('the GitLab CI file', () => {
  beforeAll(() => { expect(existsSync(path.join(ROOT, 'lib/cli/main.js')), 'run npm run build first').toBe(true); });

  it('is valid under GitLab\'s CI schema, with and without --package; a broken one is not', async () => {
    const validate = gitlabValidator();
    for (const pkg of [undefined, 'https://example.gov.cn/powerbook-0.1.0.tgz']) {
      const d = await initRepo(pkg);
      const ok = validate(parseYaml(readFileSync(path.join(d, '.gitlab-ci.yml'), 'utf8')));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
    const d = await initRepo();
    const text = readFileSync(path.join(d, '.gitlab-ci.yml'), 'utf8');
    expect(validate(parseYaml(text.replace('when: always', 'when: sometimes')))).toBe(false);
    expect(validate(parseYaml(text.replace('codequality: gl-code-quality-report.json', 'codequality: { path: x }')))).toBe(false);
  });

  it('writes the Code Quality, SARIF, JSON and status reports although validation fails, and fails afterwards', async () => {
    const d = await initRepo();
    edit(d, 'powers/XK-001.yaml', (s) => s.replace('promised: { days: 10, unit: 工作日 }', 'promised: { days: 30, unit: 工作日 }'));
    git(d, 'init', '-q', '-b', 'main');
    commit(d, 'base');
    const base = git(d, 'rev-parse', 'HEAD');
    edit(d, 'powers/XK-001.yaml', (s) => s.replace('unit: 办公室', 'unit: 市场秩序科'));
    commit(d, 'change');
    const ci = parseYaml(readFileSync(path.join(d, '.gitlab-ci.yml'), 'utf8')) as { powerbook: { script: string[]; artifacts: { when: string; paths: string[]; reports: { codequality: string } } } };
    // Everything after the install lines (the shim stands for `npm install -g`), in one shell as GitLab's runner does.
    const script = ci.powerbook.script.filter((l) => !l.includes('POWERBOOK_PACKAGE')).join('\n');
    const r = runShell(script, d, { CI_MERGE_REQUEST_DIFF_BASE_SHA: base });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('time-limit-promised');
    expect(ci.powerbook.artifacts.when).toBe('always');
    // The whole history, for the diff and for the build's 修订说明.
    const all = parseYaml(readFileSync(path.join(d, '.gitlab-ci.yml'), 'utf8')) as Record<string, { variables?: Record<string, string> }>;
    expect([all.powerbook!.variables!.GIT_DEPTH, all['powerbook-build']!.variables!.GIT_DEPTH]).toEqual(['0', '0']);
    for (const f of ci.powerbook.artifacts.paths) expect(existsSync(path.join(d, f)), f).toBe(true);
    const cq = JSON.parse(readFileSync(path.join(d, ci.powerbook.artifacts.reports.codequality), 'utf8')) as { check_name: string; location: { path: string; lines: { begin: number } } }[];
    expect(gitlabReads(cq)).toEqual([]);
    expect(cq).toEqual([expect.objectContaining({ check_name: 'time-limit-promised', severity: 'major', location: { path: 'powers/XK-001.yaml', lines: { begin: expect.any(Number) } } })]);
    expect(JSON.parse(readFileSync(path.join(d, 'powerbook-status.json'), 'utf8'))).toMatchObject({ kind: 'powerbook-status', next: 'draft' });
    expect(readFileSync(path.join(d, 'powerbook-diff.md'), 'utf8')).toContain('| 承办机构 | 办公室 | 市场秩序科 |');
    expect(JSON.parse(readFileSync(path.join(d, 'powerbook.sarif'), 'utf8')).runs[0].results).toHaveLength(1);
  });
});

describe('validate --format gitlab', () => {
  it('every problem of examples/mistakes as a GitLab Code Quality issue: the documented fields, unique fingerprints', async () => {
    // Run from the repository's root, as CI does: paths relative to it.
    const mistakes = { cwd: path.join(ROOT, 'examples/mistakes') };
    const gl = await cli(['validate', '.', '--stage', 'submit', '--format', 'gitlab'], mistakes);
    const js = await cli(['validate', '.', '--stage', 'submit', '--format', 'json'], mistakes);
    expect(gl.code).toBe(1);
    const issues = JSON.parse(gl.stdout) as { fingerprint: string; check_name: string; severity: string; description: string; location: { path: string; lines: { begin: number } } }[];
    const diags = JSON.parse(js.stdout) as { file: string; line: number; rule: string; severity: string; message: string }[];
    const ajv = new Ajv({ allErrors: true });
    const valid = ajv.compile(CODE_QUALITY);
    expect(valid(issues), JSON.stringify(valid.errors)).toBe(true);
    expect(gitlabReads(issues)).toEqual([]);
    // GitLab's schema does reject what its parser would stop at.
    expect(gitlabReads([{ ...issues[0], fingerprint: 7 }])).toHaveLength(1);
    expect(gitlabReads([{ ...issues[0], location: { path: 'x', lines: { begin: '3' } } }])).toHaveLength(1);
    expect(gitlabReads({ issues })).toEqual(['not an array']);
    expect(issues.length).toBe(diags.length);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    issues.forEach((i, k) => {
      expect(i.location).toEqual({ path: diags[k]!.file, lines: expect.objectContaining({ begin: diags[k]!.line }) });
      expect(i.check_name).toBe(diags[k]!.rule);
      expect(i.severity).toBe({ error: 'major', warning: 'minor', info: 'info' }[diags[k]!.severity]);
      expect(i.description.startsWith(diags[k]!.message)).toBe(true);
    });
    // The same input gives the same fingerprints (GitLab compares them between pipelines).
    expect((await cli(['validate', '.', '--stage', 'submit', '--format', 'gitlab'], mistakes)).stdout).toBe(gl.stdout);
  });

  it('is offered by validate --help and needs no network', () => {
    const help = execFileSync(process.execPath, [path.join(ROOT, 'bin/powerbook.js'), 'validate', '--help'], { encoding: 'utf8' });
    expect(help).toContain('gitlab');
  });
});

