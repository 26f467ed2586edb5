import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowchartCache, flowchartCacheDir, flowchartCacheKey } from '../../src/flowchart/cache.js';
import { renderSettings } from '../../src/flowchart/config.js';
import { isFailure, renderFlowcharts, type FlowchartResult, type RenderedFlowchart } from '../../src/flowchart/index.js';

const settings = renderSettings();
const rendered = (r: FlowchartResult | undefined): RenderedFlowchart => {
  if (!r || isFailure(r)) throw new Error(r ? r.error : 'missing');
  return r;
};

/** Any attempt to start Chromium fails while this is set: proves a call was served from the cache alone. */
async function withoutChromium<T>(fn: () => Promise<T>): Promise<T> {
  const saved = process.env.POWERBOOK_CHROMIUM;
  process.env.POWERBOOK_CHROMIUM = '/nonexistent/chromium';
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.POWERBOOK_CHROMIUM;
    else process.env.POWERBOOK_CHROMIUM = saved;
  }
}

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'powerbook-cache-test-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FlowchartCache', () => {
  it('lives under .powerbook/cache/flowcharts', () => {
    expect(flowchartCacheDir('/repo')).toBe('/repo/.powerbook/cache/flowcharts');
  });

  it('keys on source, format, font, theme and resolution', () => {
    const k = flowchartCacheKey('flowchart TD\n a', 'svg', settings);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(flowchartCacheKey('flowchart TD\n a', 'svg', renderSettings())).toBe(k);
    const others = [
      flowchartCacheKey('flowchart TD\n b', 'svg', settings),
      flowchartCacheKey('flowchart TD\n a', 'png', settings),
      flowchartCacheKey('flowchart TD\n a', 'svg', renderSettings({ fontFamily: 'FandolSong' })),
      flowchartCacheKey('flowchart TD\n a', 'svg', renderSettings({ theme: 'default' })),
    ];
    expect(new Set([k, ...others]).size).toBe(5);
    expect(flowchartCacheKey('x', 'png', renderSettings({ png: { dpi: 600 } }))).not.toBe(flowchartCacheKey('x', 'png', settings));
  });

  it('round-trips an entry and rejects a corrupt one', async () => {
    const cache = new FlowchartCache(dir);
    const key = flowchartCacheKey('x', 'svg', settings);
    expect(await cache.get(key, 'svg')).toBeNull();
    await cache.put(key, 'svg', { data: Buffer.from('<svg/>'), width: 10, height: 20 });
    expect(await cache.get(key, 'svg')).toMatchObject({ width: 10, height: 20, data: Buffer.from('<svg/>') });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    writeFileSync(cache.path(key, 'svg'), '<svg');
    expect(await cache.get(key, 'svg')).toBeNull();
    expect(readdirSync(dir)).toEqual([]); // deleted, content and sidecar

    await cache.put(key, 'svg', { data: Buffer.from('<svg/>'), width: 10, height: 20 });
    writeFileSync(cache.path(key, 'svg') + '.json', 'garbage{');
    expect(await cache.get(key, 'svg')).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  // How fast a warm run is goes in bench/flowcharts.js (the warm rebuild); here: that it renders nothing.
  it('serves 300 cached diagrams without starting Chromium', async () => {
    const cache = new FlowchartCache(dir);
    const items = Array.from({ length: 300 }, (_, i) => ({ id: `P${i}`, source: `flowchart TD\n  n0["事项${i}"]\n` }));
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(15_000)}</svg>`); // ≈ 60 kB, like a real one
    const png = Buffer.alloc(400_000, 7);
    for (const item of items) {
      await cache.put(flowchartCacheKey(item.source, 'svg', settings), 'svg', { data: svg, width: 500, height: 2000 });
      await cache.put(flowchartCacheKey(item.source, 'png', settings), 'png', { data: png, width: 500, height: 2000, pngWidth: 1843, pngHeight: 7372 });
    }
    let progress = 0;
    const results = await withoutChromium(() => renderFlowcharts(items, { cacheDir: dir, formats: ['svg', 'png'], onProgress: () => progress++ }));
    expect(progress).toBe(300);
    expect([...results.values()].filter(isFailure)).toEqual([]);
    expect(rendered(results.get('P7')).png).toEqual(png); // the cached bytes, not a new drawing
    expect([...results.keys()]).toEqual(items.map((i) => i.id));
    expect(rendered(results.get('P7')).pngWidth).toBe(1843);
  });
});

describe('renderFlowcharts with the cache (real Chromium)', () => {
  const items = [
    { id: 'XK-001', source: 'flowchart TD\n  n0(["开始"]) --> n1["受理"] --> n2(["办结"])\n' },
    { id: 'XK-002', source: 'flowchart TD\n  n0(["开始"]) --> n1["审查"] --> n2(["办结"])\n' },
    { id: 'XK-003', source: 'flowchart TD\n  n0 --> --> n1\n' },
    { id: 'XK-004', source: 'flowchart TD\n  n0(["开始"]) --> n1["受理"] --> n2(["办结"])\n' }, // same as XK-001
  ];

  it('renders misses, then serves hits without starting Chromium, and re-renders corrupt entries', async () => {
    const seen: string[] = [];
    const cold = await renderFlowcharts(items, { cacheDir: dir, formats: ['svg', 'png'], onProgress: (done, total, id) => seen.push(`${done}/${total}:${id}`) });
    expect(seen).toHaveLength(4);
    expect(seen.at(-1)).toMatch(/^4\/4:/);
    expect(rendered(cold.get('XK-001')).svg).toContain('受理');
    expect(rendered(cold.get('XK-004')).svg).toBe(rendered(cold.get('XK-001')).svg);
    expect(isFailure(cold.get('XK-003')!)).toBe(true);
    // Two distinct good sources × (svg + png) × (content + sidecar); the failure is not cached.
    expect(readdirSync(dir).length).toBe(8);

    const warm = await withoutChromium(() => renderFlowcharts(items.filter((i) => i.id !== 'XK-003'), { cacheDir: dir, formats: ['svg', 'png'] }));
    expect(rendered(warm.get('XK-002')).svg).toBe(rendered(cold.get('XK-002')).svg);
    expect(rendered(warm.get('XK-002')).png!.equals(rendered(cold.get('XK-002')).png!)).toBe(true);

    // Truncate one SVG, garble one PNG: detected, deleted, rendered again.
    const svgFile = new FlowchartCache(dir).path(flowchartCacheKey(items[1].source, 'svg', settings), 'svg');
    const pngFile = new FlowchartCache(dir).path(flowchartCacheKey(items[0].source, 'png', settings), 'png');
    writeFileSync(svgFile, readFileSync(svgFile).subarray(0, 100));
    writeFileSync(pngFile, Buffer.from('not a png at all'));
    await expect(withoutChromium(() => renderFlowcharts(items.slice(0, 2), { cacheDir: dir, formats: ['svg', 'png'] }))).rejects.toThrow(/未找到 Chromium/);
    const again = await renderFlowcharts(items.slice(0, 2), { cacheDir: dir, formats: ['svg', 'png'] });
    expect(rendered(again.get('XK-002')).svg).toBe(rendered(cold.get('XK-002')).svg);
    expect(rendered(again.get('XK-001')).png!.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect(readFileSync(svgFile, 'utf8')).toBe(rendered(cold.get('XK-002')).svg);
  });
});
