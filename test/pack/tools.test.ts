/** A test that needs a program we do not have fails, saying which and how to install it (test/helpers/tools.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { MissingToolError, requireTool, whichTool } from '../helpers/tools.js';

const saved = process.env.PATH;
afterEach(() => { process.env.PATH = saved; });

describe('requireTool', () => {
  it('finds the consumers CI installs', () => {
    requireTool('soffice', 'pandoc', 'pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm', 'unzip', 'fc-match');
    expect(whichTool('pandoc')).toMatch(/\/pandoc$/);
  });

  it('throws a plain message naming the missing programs and the Debian packages', () => {
    process.env.PATH = '/nonexistent';
    let error: unknown;
    try {
      requireTool('pandoc', 'pdftotext', 'pdfinfo');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MissingToolError);
    expect((error as Error).message).toBe(
      'This test needs pandoc (pandoc), pdftotext (poppler), pdfinfo (poppler), which are not installed. ' +
        'Install everything the tests use with `bash scripts/install-system-deps.sh` (Debian: apt-get install pandoc poppler-utils).',
    );
  });
});
