/**
 * Pictures go into the package after docx has written it: docx gets a tiny stand-in for each distinct picture, and
 * finishPackage (package.ts) swaps the real bytes into `word/media/*` as it writes the final zip.
 *
 * docx would otherwise SHA-1 every picture (to name it), deflate it into its zip (PNGs don't compress), and the
 * package rewrite would inflate and deflate it again: for a thousand flowcharts that was most of the render time and
 * several copies of every picture in memory. The stand-in of a picture is derived from a hash of its bytes, so equal
 * pictures get one stand-in (and docx writes them once) and different ones different stand-ins. A picture shown
 * several times is mostly the same object (the model has one per drawing): its hash is worked out once. An SVG is
 * kept as the model's text and made into UTF-8 only as it goes into the package.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Deflater, ZipPart } from './zip.js';
import { FileBytes } from '../../util/file-bytes.js';

/**
 * A compressed SVG kept in the cache is named by the SVG's hash, the level and the version of fflate, whose DEFLATE
 * streams (zip.ts) they are: another version may compress otherwise, and the package would not be the same bytes.
 */
const FFLATE_VERSION = (createRequire(import.meta.url)('fflate/package.json') as { version: string }).version;
const SVG_CACHE_FILE = /^[0-9a-f]{64}\.l6\.fflate-[^/]+\.bin$/;

