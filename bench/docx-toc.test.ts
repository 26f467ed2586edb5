/**
 * How long the DOCX takes with its TOC page numbers worked out, on a ~50-page and a ~500-page compendium, and whether
 * LibreOffice puts every heading on the page the TOC says. Slow (about half a minute), so not part of `npm test`:
 *
 *   npx vitest run --config bench/vitest.config.ts
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDocxWithReport } from '../src/render/docx/index.js';
import { GB9704 } from '../src/domain/profile.js';
import { bigModel } from '../test/docx/fixture.js';
import { headingPages, pdfPages, printedToc } from '../test/docx/helpers.js';
import { convertWithLibreOffice } from '../test/helpers/libreoffice.js';
import { requireTool } from '../test/helpers/tools.js';

describe('DOCX benchmark', () => {
  for (const parts of [6, 56]) {
    it(`renders bigModel(${parts}) and checks its TOC against LibreOffice`, async () => {
      // Warm: fonts are read and parsed once per process.
      const t0 = performance.now();
      const { buffer, report } = await renderDocxWithReport(bigModel(parts), { profile: GB9704 });
      const renderMs = performance.now() - t0;
      const off = performance.now();
      await renderDocxWithReport(bigModel(parts), { profile: GB9704, tocPageNumbers: false });
      const withoutMs = performance.now() - off;
      expect(report.pageNumbers).toBe('estimated');
      const line = [`pages ${report.pageCount}`, `render ${Math.round(renderMs)} ms`, `without TOC numbers ${Math.round(withoutMs)} ms`, `rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`];
      requireTool('soffice', 'pdftotext');
      const dir = await mkdtemp(join(tmpdir(), 'powerbook-bench-'));
      try {
        const path = join(dir, `big${parts}.docx`);
        await writeFile(path, buffer);
        const t1 = performance.now();
        const pdf = await convertWithLibreOffice(path, dir, 'pdf', { timeoutMs: 600_000 });
        line.push(`LibreOffice PDF ${Math.round(performance.now() - t1)} ms`);
        const pages = pdfPages(pdf);
        const printed = printedToc(pages);
        const actual = headingPages(pages, report.toc.map((e) => e.text), printed.lastPage);
        const wrong = report.toc.filter((e, i) => e.page !== actual[i]).length;
        line.push(`LibreOffice pages ${pages.length}`, `TOC entries ${report.toc.length}`, `on another page in LibreOffice ${wrong}`);
        expect(wrong).toBe(0);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      console.log(`[docx bench] ${line.join(', ')}`);
    }, 900_000);
  }
});
