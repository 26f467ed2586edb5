import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const BAD = 'examples/mistakes';

describe('validate output formats and exit statuses', () => {
  it('stylish groups by file with a code frame and a summary, in Chinese by default', async () => {
    const r = await cli(['validate', BAD, '--stage', 'submit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${BAD}/powers/XK-006.yaml`);
    expect(r.stdout).toMatch(/> +\d+ \| +article: 第九十九条/);
    expect(r.stdout).toMatch(/共 \d+ 个问题/);
    expect(r.stdout).not.toMatch(/\x1b\[/); // no colour when not a TTY
  });

  it('--lang en and an English locale give English', async () => {
    const a = await cli(['validate', BAD, '--lang', 'en']);
    expect(a.stdout).toMatch(/\d+ problem\(s\)/);
    const b = await cli(['validate', BAD], { env: { LANG: 'en_US.UTF-8' } });
    expect(b.stdout).toMatch(/\d+ problem\(s\)/);
  });

  it('github: one workflow command per diagnostic, escaped', async () => {
    const r = await cli(['validate', BAD, '--stage', 'submit', '-f', 'github']);
    const lines = r.stdout.trim().split('\n');
    const json = JSON.parse((await cli(['validate', BAD, '--stage', 'submit', '-f', 'json'])).stdout) as unknown[];
    expect(lines).toHaveLength(json.length);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+.*::.+$/);
    expect(r.stdout).toContain('::error file=examples/mistakes/powers/XK-006.yaml,line=8,col=14');
  });

  it('sarif: a valid 2.1.0 log whose results point at files and lines', async () => {
    const r = await cli(['validate', BAD, '--stage', 'submit', '-f', 'sarif']);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(run.results.length).toBeGreaterThan(10);
    for (const res of run.results) {
      expect(ids[res.ruleIndex]).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(res.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  });

  it('--max-warnings turns too many warnings into exit 1; --output writes the report atomically', async () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'pb-fmt-'));
    await cli(['init', d]);
    const ok = await cli(['validate', d, '--max-warnings', '0']);
    expect(ok.code).toBe(0);
    // Make one warning: a power id without its category prefix.
    const f = path.join(d, 'powers/XK-001.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(f, readFileSync(f, 'utf8').replace('category: 行政许可', 'category: 行政检查'));
    const warn = await cli(['validate', d, '--max-warnings', '0']);
    expect(warn.code).toBe(1);
    expect(warn.stderr).toContain('警告过多');
    const out = await cli(['validate', d, '-f', 'sarif', '-o', path.join(d, 'report.sarif')]);
    expect(out.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(d, 'report.sarif'), 'utf8')).runs[0].results).toHaveLength(1);
    expect(readdirSync(d).filter((x) => x.endsWith('.tmp'))).toEqual([]);
  });

  it('schema --out writes the four schemas; rules lists every rule', async () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'pb-schema-'));
    const r = await cli(['schema', '--out', d]);
    expect(r.code).toBe(0);
    expect(readdirSync(d).sort()).toEqual(['config.schema.json', 'law.schema.json', 'power.schema.json', 'rule.schema.json']);
    const power = JSON.parse(readFileSync(path.join(d, 'power.schema.json'), 'utf8'));
    expect(power.properties.legal_bases.title).toMatch(/[\u4e00-\u9fa5]/);
    const rules = await cli(['rules']);
    expect(rules.stdout).toContain('procedure-unreachable');
  });
});
