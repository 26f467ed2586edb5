import { describe, expect, it } from 'vitest';
import { withSymbolFont } from '../../src/flowchart/symbol-font.js';

describe('withSymbolFont', () => {
  it('puts DejaVu Sans before Noto Sans CJK in every font list of the drawing, and nothing else', () => {
    const svg = '<svg><style>#a{font-family:"FandolFang","Noto Sans CJK SC",sans-serif;font-size:16px;}#a .label{font-family:"FandolFang","Noto Sans CJK SC",sans-serif;color:#000}</style><text font-family="x">⚠</text></svg>';
    const out = withSymbolFont(svg);
    expect(out).toBe(svg.replaceAll('"FandolFang","Noto Sans CJK SC"', '"FandolFang","DejaVu Sans","Noto Sans CJK SC"'));
    expect(withSymbolFont(out)).toBe(out); // once
  });

  it('leaves a list without Noto as it is (a repository\'s own fonts)', () => {
    const svg = '<svg><style>#a{font-family:"仿宋_GB2312",serif}</style></svg>';
    expect(withSymbolFont(svg)).toBe(svg);
  });
});
