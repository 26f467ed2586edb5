/**
 * The package's zip, written as fflate's `zipSync` writes one, byte for byte (the same local headers, central
 * directory and DEFLATE streams), but an entry at a time: each entry is compressed when it is added, so its
 * uncompressed bytes can go as soon as it is, and the zip holds only compressed data until `finish` writes it out.
 * Parts can be compressed beforehand, on a worker thread (`Deflater`), while this one does other work.
 */
import { Worker } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { Deflate, deflateSync } from 'fflate';
import { threadsFor } from '../../util/threads.js';
import { bytesOf, FileBytes } from '../../util/file-bytes.js';

/** A part as it goes into the zip: its bytes stored (method 0) or deflated (8), its size and CRC-32. */
export interface ZipPart {
  data: Uint8Array;
  size: number;
  crc: number;
  method: 0 | 8;
}

/** A part compressed as `zipSync` compresses it with `{ level }`: stored at level 0, else deflated at that level. */
export function deflated(data: Uint8Array, level: number): ZipPart {
  const method = level === 0 ? 0 : 8;
  return { data: method === 8 ? deflateSync(data, { level: level as 6 }) : data, size: data.length, crc: crc32(data), method };
}

/**
 * `data` deflated at `level` as one segment of a longer DEFLATE stream (RFC 1951): its own blocks, none final, ending
 * with an empty stored block at a byte boundary (a sync flush), so that segments compressed apart — in any order, on
 * any thread — and then `FINAL_BLOCK` make one stream when written one after the other. Each segment starts afresh
 * (no match reaches back into the one before): a little larger than one stream, the same bytes for the same segments.
 */
export function deflatedSegment(data: Uint8Array, level: number): Uint8Array {
  const out: Uint8Array[] = [];
  const d = new Deflate({ level: level as 6 }, (chunk) => { out.push(chunk); });
  if (data.length > 0) d.push(data, false);
  // Every byte deflated into blocks, none final; what is written of the last byte is kept back in the stream's state.
  d.flush(false);
  // fflate's own sync flush (`flush(true)`) writes its empty stored block at a wrong offset when that last byte has
  // bits set (fflate 0.8.3: wfblk is given the state, not its bit offset), so it is written here: the state `s.r` is
  // the bit offset in the last byte and, shifted by 3, the byte's bits so far.
  const state = (d as unknown as { s?: { r?: number } }).s;
  if (typeof state !== 'object' || state === null) throw new Error('zip: fflate\'s Deflate keeps its state elsewhere (fflate upgraded?)');
  const r = state.r ?? 0;
  const bit = r & 7;
  // The stored block's 3 header bits (not final, type 00) at that offset, zeros to the byte boundary, LEN 0, NLEN 0xFFFF.
  out.push(bit === 0 ? Uint8Array.of(0, 0, 0, 0xff, 0xff) : bit <= 5 ? Uint8Array.of(r >> 3, 0, 0, 0xff, 0xff) : Uint8Array.of(r >> 3, 0, 0, 0, 0xff, 0xff));
  const joined = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of out) { joined.set(c, at); at += c.length; }
  return joined;
}

/** An empty stored block marked final (BFINAL 1, BTYPE 00, LEN 0, NLEN 0xFFFF): ends a stream of segments. */
export const FINAL_BLOCK = Uint8Array.of(0x01, 0x00, 0x00, 0xff, 0xff);

interface Entry extends Omit<ZipPart, 'data'> {
  /** Stored bytes may be left in their file (a flowchart's PNG in the cache), read only as the zip is written out. */
  data: Uint8Array | FileBytes;
  name: Uint8Array;
  /** Whether the name is not plain ASCII (the UTF-8 flag). */
  utf8: boolean;
  /** MS-DOS date and time, as fflate writes them (from the local date and time of `mtime`). */
  stamp: number;
}

export interface DeflateRequest {
  id: number;
  data: Uint8Array;
  level: number;
  /** A segment of a longer stream (`deflatedSegment`), answered with its bytes alone. */
  segment?: boolean;
}

/**
 * Compresses parts on a worker thread (zip-worker.ts), in the order they are given, or here when there is no second
 * core (or the code runs from its TypeScript sources): as `deflated`, whose bytes they are.
 */
export class Deflater {
  private readonly pending = new Map<number, { resolve: (p: never) => void; reject: (e: unknown) => void }>();
  private next = 0;

  private constructor(private readonly worker: Worker | undefined) {
    worker?.on('message', ({ id, part }: { id: number; part: ZipPart | Uint8Array }) => {
      this.pending.get(id)!.resolve(part as never);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
    });
    worker?.on('error', (e) => this.fail(e));
    worker?.on('exit', (code) => this.fail(new Error(`DOCX: the zip worker stopped (${code})`)));
    worker?.unref(); // kept alive only while it has parts to compress
  }

  static start(): Deflater {
    const script = new URL('./zip-worker.js', import.meta.url);
    return new Deflater(threadsFor(script) >= 2 ? new Worker(script) : undefined);
  }

  /** The part compressed at `level`. Its bytes go to the worker: `data` must not be used after (nor share its buffer). */
  deflate(data: Uint8Array, level: number): Promise<ZipPart> {
    if (!this.worker) return Promise.resolve(deflated(data, level));
    return this.send<ZipPart>({ id: this.next++, data, level });
  }

