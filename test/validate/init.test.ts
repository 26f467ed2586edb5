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
