import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { copyExample, edit, lineOf, tempDir, validRepo } from '../helpers/repo.js';
import { loadRepository } from '../../src/check/load.js';
import { decodeLabelEntities } from '../../src/flowchart/escape.js';

const EXAMPLE = 'examples/zhuzhou-commerce';

/** Text content of an SVG's <text>/<tspan> elements, entities decoded. */
function svgText(svg: string): string {
  return [...svg.matchAll(/<(?:text|tspan)\b[^>]*>([^<]*)</g)].map((m) => decodeLabelEntities(m[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'"))).join('');
}

describe('powerbook flowchart on the example', () => {
  it('writes one SVG per power, each with every step name, from a cold cache', async () => {
    const repo = tempDir('pb-fc-repo-');
    copyExample(EXAMPLE, repo, (src) => !src.includes('.powerbook'));
    const out = tempDir('pb-fc-');
    const r = await cli(['flowchart', '-C', repo, '--out', out]);
    expect(r.stderr).toMatch(/流程图：(\d+)\/\1 个已写到 .*（SVG，共 \1 个文件）/);
    expect(r.code).toBe(0);
    const { repo: loaded } = await loadRepository(EXAMPLE);
    expect(readdirSync(out).sort()).toEqual(loaded.powers.map((p) => `${p.data.id}.svg`).sort());
    for (const p of loaded.powers) {
      const svg = readFileSync(path.join(out, `${p.data.id}.svg`), 'utf8');
      expect(svg).not.toMatch(/<script|foreignObject/i);
      const text = svgText(svg).replace(/\s/g, '');
      for (const s of p.data.procedure.steps) {
        // Labels are wrapped over several lines; compare without whitespace.
        expect(text, `${p.data.id} step ${s.id}`).toContain(s.name.replace(/\s/g, ''));
      }
    }
    // The cache is under .powerbook/ and a second run renders nothing.
    expect(readdirSync(path.join(repo, '.powerbook/cache/flowcharts')).length).toBeGreaterThan(0);
    const again = await cli(['flowchart', '-C', repo, '--out', out], { env: { POWERBOOK_CHROMIUM: '/nonexistent/chromium' } });
    expect(again.code).toBe(0);
  });

  it('writes the Mermaid source with --format mmd, and refuses unknown ids with exit 2', async () => {
    const out = tempDir('pb-fc-mmd-');
    const r = await cli(['flowchart', '-C', EXAMPLE, 'XK-001', '--format', 'mmd', '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(out, 'XK-001.mmd'), 'utf8')).toMatch(/^flowchart TD/);
    const bad = await cli(['flowchart', '-C', EXAMPLE, 'NO-SUCH']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('NO-SUCH');
  });

  it('takes the repository as first argument, several formats at once, and --pages for the A4 pages', async () => {
    const out = tempDir('pb-fc-pages-');
    const r = await cli(['flowchart', EXAMPLE, 'CF-001', 'QR-001', '--format', 'mmd,svg', '--pages', '--out', out]);
    expect(r.stderr).toContain('按 A4 分页');
    expect(r.code).toBe(0);
    const files = readdirSync(out).sort();
    // At 10.5 pt every procedure of the example needs pages: CF-001's 11 steps 7, QR-001's 6 steps 2.
    expect(files).toContain('CF-001-1.svg');
    expect(files).toContain('CF-001-2.mmd');
    expect(files).toContain('QR-001-1.svg');
    expect(files).toContain('QR-001-2.svg');
    expect(files.filter((f) => f.startsWith('QR-001-')).length).toBe(4);
    expect(files.filter((f) => f.startsWith('CF-001-')).length % 2).toBe(0);
    const pages = files.filter((f) => /^CF-001-\d+\.svg$/.test(f)).map((f) => svgText(readFileSync(path.join(out, f), 'utf8')));
    expect(pages.join('')).toContain('转第2页');
    expect(pages.join('')).toContain('接第1');
    const whole = await cli(['flowchart', EXAMPLE, 'CF-001', '--format', 'mmd', '--out', out]);
    expect(whole.code).toBe(0);
    expect(readFileSync(path.join(out, 'CF-001.mmd'), 'utf8')).not.toContain('转第');
    const bad = await cli(['flowchart', EXAMPLE, '--format', 'svg,pdf', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('pdf');
  });

  it('build warns (flowchart-small-text) at the flowchart: line when a hand-drawn diagram would print too small', async () => {
    const repo = await validRepo();
    const chain = Array.from({ length: 45 }, (_, i) => `  s${i}[第${i + 1}个环节：承办科室经办人审查申请材料并提出意见] --> s${i + 1}`);
    writeFileSync(path.join(repo, 'powers/long.mmd'), ['flowchart TD', ...chain, ''].join('\r\n'));
    edit(repo, 'powers/XK-001.yaml', (s) => s.replace(/^category: (.*)$/m, 'category: $1\nflowchart: long.mmd'));
    const line = lineOf(repo, 'powers/XK-001.yaml', 'flowchart: long.mmd');
    const r = await cli(['build', repo, '--format', 'docx', '--out', tempDir('pb-fc-small-')]);
    expect(r.code).toBe(0);
    const said = r.stdout + r.stderr;
    expect(said).toMatch(new RegExp(`${line}:12\\s+警告\\s+权力运行流程图印在 A4 纸上时文字只有约 [0-9.]+ 磅.*flowchart-small-text`));
    // The generated flowcharts of the same repository are legible: no warning for them.
    expect(said.match(/flowchart-small-text/g)).toHaveLength(1);
  }, 60_000);

  it('says in one line how to install Chromium when it is missing', async () => {
    const repo = tempDir('pb-fc-nochrome-');
    copyExample(EXAMPLE, repo, (src) => !src.includes('.powerbook'));
    writeFileSync(path.join(repo, '.keep'), '');
    const r = await cli(['flowchart', '-C', repo, 'XK-001', '--out', tempDir()], { env: { POWERBOOK_CHROMIUM: '/nonexistent/chromium' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('apt-get install -y chromium');
  });
});
