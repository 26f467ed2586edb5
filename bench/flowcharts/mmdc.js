// Baseline: the usual way to render Mermaid from a build script — one `mmdc` process per diagram.
// Same Chromium, same Mermaid settings (strict, SVG text labels, same font), same sources.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function runMmdc({ root, workDir, sources, mermaidConfig, chromium }) {
  mkdirSync(workDir, { recursive: true });
  const pp = path.join(workDir, 'puppeteer.json');
  writeFileSync(pp, JSON.stringify({
    executablePath: chromium,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  }));
  const cfg = path.join(workDir, 'mermaid.json');
  writeFileSync(cfg, JSON.stringify(mermaidConfig));
  const mmdc = path.join(root, 'node_modules/.bin/mmdc');
  const times = [];
  sources.forEach((source, i) => {
    const input = path.join(workDir, `d${i}.mmd`);
    writeFileSync(input, source);
    const t = process.hrtime.bigint();
    const r = spawnSync(mmdc, ['-i', input, '-o', path.join(workDir, `d${i}.svg`), '-p', pp, '-c', cfg, '-q'], { encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`mmdc failed on diagram ${i} (${r.status}): ${(r.stderr || '').slice(0, 500)}`);
  });
  return times;
}
