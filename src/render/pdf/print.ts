/**
 * Chromium's side of the PDF: printing a loaded chunk (for real, or as a draft that only measures), and filling the
 * 目录's numbers and a chunk's first page number into it before its real print.
 */
import type { Page } from 'puppeteer-core';
import { readChunk, type ChunkPdf } from './merge.js';

/** One print of a document of thousands of pages takes minutes on a slow machine: more than the browser's 120 s default. */
const PRINT_TIMEOUT_MS = 30 * 60_000;

export interface PrintParams { outline: boolean; tagged: boolean; background: boolean }

/** Page.printToPDF through a session of our own, so that the print may take longer than other protocol calls. */
export async function printToPdf(page: Page, p: PrintParams): Promise<Uint8Array> {
  const cdp = await page.createCDPSession();
  try {
    const { stream } = await cdp.send('Page.printToPDF', {
      transferMode: 'ReturnAsStream', preferCSSPageSize: true, printBackground: p.background,
      generateTaggedPDF: p.tagged, generateDocumentOutline: p.outline, marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0,
    }, { timeout: PRINT_TIMEOUT_MS });
    if (!stream) throw new Error('Chromium returned no PDF stream');
    const chunks: Buffer[] = [];
    for (;;) {
      const r = await cdp.send('IO.read', { handle: stream, size: 1 << 24 }, { timeout: PRINT_TIMEOUT_MS });
      chunks.push(Buffer.from(r.data, r.base64Encoded ? 'base64' : 'utf8'));
      if (r.eof) break;
    }
    await cdp.send('IO.close', { handle: stream }).catch(() => undefined);
    return Buffer.concat(chunks);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * A print that only measures: everything hidden (visibility changes no layout), no structure tree, no bookmarks.
 * Chromium still paginates the same way and writes the named destinations, which is all the first pass needs.
 */
export async function draftPrint(page: Page): Promise<ChunkPdf> {
  const style = await page.addStyleTag({ content: 'body * { visibility: hidden !important; }' });
  try {
    return readChunk(await printToPdf(page, { outline: false, tagged: false, background: false }));
  } finally {
    await style.evaluate((el) => el.remove());
  }
}

/** Writes the 目录's page numbers (by entry, in order) into the loaded page; they never move a line (html.ts). */
export async function fillIn(page: Page, numbers: string[]): Promise<void> {
  await page.evaluate((nums: string[]) => {
    for (const toc of document.querySelectorAll('nav.toc')) {
      toc.querySelectorAll('.toc-page').forEach((el, j) => { el.textContent = nums[j] ?? ''; });
    }
  }, numbers);
}

/** Replaces the loaded chunk's page-number CSS (`<style id="pb-numbers">`, css.ts pageNumberCss): margin boxes only, no reflow. */
export async function setPageNumbers(page: Page, css: string): Promise<void> {
  await page.evaluate((text: string) => {
    const el = document.getElementById('pb-numbers');
    if (el) el.textContent = text;
  }, css);
}