const PREFIX = 'powerbook-media:';
/** SVG bytes copied for the deflater at most at a time (compressSvgs). */
const IN_FLIGHT_BYTES = 8 << 20;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class MediaStore {
  /**
   * A PNG's bytes (or the cache's file holding them, read as the zip is written), or an SVG (text, or its UTF-8 bytes
   * boxed so as not to be taken for a PNG).
   */
  private readonly byKey = new Map<string, Uint8Array | FileBytes | string | { svg: Uint8Array }>();
  private readonly binaryKeys = new WeakMap<Uint8Array | FileBytes, string>();
  private readonly svgKeys = new Map<string, string>();
  private readonly svgByteKeys = new WeakMap<Uint8Array, string>();
  private readonly compressed = new Map<string, Promise<ZipPart>>();

  /**
   * @param layoutOnly - For a document that is only laid out (layout.ts), never packaged: every picture gets the same
   * stand-in, and nothing is hashed or kept (a picture's bytes don't move a line; its size, given apart, does).
   */
  constructor(private readonly layoutOnly = false, private readonly svgCacheDir?: string) {}

  /** The cache's files this build read or wrote (the others are removed once the package is written: pruneSvgCache). */
  private readonly svgCacheUsed = new Set<string>();

  /** The stand-in for a PNG (or other binary picture), to give docx instead of its bytes. */
  binary(type: string, data: Uint8Array | FileBytes): Uint8Array {
    if (this.layoutOnly) return encoder.encode(`${PREFIX}layout:${type}`);
    let hash = this.binaryKeys.get(data);
    if (hash === undefined) this.binaryKeys.set(data, (hash = data instanceof FileBytes ? data.sha256 : createHash('sha256').update(data).digest('hex')));
    const key = `${type}:${hash}`;
    if (!this.byKey.has(key)) this.byKey.set(key, data);
    return encoder.encode(PREFIX + key);
  }

  /**
   * The stand-in for an SVG, given as text (its UTF-8 bytes are made when the package is written) or as its UTF-8
   * bytes (as the build gives it: outside the JS heap). Either way the same drawing gets the same stand-in.
   */
  svg(source: string | Uint8Array): Uint8Array {
    if (this.layoutOnly) return encoder.encode(`${PREFIX}layout:svg`);
    let key = typeof source === 'string' ? this.svgKeys.get(source) : this.svgByteKeys.get(source);
    if (key === undefined) {
      key = `svg:${createHash('sha256').update(source).digest('hex')}`;
      if (typeof source === 'string') this.svgKeys.set(source, key);
      else this.svgByteKeys.set(source, key);
    }
    if (!this.byKey.has(key)) this.byKey.set(key, typeof source === 'string' ? source : { svg: source });
    return encoder.encode(PREFIX + key);
  }

  /** The key of a PNG (or other binary picture) for a batch written elsewhere (batch.ts), registered as `binary` does. */
  binaryKey(type: string, data: Uint8Array | FileBytes): string {
    this.binary(type, data);
    return this.binaryKeys.get(data)!;
  }

  /** The key of an SVG for a batch written elsewhere (batch.ts), registered as `svg` does. */
  svgKey(source: string | Uint8Array): string {
    this.svg(source);
    return (typeof source === 'string' ? this.svgKeys.get(source) : this.svgByteKeys.get(source))!;
  }

  /**
   * `placeholder` (no bytes) as the picture whose key is given (`binaryKey`, `svgKey`): on the thread a batch is written
   * on, docx gets the same stand-in for it as the thread with its bytes would give it.
   */
  keyed(placeholder: Uint8Array, kind: 'png' | 'svg', key: string): Uint8Array {
    if (kind === 'svg') this.svgByteKeys.set(placeholder, key);
    else this.binaryKeys.set(placeholder, key);
    return placeholder;
  }

  /** The file that holds the bytes of a media part docx wrote with a stand-in, when they were left in one. */
  resolveFile(written: Uint8Array): FileBytes | undefined {
    const key = keyOf(written);
    const data = key === undefined ? undefined : this.byKey.get(key);
    return data instanceof FileBytes ? data : undefined;
  }

  /** The real bytes of a media part docx wrote with a stand-in, or undefined when it is not one. */
  resolve(written: Uint8Array): Uint8Array | undefined {
    const key = keyOf(written);
    const data = key === undefined ? undefined : this.byKey.get(key);
    if (data === undefined || data instanceof Uint8Array) return data;
    if (data instanceof FileBytes) return data.read();
    return typeof data === 'string' ? Buffer.from(data, 'utf8') : data.svg;
  }

  /**
   * Starts compressing the SVGs for the package (deflated at level 6, as zip.ts `deflated`), on the deflater's thread:
   * a thousand drawings take about a second.
   */
  compressSvgs(deflater: Deflater): void {
    for (const [key, data] of this.byKey) {
      if (data instanceof Uint8Array || data instanceof FileBytes || this.compressed.has(key)) continue;
      const file = this.svgCacheDir === undefined ? undefined : `${key.slice('svg:'.length)}.l6.fflate-${FFLATE_VERSION}.bin`;
      if (file !== undefined) {
        this.svgCacheUsed.add(file);
        const kept = this.cachedSvg(file, data);
        if (kept) {
          this.compressed.set(key, Promise.resolve(kept));
          continue;
        }
      }
      // A copy of the model's bytes (the deflater takes, transfers, the buffer it is given), made only when the copies
      // before it are compressed but a few MB: all at once, they were the drawings a second time in memory (~90 MB).
      const size = typeof data === 'string' ? data.length * 3 : data.svg.length;
      const before = this.inFlight;
      const turn = before.then(() => this.waitForRoom(size));
      const part = turn.then(() => {
        this.sending += size;
        return deflater.deflate(typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data.svg), 6).finally(() => this.freed(size));
      });
      if (file !== undefined) void part.then((p) => this.keepSvg(file, p), () => {});
      this.inFlight = turn;
      this.compressed.set(key, part);
    }
  }

  /** SVG bytes given to the deflater and not compressed yet; the next SVG's turn, and its wait for room (compressSvgs). */
  private sending = 0;
  private inFlight: Promise<void> = Promise.resolve();
  private waiter: { size: number; resolve: () => void } | undefined;

  private fits(size: number): boolean {
    return this.sending === 0 || this.sending + size <= IN_FLIGHT_BYTES;
  }

  private waitForRoom(size: number): Promise<void> {
    if (this.fits(size)) return Promise.resolve();
    return new Promise((resolve) => { this.waiter = { size, resolve }; });
  }

  private freed(size: number): void {
    this.sending -= size;
    const w = this.waiter;
    if (w && this.fits(w.size)) {
      this.waiter = undefined;
      w.resolve();
    }
  }

  /**
   * A compressed SVG from the cache: its size and CRC-32 (8 bytes, little-endian) then its DEFLATE stream; undefined
   * when there is none, or it is not of these bytes (size and CRC-32 checked).
   */
  private cachedSvg(file: string, data: string | { svg: Uint8Array }): ZipPart | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(this.svgCacheDir!, file));
    } catch {
      return undefined;
    }
    if (bytes.length <= 8) return undefined;
    const size = bytes.readUInt32LE(0), crc = bytes.readUInt32LE(4);
    const source = typeof data === 'string' ? data : data.svg;
    if (size !== (typeof source === 'string' ? Buffer.byteLength(source, 'utf8') : source.length) || crc !== crc32(source)) return undefined;
    return { data: bytes.subarray(8), size, crc, method: 8 };
  }

  /** Keeps a compressed SVG in the cache (written whole or not at all; a cache that can't be written only costs time). */
  private keepSvg(file: string, part: ZipPart): void {
    try {
      mkdirSync(this.svgCacheDir!, { recursive: true });
      const head = Buffer.alloc(8);
      head.writeUInt32LE(part.size, 0);
      head.writeUInt32LE(part.crc >>> 0, 4);
      const tmp = join(this.svgCacheDir!, `${file}.${process.pid}.tmp`);
      writeFileSync(tmp, Buffer.concat([head, part.data]));
      renameSync(tmp, join(this.svgCacheDir!, file));
    } catch {
      // left out
    }
  }

  /** Removes the cache's compressed SVGs this build did not use (drawings changed or gone, another fflate). */
  pruneSvgCache(): void {
    if (this.svgCacheDir === undefined || this.svgCacheUsed.size === 0) return;
    try {
      for (const name of readdirSync(this.svgCacheDir)) {
        if (SVG_CACHE_FILE.test(name) && !this.svgCacheUsed.has(name)) rmSync(join(this.svgCacheDir, name), { force: true });
      }
    } catch {
      // no cache
    }
  }

  /** The part for a stand-in whose picture `compressSvgs` compressed, or undefined. */
  compressedPart(written: Uint8Array): Promise<ZipPart> | undefined {
    const key = keyOf(written);
    return key === undefined ? undefined : this.compressed.get(key);
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** The key a stand-in names, or undefined when the bytes are not a stand-in. */
function keyOf(written: Uint8Array): string | undefined {
  if (written.length > 200 || written.length <= PREFIX.length) return undefined;
  const text = decoder.decode(written);
  return text.startsWith(PREFIX) ? text.slice(PREFIX.length) : undefined;
}
