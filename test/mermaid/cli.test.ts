import { readFileSync, readdirSync, writeFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';
import { loadRepository } from '../../src/load/repository.js';
import { decodeLabelEntities } from '../../src/render/mermaid/escape.js';

const EXAMPLE = 'examples/zhuzhou-commerce';

/** Text content of an SVG's <text>/<tspan> elements, entities decoded. */
function svgText(svg: string): string {
  return [...svg.matchAll(/<(?:text|tspan)\b[^>]*>([^<]*)</g)].map((m) => decodeLabelEntities(m[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'"))).join('');
}

describe('powerbook flowchart on the example', () => {
  it('writes one SVG per power, each with every step name, from a cold cache', async () => {
    const repo = tempDir('pb-fc-repo-');
    cpSync(EXAMPLE, repo, { recursive: true, filter: (src) => !src.includes('.powerbook') });
    const out = tempDir('pb-fc-');
    const r = await cli(['flowchart', '-C', repo, '--out', out]);
    expect(r.stderr).toMatch(/已生成 \d+ 个 SVG/);
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

  it('says in one line how to install Chromium when it is missing', async () => {
    const repo = tempDir('pb-fc-nochrome-');
    cpSync(EXAMPLE, repo, { recursive: true, filter: (src) => !src.includes('.powerbook') });
    writeFileSync(path.join(repo, '.keep'), '');
    const r = await cli(['flowchart', '-C', repo, 'XK-001', '--out', tempDir()], { env: { POWERBOOK_CHROMIUM: '/nonexistent/chromium' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('apt-get install -y chromium');
  });
});
