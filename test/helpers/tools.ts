/**
 * The programs the tests read our output with: LibreOffice, pandoc, poppler, unzip, fontconfig. A test that needs one
 * calls requireTool first and FAILS with a plain message when it is missing — never skips: `npm test` is meant to run
 * every check, and CI installs them all (scripts/install-system-deps.sh). Chromium is found by src/browser/chromium.ts,
 * which throws ChromiumMissingError with the same kind of message.
 */
import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

const PACKAGES: Record<string, { what: string; debian: string }> = {
  soffice: { what: 'LibreOffice', debian: 'libreoffice-writer-nogui' },
  pandoc: { what: 'pandoc', debian: 'pandoc' },
  pdftotext: { what: 'poppler', debian: 'poppler-utils' },
  pdfinfo: { what: 'poppler', debian: 'poppler-utils' },
  pdffonts: { what: 'poppler', debian: 'poppler-utils' },
  pdftoppm: { what: 'poppler', debian: 'poppler-utils' },
  pdfimages: { what: 'poppler', debian: 'poppler-utils' },
  unzip: { what: 'unzip', debian: 'unzip' },
  'fc-match': { what: 'fontconfig', debian: 'fontconfig' },
};
export type Tool = keyof typeof PACKAGES;

export class MissingToolError extends Error {
  constructor(readonly tools: string[], what?: string, debianPackage?: string) {
    const debian = debianPackage ? [debianPackage] : [...new Set(tools.map((t) => PACKAGES[t]!.debian))];
    super(
      `This test needs ${what ?? tools.map((t) => `${t} (${PACKAGES[t]!.what})`).join(', ')}, which ${tools.length > 1 ? 'are' : 'is'} not installed. ` +
        `Install everything the tests use with \`bash scripts/install-system-deps.sh\` (Debian: apt-get install ${debian.join(' ')}).`,
    );
    this.name = 'MissingToolError';
  }
}

/** The path of an executable on the PATH (or given by $SOFFICE for soffice), or null. */
export function whichTool(tool: Tool, env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = tool === 'soffice' ? env.SOFFICE : undefined;
  const candidates = explicit ? [explicit] : (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, tool));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch { /* next */ }
  }
  return null;
}

/** Throws MissingToolError (what is missing, how to install it) unless every tool is on the PATH. */
export function requireTool(...tools: Tool[]): void {
  const missing = tools.filter((t) => whichTool(t) === null);
  if (missing.length) throw new MissingToolError(missing);
}

/**
 * LibreOffice Calc (spreadsheets: the exported lists are opened with it). Debian ships it apart from Writer
 * (libreoffice-calc-nogui): soffice is there without it, and then cannot open an .xlsx or .csv.
 */
export function requireCalc(): void {
  requireTool('soffice');
  const program = path.dirname(realpathSync(whichTool('soffice')!));
  if (!existsSync(path.join(program, 'libsclo.so')) && !existsSync(path.join(program, 'scalc'))) {
    throw new MissingToolError(['soffice'], 'LibreOffice Calc', 'libreoffice-calc-nogui');
  }
}
