/**
 * powerbook.yaml's `lint:` applies to every rule id of diagnostics/rules.ts, whatever stage found the problem
 * (loading, YAML, schema, rules, hand-drawn flowcharts, build): for EVERY id, a repository where it fires shows none
 * of it with `<id>: off`, and shows all of it at the level set with `info`, `warning` or `error`, the other
 * diagnostics unchanged. An unknown id or level is config-unknown-rule at its place in powerbook.yaml.
 *
 * The repository: examples/mistakes (one mistake per semantic rule) plus the broken files of FILES below, validated at
 * stage publish (where every stage's requirements apply: compendium-draft-mark fires only there). The ids found only
 * while building are tested through a build: flowchart-render and flowchart-small-text through the pipeline's compile()
 * with real Chromium (a hand-drawn .mmd too large for A4, and one Mermaid cannot draw, its syntax error let through
 * with `flowchart-syntax: off`); revision-base through `powerbook build` itself, since the 修订说明 are made by
 * review/notes.ts, a layer above the pipeline that compile() cannot call (a compendium.revision_base git does not
 * have). Two ids cannot be set by `lint:` at all (NOT_SETTABLE): they mean there is no powerbook.yaml to hold it.
 */
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { RULE_IDS, RULE_META, type RuleId, type Severity } from '../../src/diagnostics/rules.js';
import { compile, validate } from '../../src/pipeline/index.js';
import { cli } from '../helpers/cli.js';
import { copyExample, edit, lineOf, tempDir, validRepo } from '../helpers/repo.js';
import { commit, git, GIT_ENV } from '../review/fixture.js';

/** Ids `lint:` cannot reach, and why. */
const NOT_SETTABLE: Partial<Record<RuleId, string>> = {
  'config-missing': 'reported when there is no powerbook.yaml: there is no lint: to set it in',
  'empty-repository': 'reported when the directory has no powerbook.yaml (nor anything else): no lint: either',
};
/** Ids found only by `build`, tested below (compendium-file-omitted: test/build/omitted.test.ts): the flowcharts' (compile(), with Chromium) and the 修订说明's (the command). */
const BUILD_ONLY: RuleId[] = ['flowchart-render', 'flowchart-small-text', 'revision-base', 'compendium-file-omitted'];
/** The stage the repository is validated at: the last, where every requirement of the stage table applies. */
const STAGE = 'publish';

/** Broken files added to a copy of examples/mistakes, for the ids it does not show (problems of files, not of content). */
const FILES: Record<string, string | Buffer> = {
  'laws/yaml-syntax.yaml': 'id: yaml-syntax\ntitle: "没有结束的引号\n',
  'laws/duplicate-key.yaml': 'id: duplicate-key\ntitle: 甲\ntitle: 乙\n',
  'laws/tab-indent.yaml': 'id: tab-indent\narticles:\n\t- number: 第一条\n',
  'laws/alias-limit.yaml': aliasBomb(),
  'laws/binary-file.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  'laws/empty-file.yaml': '\n',
  'laws/encoding.yaml': iconv.encode('id: encoding\ntitle: 国标编码的法律\n', 'gb18030'),
  'laws/file-too-large.yaml': `id: file-too-large\n# ${'x'.repeat(1_100_000)}\n`,
  'laws/yaml-too-deep.yaml': `id: yaml-too-deep\narticles: ${'['.repeat(150)}${']'.repeat(150)}\n`,
};

function aliasBomb(): string {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 9; i++) {
    const prev = String.fromCharCode(97 + i), name = String.fromCharCode(98 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return lines.join('\n') + '\n';
}

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
    copyExample('examples/mistakes', base);
    for (const [rel, data] of Object.entries(FILES)) writeFileSync(path.join(base, rel), data);
    symlinkSync('/etc/hostname', path.join(base, 'laws/path-outside.yaml'));
    // A hand-drawn flowchart that is not there (file-missing).
    writeFileSync(path.join(base, 'powers/QT-001.yaml'), readFileSync(path.join(base, 'powers/XK-001.yaml'), 'utf8')
      .replace(/^id: .*$/m, 'id: QT-001').replace(/^category: .*$/m, '$&\nflowchart: not-there.mmd'));
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
