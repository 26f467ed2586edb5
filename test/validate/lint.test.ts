/**
 * powerbook.yaml's `lint:` applies to every rule id of diagnostics/rules.ts, whatever stage found the problem
 * (loading, YAML, schema, rules, hand-drawn flowcharts, build): for EVERY id, a repository where it fires shows none
 * of it with `<id>: off`, and shows all of it at the level set with `info`, `warning` or `error`, the other
 * diagnostics unchanged. An unknown id or level is config-unknown-rule at its place in powerbook.yaml.
 *
 * The repository: examples/mistakes (one mistake per semantic rule) plus the broken files of test/helpers/corpus.ts, validated at
 * stage publish (where every stage's requirements apply: compendium-draft-mark fires only there). The ids found only
 * while building are tested through a build: flowchart-render and flowchart-small-text through the pipeline's compile()
 * with real Chromium (a hand-drawn .mmd too large for A4, and one Mermaid cannot draw, its syntax error let through
 * with `flowchart-syntax: off`); revision-base through `powerbook build` itself, since the 修订说明 are made by
 * review/notes.ts, a layer above the pipeline that compile() cannot call (a compendium.revision_base git does not
 * have). Two ids cannot be set by `lint:` at all (NOT_SETTABLE): they mean there is no powerbook.yaml to hold it.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { RULE_IDS, RULE_META, type RuleId, type Severity } from '../../src/diagnostics/rules.js';
import { compile, validate } from '../../src/pipeline/index.js';
import { cli } from '../helpers/cli.js';
import { copyExample, edit, lineOf, tempDir, validRepo } from '../helpers/repo.js';
import { BUILD_ONLY, brokenRepository, NOT_SETTABLE, STAGE } from '../helpers/corpus.js';
import { commit, git, GIT_ENV } from '../review/fixture.js';

/**
 * Sets powerbook.yaml's `lint:` to what it was in `original` plus `lint`, in place (the tests of a file run one after
 * another; a copy of the repository per setting would write 1 MB more each time).
 */
function setLint(dir: string, original: string, lint: Record<string, string>): void {
  expect(original).toMatch(/\nlint:\n( {2}.*\n)+$/);
  writeFileSync(path.join(dir, 'powerbook.yaml'), original + Object.entries(lint).map(([id, level]) => `  ${id}: ${level}\n`).join(''));
}

const configOf = (dir: string) => readFileSync(path.join(dir, 'powerbook.yaml'), 'utf8').replace(/\n?$/, '\n');

const key = (d: Diagnostic) => JSON.stringify({ ...d, severity: undefined });
const of = (diags: Diagnostic[], id: RuleId) => diags.filter((d) => d.rule === id);
const others = (diags: Diagnostic[], id: RuleId) => diags.filter((d) => d.rule !== id).map((d) => JSON.stringify(d));

describe('lint: every rule id can be turned off, down or up', () => {
  let base: string, config: string;
  let found: Diagnostic[];
  beforeAll(async () => {
    base = tempDir('pb-lint-base-');
    brokenRepository(base);
    config = configOf(base);
    found = (await validate(base, { stage: STAGE })).diagnostics;
  }, 600_000); // a fresh clone builds the law library's index here (a minute or two on a busy machine)

  const validateIds = RULE_IDS.filter((id) => !NOT_SETTABLE[id] && !BUILD_ONLY.includes(id));

  it('the repository shows every id validate can find', () => {
    const missing = validateIds.filter((id) => !of(found, id).length);
    expect(missing).toEqual([]);
  });

  it.each(validateIds)('%s: off drops it and nothing else', async (id) => {
    setLint(base, config, { [id]: 'off' });
    const { diagnostics } = await validate(base, { stage: STAGE });
    expect(of(diagnostics, id)).toEqual([]);
    expect(others(diagnostics, id)).toEqual(others(found, id));
  }, 30_000);

  it.each(validateIds)('%s: info, warning and error set its level, and nothing else', async (id) => {
    for (const level of ['info', 'warning', 'error'] as Severity[]) {
      setLint(base, config, { [id]: level });
      const { diagnostics } = await validate(base, { stage: STAGE });
      const mine = of(diagnostics, id);
      expect(mine.map(key)).toEqual(of(found, id).map(key));
      expect(new Set(mine.map((d) => d.severity))).toEqual(new Set([level]));
      expect(others(diagnostics, id)).toEqual(others(found, id));
    }
  }, 60_000);

  it('the ids lint cannot reach are errors, and there are no others', async () => {
    expect(Object.keys(NOT_SETTABLE).sort()).toEqual(['config-missing', 'empty-repository']);
    const empty = tempDir('pb-lint-empty-');
    expect((await validate(empty)).diagnostics.map((d) => [d.rule, d.severity])).toEqual([['empty-repository', 'error']]);
    const noConfig = tempDir('pb-lint-noconfig-');
    copyExample('examples/mistakes', noConfig);
    rmSync(path.join(noConfig, 'powerbook.yaml'));
    expect(of((await validate(noConfig)).diagnostics, 'config-missing').map((d) => d.severity)).toEqual(['error']);
  });
});