  /** `data` as a segment of a longer stream (`deflatedSegment`). Its bytes go to the worker, as with `deflate`. */
  segment(data: Uint8Array, level: number): Promise<Uint8Array> {
    if (!this.worker) return Promise.resolve(deflatedSegment(data, level));
    return this.send<Uint8Array>({ id: this.next++, data, level, segment: true });
  }

  private send<T>(request: DeflateRequest): Promise<T> {
    const worker = this.worker!;
    const done = new Promise<T>((resolve, reject) => this.pending.set(request.id, { resolve: resolve as (p: never) => void, reject }));
    worker.ref();
    worker.postMessage(request, [request.data.buffer as ArrayBuffer]);
    return done;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    worker.removeAllListeners('exit');
    await worker.terminate();
  }

  private fail(e: unknown): void {
    for (const { reject } of this.pending.values()) reject(e);
    this.pending.clear();
  }
}

const encoder = new TextEncoder();

/** fflate's MS-DOS date and time of an entry: from the local date and time, 1980 to 2099. */
function dosStamp(mtime: Date): number {
  const y = mtime.getFullYear() - 1980;
  if (y < 0 || y > 119) throw new Error('zip: dates must be between 1980 and 2099');
  return (y << 25) | ((mtime.getMonth() + 1) << 21) | (mtime.getDate() << 16) | (mtime.getHours() << 11) | (mtime.getMinutes() << 5) | (mtime.getSeconds() >> 1);
}

/**
 * The fields a local header (at its offset 6) and a central directory entry (at 8) share, in the same order: flags
 * (UTF-8 name), method, date and time, CRC-32, compressed and uncompressed size, name length.
 */
function writeFields(out: Buffer, at: number, e: Entry): void {
  out.writeUInt16LE(e.utf8 ? 0x800 : 0, at);
  out.writeUInt16LE(e.method, at + 2);
  out.writeUInt32LE(e.stamp >>> 0, at + 4);
  out.writeUInt32LE(e.crc >>> 0, at + 8);
  out.writeUInt32LE(e.data.byteLength, at + 12);
  out.writeUInt32LE(e.size, at + 16);
  out.writeUInt16LE(e.name.length, at + 20);
}

export class ZipWriter {
  private readonly entries: Entry[] = [];

  /** Adds an entry: stored when `level` is 0, else deflated at that level (as zipSync does with `{ level, mtime }`). */
  add(name: string, data: Uint8Array, level: number, mtime: Date): void {
    this.addPart(name, deflated(data, level), mtime);
  }

  /** Adds a stored entry whose bytes stay in their file until the zip is written out (its CRC-32 is worked out now). */
  addFile(name: string, file: FileBytes, mtime: Date): void {
    this.push(name, { data: file, size: file.byteLength, crc: file.crc32(), method: 0 }, mtime);
  }

  /** Adds an entry compressed already (`deflated`, `Deflater`). */
  addPart(name: string, part: ZipPart, mtime: Date): void {
    this.push(name, part, mtime);
  }

  private push(name: string, part: Omit<Entry, 'name' | 'utf8' | 'stamp'>, mtime: Date): void {
    const encoded = encoder.encode(name);
    if (encoded.length > 65535) throw new Error(`zip: name too long: ${name}`);
    this.entries.push({ ...part, name: encoded, utf8: encoded.length !== name.length, stamp: dosStamp(mtime) });
  }

  /** The zip. */
  finish(): Buffer {
    return joinPieces(this.finishPieces());
  }

  /**
   * The zip as pieces to be written one after the other: each entry's local header, its data (the bytes it was given
   * or compressed to, not copied, or the file that holds them), then the central directory. Writing them to a file
   * needs no buffer of the whole zip, nor of the pictures left in their files (`bytesOf` reads each in turn).
   */
  finishPieces(): Array<Uint8Array | FileBytes> {
    const pieces: Array<Uint8Array | FileBytes> = [];
    const offsets: number[] = [];
    let at = 0;
    for (const e of this.entries) {
      offsets.push(at);
      const header = Buffer.alloc(30 + e.name.length);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(20, 4);
      writeFields(header, 6, e);
      header.set(e.name, 30);
      pieces.push(header, e.data);
      at += header.length + e.data.byteLength;
    }
    const local = at;
    const central = this.entries.reduce((n, e) => n + 46 + e.name.length, 0);
    const tail = Buffer.alloc(central + 22);
    let c = 0;
    for (const [i, e] of this.entries.entries()) {
      tail.writeUInt32LE(0x02014b50, c);
      tail.writeUInt16LE(20, c + 4);
      tail.writeUInt16LE(20, c + 6);
      writeFields(tail, c + 8, e);
      tail.writeUInt32LE(offsets[i]!, c + 42);
      tail.set(e.name, c + 46);
      c += 46 + e.name.length;
    }
    tail.writeUInt32LE(0x06054b50, c);
    tail.writeUInt16LE(this.entries.length, c + 8);
    tail.writeUInt16LE(this.entries.length, c + 10);
    tail.writeUInt32LE(central, c + 12);
    tail.writeUInt32LE(local, c + 16);
    pieces.push(tail);
    this.entries.length = 0;
    return pieces.filter((p) => p.byteLength > 0);
  }
}

/** The pieces as one buffer, the files among them read. */
export function joinPieces(pieces: ReadonlyArray<Uint8Array | FileBytes>): Buffer {
  const bytes = pieces.map(bytesOf);
  return Buffer.concat(bytes, bytes.reduce((n, p) => n + p.length, 0));
}
