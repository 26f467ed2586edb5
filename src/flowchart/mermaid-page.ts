/**
 * One Chromium page with Mermaid loaded once, rendering diagram after diagram. Loading mermaid.min.js (3.5 MB)
 * costs ≈ 0.6 s; a 20-step flowchart then renders in ≈ 70 ms. mermaid-cli's renderMermaid reloads Mermaid for
 * every diagram (≈ 0.5 s each), which is why it is not used (docs/architecture-mermaid.md).
 */
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { mermaidBundlePath, mermaidConfig, type RenderSettings } from './config.js';
import { PAGE_SCRIPT } from './page-script.js';

export type PageRenderResult = { ok: true; svg: string; width: number; height: number; warnings: string[] } | { ok: false; error: string };

/** The page (or the browser under it) failed — as opposed to the diagram: the caller should retry elsewhere. */
export class PageFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PageFailure';
  }
}

const HTML = '<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:#fff}</style></head><body><div id="pb"></div></body></html>';

// Built with `new Function` so no compiler or test runner can rewrite what gets sent to the page (see page-script.ts).
const INIT = new Function('config', 'return window.__powerbook.init(config);') as (config: unknown) => void;
type InPage = { ok: true; svg: string; width: number; height: number; warnings: string[] } | { ok: false; error: string };
const RENDER = new Function('id', 'source', 'return window.__powerbook.render(id, source);') as (id: string, source: string) => Promise<InPage>;

/** Nothing may leave the page: Mermaid is inlined, and a diagram has no business fetching anything. */
function blockNetwork(req: HTTPRequest): void {
  const url = req.url();
  const done = url.startsWith('data:') || url === 'about:blank' ? req.continue() : req.abort('blockedbyclient');
  done.catch(() => undefined); // the page may be closing; an unhandled rejection would end the process
}

export class MermaidPage {
  private constructor(private readonly page: Page, private readonly settings: RenderSettings) {}

  static async open(browser: Browser, settings: RenderSettings): Promise<MermaidPage> {
    // Its own window: in headless Chromium only the front tab of a window is "visible", and a hidden tab can wait for
    // a frame that never comes (measured with screenshots: stalls of 120 s after a few hundred PNGs).
    const page = await browser.newPage({ type: 'window' });
    try {
      // One viewport for every diagram: Mermaid measures the labels in it, so a diagram's layout never depends on
      // what the page drew before (it did while PNGs were screenshots, each at its own device scale).
      await page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
      await page.setRequestInterception(true);
      page.on('request', blockNetwork);
      // An alert() would block the page until answered; nothing should raise one, but a hang is worse than a no.
      page.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
      await page.setContent(HTML);
      await page.addScriptTag({ path: mermaidBundlePath() });
      await page.addScriptTag({ content: PAGE_SCRIPT });
      await page.evaluate(INIT, mermaidConfig(settings));
    } catch (err) {
      await page.close().catch(() => undefined);
      throw new PageFailure(`could not prepare the Mermaid page: ${(err as Error).message}`, { cause: err });
    }
    return new MermaidPage(page, settings);
  }

  /**
   * The SVG (the PNG is made from it in Node: png.ts). Diagram errors come back as `{ok: false}`; a PageFailure means
   * this page is unusable.
   */
  async render(svgId: string, source: string, timeoutMs: number): Promise<PageRenderResult> {
    return this.withTimeout(this.page.evaluate(RENDER, svgId, source), timeoutMs);
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }

  private async withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PageFailure(`render timed out after ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([work, timeout]);
    } catch (err) {
      throw err instanceof PageFailure ? err : new PageFailure((err as Error).message, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }
}