describe('lint: the ids found while building', () => {
  let repo: string, config: string;
  beforeAll(async () => {
    repo = await validRepo();
    // A hand-drawn chain of 45 steps: far too long for A4 (flowchart-small-text, a warning by default).
    const chain = Array.from({ length: 45 }, (_, i) => `  s${i}[第${i + 1}个环节：承办科室经办人审查申请材料并提出意见] --> s${i + 1}`);
    writeFileSync(path.join(repo, 'powers/long.mmd'), ['flowchart TD', ...chain, ''].join('\n'));
    edit(repo, 'powers/XK-001.yaml', (s) => s.replace(/^category: (.*)$/m, 'category: $1\nflowchart: long.mmd'));
    // One Mermaid cannot draw: a syntax error, let through to the build with flowchart-syntax: off (flowchart-render).
    writeFileSync(path.join(repo, 'powers/XK-002.yaml'), readFileSync(path.join(repo, 'powers/XK-001.yaml'), 'utf8')
      .replace('id: XK-001', 'id: XK-002').replace('flowchart: long.mmd', 'flowchart: broken.mmd'));
    writeFileSync(path.join(repo, 'powers/broken.mmd'), 'flowchart TD\n  A --> --> B\n');
    config = configOf(repo);
  });

  /** Builds the repository with these `lint:` settings (in place, so that the drawing that works is drawn once, then cached). */
  async function build(lint: Record<string, string>): Promise<Diagnostic[]> {
    setLint(repo, config, { 'flowchart-syntax': 'off', ...lint });
    const v = await validate(repo);
    expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const c = await compile(v.repo, { lint: v.lint });
    return [...c.failures, ...c.warnings];
  }

  it('flowchart-render and flowchart-small-text: by default, off, and each level', async () => {
    const byDefault = await build({});
    expect(byDefault.map((d) => [d.file, d.rule, d.severity]).sort()).toEqual([
      ['powers/XK-001.yaml', 'flowchart-small-text', RULE_META['flowchart-small-text'].severity],
      ['powers/XK-002.yaml', 'flowchart-render', RULE_META['flowchart-render'].severity],
    ]);
    const off = await build({ 'flowchart-render': 'off', 'flowchart-small-text': 'off' });
    expect(off).toEqual([]);
    for (const [render, small] of [['info', 'error'], ['warning', 'info'], ['error', 'warning']] as const) {
      const got = await build({ 'flowchart-render': render, 'flowchart-small-text': small });
      expect(got.map((d) => [d.rule, d.severity]).sort()).toEqual([['flowchart-render', render], ['flowchart-small-text', small]]);
    }
  }, 240_000);
});

