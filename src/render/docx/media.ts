/**
 * Pictures go into the package after docx has written it: docx gets a tiny stand-in for each distinct picture, and
 * finishPackage (package.ts) swaps the real bytes into `word/media/*` as it writes the final zip.
 *
 * docx would otherwise SHA-1 every picture (to name it), deflate it into its zip (PNGs don't compress), and the
 * package rewrite would inflate and deflate it again: for a thousand flowcharts that was most of the render time and
 * several copies of every picture in memory. The stand-in of a picture is derived from a hash of its bytes, so equal
 * pictures get one stand-in (and docx writes them once) and different ones different stand-ins.
 */
import { createHash } from 'node:crypto';

const PREFIX = 'powerbook-media:';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class MediaStore {
  private readonly byKey = new Map<string, Uint8Array>();

  /**
   * @param layoutOnly - For a document that is only laid out (layout.ts), never packaged: every picture gets the same
   * stand-in, and nothing is hashed or kept (a picture's bytes don't move a line; its size, given apart, does).
   */
  constructor(private readonly layoutOnly = false) {}

  /** The stand-in for a PNG (or other binary picture), to give docx instead of its bytes. */
  binary(type: string, data: Uint8Array): Uint8Array {
    if (this.layoutOnly) return encoder.encode(`${PREFIX}layout:${type}`);
    const key = `${type}:${createHash('sha256').update(data).digest('hex')}`;
    if (!this.byKey.has(key)) this.byKey.set(key, data);
    return encoder.encode(PREFIX + key);
  }

  /** The stand-in for an SVG; its UTF-8 bytes are made once per distinct drawing. */
  svg(source: string): Uint8Array {
    if (this.layoutOnly) return encoder.encode(`${PREFIX}layout:svg`);
    const key = `svg:${createHash('sha256').update(source, 'utf8').digest('hex')}`;
    if (!this.byKey.has(key)) this.byKey.set(key, Buffer.from(source, 'utf8'));
    return encoder.encode(PREFIX + key);
  }

  /** The real bytes of a media part docx wrote with a stand-in, or undefined when it is not one. */
  resolve(written: Uint8Array): Uint8Array | undefined {
    if (written.length > 200 || written.length <= PREFIX.length) return undefined;
    const text = decoder.decode(written);
    return text.startsWith(PREFIX) ? this.byKey.get(text.slice(PREFIX.length)) : undefined;
  }

  get size(): number {
    return this.byKey.size;
  }
}
