import { describe, expect, it } from 'vitest';
import { validateMermaidSource } from '../../src/flowchart/validate.js';

/** A hand-written .mmd, as a clerk might save it. */
const lines = (...l: string[]) => l.join('\n') + '\n';

describe('validateMermaidSource', () => {
  it('accepts valid hand-written diagrams of several kinds', async () => {
    expect(await validateMermaidSource(lines('flowchart TD', '  A[受理] --> B{审查}', '  B -->|通过| C[决定]', '  B -->|不通过| A'))).toBeNull();
    expect(await validateMermaidSource(lines('sequenceDiagram', '  申请人->>窗口: 提交材料', '  窗口-->>申请人: 受理通知书'))).toBeNull();
    expect(await validateMermaidSource(lines('---', 'title: 流程', '---', '%%{init: {"theme":"neutral"}}%%', 'graph LR', '  a --> b'))).toBeNull();
  });

  it('reports the line of an unknown arrow', async () => {
    const err = await validateMermaidSource(lines('flowchart TD', '  A[受理] --> B[审查]', '  B ==>> C[决定]', '  C --> D[送达]'));
    expect(err).toMatchObject({ line: 3 });
    expect(err!.message).toMatch(/^Parse error: Expecting/);
  });

  it('reports the line of an unclosed bracket, not the end of the file', async () => {
    const err = await validateMermaidSource(lines('flowchart TD', '  A[受理] --> B[审查', '  B --> C[决定]', '  C --> D[送达]'));
    expect(err?.line).toBe(2);
  });

  it('counts front matter, comments, directives, blank lines and CRLF as the file has them', async () => {
    const src = [
      '---', 'title: 行政许可流程', 'config:', '  theme: neutral', '---', '',
      '%% 以下为手绘流程图', '%%{init: {', '  "flowchart": {"curve": "linear"}', '}}%%', '',
      'flowchart TD', '  %% 受理环节', '  A[受理] --> B[审查]', '', '  B --> --> C', '  C --> D',
    ].join('\r\n');
    const err = await validateMermaidSource(src);
    expect(err?.line).toBe(16);
  });

  it('reports errors on the first line and in non-flowchart diagrams', async () => {
    expect(await validateMermaidSource(lines('', '  flowchrt TD', '  a --> b'))).toMatchObject({ line: 2, column: 3 });
    expect((await validateMermaidSource(lines('', '  flowchrt TD')))!.message).toMatch(/Unknown diagram type/);
    expect(await validateMermaidSource(lines('sequenceDiagram', '  A->>B: 你好', '  B-->>>A 没有冒号'))).toMatchObject({ line: 3 });
    expect(await validateMermaidSource(lines('pie', '  "甲": 1', '  "乙" 2'))).toMatchObject({ line: 3, column: 7 });
  });

  it('reports a broken front matter at its own line', async () => {
    const err = await validateMermaidSource(lines('---', 'title: [未闭合', '---', 'flowchart TD', '  a --> b'));
    expect(err?.line).toBeGreaterThanOrEqual(2);
    expect(err?.line).toBeLessThanOrEqual(3);
  });

  it('points at the last line when the file ends too early', async () => {
    const err = await validateMermaidSource(lines('flowchart TD', '  A --> B', '  B -->', '', ''));
    expect(err).not.toBeNull();
    expect(err!.line).toBe(3);
  });
});
