/**
 * Bytes kept in a file rather than in memory: a flowchart's PNG in the flowchart cache, which only the DOCX's zip needs
 * (as its SVG's fallback picture), at the very end of a build. A thousand of them are 130 MB that a build held from
 * the start. The file's SHA-256 and size are known (the cache's sidecar), so the picture has its identity without
 * being read; `read` gives the bytes, checked against them (a cache changed under a running build is an error, not
 * another picture in the document).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
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
    this.check(data.length, () => (this.crc !== undefined ? crc32(data) === this.crc : createHash('sha256').update(data).digest('hex') === this.sha256));
    return data;
  }

  /** The bytes' CRC-32 (read and checked against their SHA-256 the first time). */
  crc32(): number {
    if (this.crc === undefined) {
      let crc = 0;
      for (const chunk of this.chunks()) crc = crc32(chunk, crc);
      this.crc = crc;
    }
    return this.crc;
  }

  /**
   * The bytes a piece at a time, each a view of one buffer that the next piece overwrites (to be used at once: written
   * out, hashed), so that reading a thousand pictures allocates nothing. Checked as `read` checks them, once the last
   * piece has been given: a file changed under the build throws then (what was done with the pieces is to be undone).
   */
  *chunks(): Generator<Uint8Array> {
    const hash = this.crc === undefined ? createHash('sha256') : undefined;
    let crc = 0;
    let size = 0;
    const fd = openSync(this.path, 'r');
    try {
      for (;;) {
        const n = readSync(fd, CHUNK, 0, CHUNK.length, null);
        if (n === 0) break;
        const chunk = CHUNK.subarray(0, n);
        size += n;
        if (hash) hash.update(chunk);
        else crc = crc32(chunk, crc);
        yield chunk;
      }
    } finally {
      closeSync(fd);
    }
    this.check(size, () => (hash ? hash.digest('hex') === this.sha256 : crc === this.crc));
  }

  /** Throws unless the bytes read were `size` long and `same` (their SHA-256, or CRC-32 once known, as recorded). */
  private check(size: number, same: () => boolean): void {
    if (size !== this.byteLength || !same()) throw new Error(`${this.path}: changed while the build was running (another build using the same cache?): build again`);
  }
}

/** The buffer `chunks` reads into. */
const CHUNK = Buffer.allocUnsafe(1 << 20);

/** The bytes, read from their file when they are kept in one. */
export const bytesOf = (data: Uint8Array | FileBytes): Uint8Array => (data instanceof FileBytes ? data.read() : data);
