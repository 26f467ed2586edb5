/** `powerbook init`: the CI files it writes install powerbook from a source the department names, never a bare npm name. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';

type Step = { name?: string; run?: string; env?: Record<string, string> };

async function init(extra: string[] = []) {
  const dir = tempDir('pb-init-');
  const r = await cli(['init', dir, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  const github = parse(readFileSync(path.join(dir, '.github/workflows/powerbook.yml'), 'utf8')) as { jobs: { validate: { steps: Step[] } } };
  const gitlab = parse(readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8')) as { powerbook: { variables: Record<string, string>; script: string[] } };
  const install = github.jobs.validate.steps.find((s) => s.env?.POWERBOOK_PACKAGE !== undefined)!;
  return { install, gitlab: gitlab.powerbook };
}

describe('powerbook init: CI files', () => {
  it('take the install source from a CI variable by default, and fail with a plain message when it is not set', async () => {
    const { install, gitlab } = await init();
    expect(install.env!.POWERBOOK_PACKAGE).toBe('${{ vars.POWERBOOK_PACKAGE }}');
    expect(install.run).toContain('npm install -g "$POWERBOOK_PACKAGE"');
    expect(gitlab.variables.POWERBOOK_PACKAGE).toBe('');
    // The guard, run as the CI runs it: no source, exit 1 with the message; a source, on to the install.
    const guard = gitlab.script[0]!;
    const none = spawnSync('bash', ['-c', guard], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
    expect(none.status).toBe(1);
    expect(none.stdout).toContain('POWERBOOK_PACKAGE');
    expect(spawnSync('bash', ['-c', guard], { env: { PATH: process.env.PATH, POWERBOOK_PACKAGE: 'x' } }).status).toBe(0);
    const gh = spawnSync('bash', ['-c', install.run!.replace('npm install -g', 'echo')], { env: { PATH: process.env.PATH, POWERBOOK_PACKAGE: '' }, encoding: 'utf8' });
    expect(gh.status).toBe(1);
    expect(gh.stdout).toContain('::error::');
  });

  it('write the source given with --package, quoted whatever it holds', async () => {
    for (const spec of ['git+https://git.example.gov.cn/it/powerbook.git#v0.1.0', 'https://intranet/pkgs/powerbook-0.1.0.tgz', 'a "quoted": spec\nwith # and {{braces}}']) {
      const { install, gitlab } = await init(['--package', spec]);
      expect(install.env!.POWERBOOK_PACKAGE).toBe(spec);
      expect(gitlab.variables.POWERBOOK_PACKAGE).toBe(spec);
    }
  });
});

describe('powerbook init: the plan', () => {
  it('writes no stage date that is already past on the day of init, in the order of the stages', async () => {
    const dir = tempDir('pb-init-');
    const r = await cli(['init', dir]);
    expect(r.code, r.stderr).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const cfg = parse(readFileSync(path.join(dir, 'powerbook.yaml'), 'utf8')) as { stages: Record<string, string>; compendium: { date: string } };
    const dates = ['draft_by', 'legality_review_by', 'deliberation_by', 'submit_by', 'publish_by'].map((k) => String(cfg.stages[k]));
    for (const d of dates) expect(d > today, d).toBe(true);
    expect([...dates].sort()).toEqual(dates);
    expect(String(cfg.compendium.date) > today).toBe(true);
    expect(readFileSync(path.join(dir, 'powerbook.yaml'), 'utf8')).toContain(`powerbook init 于 ${today}`);
  });

  it('counts the plan from the day of init, late in the year too', async () => {
    const { initCommand } = await import('../../src/cli/init.js');
    const dir = tempDir('pb-init-');
    const io = { stdout: () => {}, stderr: () => {}, cwd: process.cwd(), env: {}, isTTY: false };
    expect(initCommand(io, 'zh', dir, { today: '2031-12-20' })).toBe(0);
    const text = readFileSync(path.join(dir, 'powerbook.yaml'), 'utf8');
    expect(text).toMatch(/legality_review_by: 2032-03-19\n/);
    expect(text).toMatch(/publish_by: 2032-06-17\n/);
    // The example rule's records are dated the day of init, within the plan: the new repository is valid at every stage.
    const v = await cli(['validate', dir, '--stage', 'publish', '--format', 'json']);
    expect(JSON.parse(v.stdout)).toEqual([]);
  });
});
