/** Atomic file writes: a temporary file beside the target, then rename, so readers never see half a file. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Several files as one change: each written to a temporary file beside its target first, and only when every one of
 * them is written are they renamed into place. A failure (a folder that cannot be made, no permission, a full disk)
 * removes the temporary files and throws: none of the targets was touched.
 */
export function writeFilesAtomic(files: readonly { file: string; data: string | Uint8Array }[]): void {
  const tmps: { tmp: string; file: string }[] = [];
  try {
    for (const f of files) {
      mkdirSync(path.dirname(f.file), { recursive: true });
      const tmp = path.join(path.dirname(f.file), `.${path.basename(f.file)}.${process.pid}.${Date.now()}.tmp`);
      tmps.push({ tmp, file: f.file });
      writeFileSync(tmp, f.data);
    }
  } catch (e) {
    for (const t of tmps) rmSync(t.tmp, { force: true });
    throw e;
  }
  for (const t of tmps) renameSync(t.tmp, t.file);
}
