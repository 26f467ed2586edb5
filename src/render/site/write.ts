/**
 * Writing the site atomically: every file goes into `<out>/.site.tmp-<pid>`, which then replaces `<out>/site` by rename.
 * An interrupted build leaves the previous site as it was (and, at worst, a temporary folder the next build removes).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentModel } from '../../document/model.js';
import { renderSite, type SiteFile } from './render.js';

export const SITE_DIR = 'site';

export interface WrittenSite {
  /** Absolute path of the site folder. */
  dir: string;
  /** Every file written, path relative to the site folder ('/'-separated). */
  files: SiteFile[];
  pages: number;
  powers: number;
  rules: number;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Leftovers of builds that died: their temporary folders go; a previous site caught mid-swap is put back. */
function recover(outDir: string, final: string): void {
  let entries: string[];
  try { entries = readdirSync(outDir); } catch { return; }
  for (const name of entries) {
    const m = /^\.site\.(tmp|old)-(\d+)$/.exec(name);
    if (!m || alive(Number(m[2]))) continue;
    const dir = path.join(outDir, name);
    if (m[1] === 'old' && !existsSync(final)) renameSync(dir, final);
    else rmSync(dir, { recursive: true, force: true });
  }
}

export function writeSiteFiles(outDir: string, files: SiteFile[]): string {
  const final = path.join(outDir, SITE_DIR);
  mkdirSync(outDir, { recursive: true });
  recover(outDir, final);
  const tmp = path.join(outDir, `.${SITE_DIR}.tmp-${process.pid}`);
  const old = path.join(outDir, `.${SITE_DIR}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    for (const f of files) {
      const abs = path.join(tmp, ...f.path.split('/'));
      if (!abs.startsWith(tmp + path.sep)) throw new Error(`site file outside the site: ${f.path}`);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, f.data);
    }
    if (existsSync(final)) {
      // rename() cannot replace a non-empty folder: move the old site aside, move the new one in, then delete the old.
      rmSync(old, { recursive: true, force: true });
      renameSync(final, old);
      try {
        renameSync(tmp, final);
      } catch (e) {
        renameSync(old, final);
        throw e;
      }
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmp, final);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return final;
}

/** Renders the model as the public site and writes it to `<outDir>/site`. */
export function writeSite(outDir: string, model: DocumentModel): WrittenSite {
  const site = renderSite(model);
  const dir = writeSiteFiles(outDir, site.files);
  return { dir, ...site };
}
