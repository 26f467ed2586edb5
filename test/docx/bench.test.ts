/**
 * How long the DOCX takes with its TOC page numbers worked out, on a ~50-page and a ~500-page compendium, and whether
 * LibreOffice puts every heading on the page the TOC says. Slow (about half a minute): runs only with
 * POWERBOOK_DOCX_BENCH=1.
 *
 *   POWERBOOK_DOCX_BENCH=1 npx vitest run test/docx/bench.test.ts
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDocxWithReport } from '../../src/render/docx/index.js';
import { convertWithLibreOffice } from '../helpers/libreoffice.js';
import { GB9704 } from '../../src/domain/profile.js';
import { bigModel } from './fixture.js';
import { HAS_POPPLER, HAS_SOFFICE, headingPages, pdfPages, printedToc } from './helpers.js';

const BENCH = process.env.POWERBOOK_DOCX_BENCH === '1';

describe.skipIf(!BENCH)('DOCX benchmark', () => {
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
      if (HAS_SOFFICE && HAS_POPPLER) {
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
      }
      console.log(`[docx bench] ${line.join(', ')}`);
    }, 900_000);
  }
});
