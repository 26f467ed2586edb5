import { afterEach, describe, expect, it } from 'vitest';
import { ChromiumMissingError } from '../../src/browser/chromium.js';
import { FlowchartRenderer, renderFlowcharts } from '../../src/flowchart/index.js';

const saved = process.env.POWERBOOK_CHROMIUM;
afterEach(() => {
  if (saved === undefined) delete process.env.POWERBOOK_CHROMIUM;
  else process.env.POWERBOOK_CHROMIUM = saved;
});

describe('missing Chromium', () => {
  it('says so in one line, in Chinese and English, before starting anything', async () => {
    process.env.POWERBOOK_CHROMIUM = '/nonexistent/chromium';
    const err = await FlowchartRenderer.launch().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChromiumMissingError);
    const message = (err as Error).message;
    expect(message.startsWith('未找到 Chromium：请运行 sudo apt-get install -y chromium（Chromium not found')).toBe(true);
    expect(message).toContain('/nonexistent/chromium');
    expect(message).not.toContain('\n');
  });

  it('is what renderFlowcharts throws when something must be rendered', async () => {
    process.env.POWERBOOK_CHROMIUM = '/nonexistent/chromium';
    await expect(renderFlowcharts([{ id: 'a', source: 'flowchart TD\n  a --> b\n' }], { formats: ['svg'] }))
      .rejects.toBeInstanceOf(ChromiumMissingError);
  });

  it('is not needed when there is nothing to render', async () => {
    process.env.POWERBOOK_CHROMIUM = '/nonexistent/chromium';
    expect((await renderFlowcharts([], { formats: ['svg'] })).size).toBe(0);
  });
});
