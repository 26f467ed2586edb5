/**
 * Bytes kept in a file rather than in memory: a flowchart's PNG in the flowchart cache, which only the DOCX's zip needs
 * (as its SVG's fallback picture), at the very end of a build. A thousand of them are 130 MB that a build held from
 * the start. The file's SHA-256 and size are known (the cache's sidecar), so the picture has its identity without
 * being read; `read` gives the bytes, checked against them (a cache changed under a running build is an error, not
 * another picture in the document).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export class FileBytes {
  constructor(readonly path: string, readonly sha256: string, readonly byteLength: number) {}

  read(): Buffer {
    const data = readFileSync(this.path);
    if (data.length !== this.byteLength || createHash('sha256').update(data).digest('hex') !== this.sha256) {
      throw new Error(`${this.path}: changed while the build was running (another build using the same cache?): build again`);
    }
    return data;
  }
}

/** The bytes, read from their file when they are kept in one. */
export const bytesOf = (data: Uint8Array | FileBytes): Uint8Array => (data instanceof FileBytes ? data.read() : data);
