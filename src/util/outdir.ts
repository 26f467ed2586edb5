/**
 * Whether a build can write its outputs to a folder, found out before any work is done: the folder, or the nearest
 * folder above it that exists, must be a folder (not a file, nor under one) in which this process can create files.
 */
import { mkdtempSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';

export type OutDirProblem =
  | { kind: 'not-a-directory'; path: string }
  | { kind: 'under-a-file'; path: string; file: string }
  | { kind: 'not-writable'; path: string; dir: string; code: string };

export function outDirProblem(outDir: string): OutDirProblem | null {
  const target = path.resolve(outDir);
  let at = target;
  for (;;) {
    let st;
    try { st = statSync(at); } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // ENOTDIR: a component of the path is a file; walk up to find it. ENOENT: not there yet; its parent must be.
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        const up = path.dirname(at);
        if (up === at) return { kind: 'not-writable', path: target, dir: at, code: code };
        at = up;
        continue;
      }
      return { kind: 'not-writable', path: target, dir: at, code: code ?? 'EACCES' };
    }
    if (!st.isDirectory()) return at === target ? { kind: 'not-a-directory', path: target } : { kind: 'under-a-file', path: target, file: at };
    break;
  }
  // A real probe rather than access(): root passes access() on a read-only file system, and ACLs are not modes.
  try {
    rmdirSync(mkdtempSync(path.join(at, '.powerbook-probe-')));
  } catch (e) {
    return { kind: 'not-writable', path: target, dir: at, code: (e as NodeJS.ErrnoException).code ?? 'EACCES' };
  }
  return null;
}
