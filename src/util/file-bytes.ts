/**
 * Bytes kept in a file rather than in memory: a flowchart's PNG in the flowchart cache, which only the DOCX's zip needs
 * (as its SVG's fallback picture), at the very end of a build. A thousand of them are 130 MB that a build held from
 * the start. The file's SHA-256 and size are known (the cache's sidecar), so the picture has its identity without
 * being read; `read` gives the bytes, checked against them (a cache changed under a running build is an error, not
 * another picture in the document).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

export class FileBytes {
  /** The bytes' CRC-32, once they have been read and checked against their SHA-256 (`crc32`). */
  private crc: number | undefined;

  constructor(readonly path: string, readonly sha256: string, readonly byteLength: number) {}

  /**
   * The bytes. Checked against their SHA-256; once their CRC-32 is known (`crc32`, which a zip entry needs anyway),
   * against that instead: as sure a sign of a file changed under the build, for a tenth of the work.
   */
  read(): Buffer {
    const data = readFileSync(this.path);
    const same = data.length === this.byteLength && (this.crc !== undefined ? crc32(data) === this.crc : createHash('sha256').update(data).digest('hex') === this.sha256);
    if (!same) throw new Error(`${this.path}: changed while the build was running (another build using the same cache?): build again`);
    return data;
  }

  /** The bytes' CRC-32 (read and checked against their SHA-256 the first time). */
  crc32(): number {
    this.crc ??= crc32(this.read());
    return this.crc;
  }
}

/** The bytes, read from their file when they are kept in one. */
export const bytesOf = (data: Uint8Array | FileBytes): Uint8Array => (data instanceof FileBytes ? data.read() : data);