describe('lint: revision-base, found while building the 修订说明', () => {
  let repo: string, config: string;
  beforeAll(async () => {
    repo = await validRepo();
    git(repo, 'init', '-q', '-b', 'main');
    commit(repo, 'v1');
    // A revision the clone does not have (a shallow clone's previous edition).
    edit(repo, 'powerbook.yaml', (s) => s.replace(/^compendium:\n/m, '$&  revision_base: v9\n'));
    config = configOf(repo);
  });

  /** `powerbook build` with these `lint:` settings: its exit status, the diagnostics it printed as [rule, severity], whether it wrote the output. */
  async function build(lint: Record<string, string>): Promise<{ code: number; diags: string[][]; written: boolean }> {
    setLint(repo, config, lint);
    const out = path.join(tempDir('pb-lint-build-'), 'dist');
    const r = await cli(['build', repo, '--format', 'html', '--out', out, '--lang', 'en'], { env: GIT_ENV });
    const diags = [...r.stdout.matchAll(/^ {2}(\d+):\d+ {2}(error|warning|info) {2}.* {2}([a-z-]+)$/gm)].map((m) => [m[3]!, m[2]!, m[1]!]);
    return { code: r.code, diags, written: existsSync(path.join(out, 'site', 'index.html')) };
  }

  it('by default an error that stops the build; off drops it; info and warning let the build go on; error stops it again', async () => {
    const line = String(lineOf(repo, 'powerbook.yaml', 'revision_base: v9'));
    expect(await build({})).toEqual({ code: 1, diags: [['revision-base', RULE_META['revision-base'].severity, line]], written: false });
    expect(await build({ 'revision-base': 'off' })).toEqual({ code: 0, diags: [], written: true });
    for (const level of ['info', 'warning'] as const) {
      expect(await build({ 'revision-base': level })).toEqual({ code: 0, diags: [['revision-base', level, line]], written: true });
    }
    expect(await build({ 'revision-base': 'error' })).toEqual({ code: 1, diags: [['revision-base', 'error', line]], written: false });
  }, 240_000);
});

describe('lint: what it does not accept', () => {
  it('an unknown id and a bad level are config-unknown-rule at their place; the rest of lint and of powerbook.yaml still applies', async () => {
    const d = await validRepo();
    edit(d, 'powers/XK-001.yaml', (s) => s.replace('id: XK-001', 'id: XX-001'));
    edit(d, 'powerbook.yaml', (s) => `${s.replace(/\n?$/, '\n')}  no-such-rule: off\n  Bad_Case: warning\n  schema: loud\n  file-name-id: off\n`);
    const cfg = 'powerbook.yaml';
    const { repo, diagnostics } = await validate(d);
    expect(repo.config?.valid).toBe(true);
    expect(diagnostics.map((x) => `${x.file}:${x.start.line}:${x.start.column} ${x.rule} ${x.severity} ${x.messageId}`)).toEqual([
      `${cfg}:${lineOf(d, cfg, 'no-such-rule')}:3 config-unknown-rule warning unknownRule`,
      `${cfg}:${lineOf(d, cfg, 'Bad_Case')}:3 config-unknown-rule warning unknownRule`,
      `${cfg}:${lineOf(d, cfg, 'schema: loud')}:11 config-unknown-rule warning badLevel`,
      // power-id-prefix: warning (set by init) applies; file-name-id: off applies.
      `powers/XK-001.yaml:${lineOf(d, 'powers/XK-001.yaml', 'id: XX-001')}:5 power-id-prefix warning mismatch`,
    ]);
    expect(diagnostics[2].message).toBe('lint 中规则"schema"的级别"loud"无效');
    expect(diagnostics[2].hint).toBe('级别只能是 error、warning、info 或 off');
  });

  it('lint: that is not a mapping stays a schema error of powerbook.yaml', async () => {
    const d = await validRepo();
    edit(d, 'powerbook.yaml', (s) => s.replace(/^lint:\n( {2}.*\n)*/m, 'lint: off\n'));
    const { diagnostics } = await validate(d);
    expect(diagnostics.map((x) => [x.rule, x.start.line])).toEqual([['schema', lineOf(d, 'powerbook.yaml', 'lint: off')]]);
  });

  it('schema: off hides the message only: the file is still invalid, left out of the checks across files and of the compendium', async () => {
    const d = await validRepo();
    edit(d, 'powers/XK-001.yaml', (s) => s.replace('category: 行政许可', 'category: 许可'));
    const before = await validate(d);
    expect(before.diagnostics.map((x) => x.rule)).toEqual(['schema']);
    edit(d, 'powerbook.yaml', (s) => `${s.replace(/\n?$/, '\n')}  schema: off\n`);
    const after = await validate(d);
    expect(after.diagnostics).toEqual([]);
    expect(after.repo.powers.map((p) => p.valid)).toEqual([false]);
    // Not reported as unresolved either: the rule citing it ([[power:XK-001]], powers: [XK-001]) sees a broken file.
  });
});
