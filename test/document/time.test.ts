import { describe, expect, it } from 'vitest';
import { Anchors } from '../../src/document/anchors.js';
import { flowchartBlocks } from '../../src/document/parts.js';
import type { Table } from '../../src/document/model.js';
import { formatTimeLimit } from '../../src/domain/time.js';
import type { Power } from '../../src/domain/types.js';
import { powerToMermaid } from '../../src/flowchart/generate.js';

const power: Power = {
  id: 'XK-001', name: '测试许可', category: '行政许可', legal_basis: [{ law: 'x' }],
  procedure: {
    steps: [
      { id: 'a', name: '受理', actor: '窗口', time_limit: { days: 0 }, next: ['b'] },
      { id: 'b', name: '审查', actor: '科室', time_limit: { days: 5, unit: '自然日' }, next: ['c'] },
      { id: 'c', name: '决定', actor: '局长', time_limit: '收到材料之日起3日内', next: ['d'] },
      { id: 'd', name: '送达', actor: '窗口', end: true },
    ],
  },
} as unknown as Power;

describe('one time-limit formatter (domain/time.ts)', () => {
  it('writes days, units and text, and 0 days as 即时办结', () => {
    expect(formatTimeLimit({ days: 0 })).toBe('即时办结');
    expect(formatTimeLimit({ days: 20 })).toBe('20个工作日');
    expect(formatTimeLimit({ days: 7, unit: '自然日' })).toBe('7个自然日');
    expect(formatTimeLimit('  当场办结 ')).toBe('当场办结');
  });

  it('gives nothing for a limit nobody entered, never a made-up fact', () => {
    for (const missing of [undefined, null, '', '   ', { days: undefined }, { days: null }, { days: 'x' }, { days: -1 }, { days: 1.5 }, 15]) {
      expect(formatTimeLimit(missing as never)).toBeUndefined();
    }
  });

  it('the step table and the flowchart print the same limits', () => {
    const blocks = flowchartBlocks(power, '一、', 'pw-XK-001', undefined, new Anchors(), { title: (b) => b.law, text: () => undefined });
    const table = blocks.filter((b): b is Table => b.type === 'table').find((t) => t.caption?.includes('办理环节'))!;
    const text = (c: Table['rows'][number]['cells'][number]) => c.children.map((x) => (x.type === 'text' ? x.text : '')).join('');
    const col = table.rows[0]!.cells.findIndex((c) => text(c) === '时限');
    const column = table.rows.slice(1).map((r) => text(r.cells[col]!));
    expect(column.slice(0, 3)).toEqual(['即时办结', '5个自然日', '收到材料之日起3日内']);
    expect(column[3]).not.toMatch(/\d|即时|无/);
    const mermaid = powerToMermaid(power);
    expect(mermaid).toContain('时限：即时办结');
    expect(mermaid).toContain('时限：5个自然日');
    expect(mermaid).not.toMatch(/0个工作日/);
    // The step without a limit says nothing about one.
    expect(mermaid.split('\n').filter((l) => l.includes('送达')).join('')).not.toContain('时限');
  });
});
