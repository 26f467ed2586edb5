/**
 * Bytes to text. Clerks save files from Word/WPS/Notepad on Chinese Windows, so GBK/GB18030 and UTF-16 happen:
 * we detect them, say so with the fix, and still decode them so the rest of the checks can run.
 */
import { isUtf8 } from 'node:buffer';

export const MAX_FILE_BYTES = 1024 * 1024;

export type DecodeProblem =
  | { kind: 'too-large'; bytes: number }
  | { kind: 'binary' }
  | { kind: 'gb18030' }
  | { kind: 'utf16' }
  | { kind: 'unknown-encoding'; offset: number };

export interface Decoded {
  text: string | null;
  problem?: DecodeProblem;
}

const gb18030 = new TextDecoder('gb18030', { fatal: true });

/** `maxBytes`: larger files are refused (a repository's files: MAX_FILE_BYTES; an imported CSV list may be larger). */
export function decode(bytes: Uint8Array, opts: { maxBytes?: number } = {}): Decoded {
  if (bytes.length > (opts.maxBytes ?? MAX_FILE_BYTES)) return { text: null, problem: { kind: 'too-large', bytes: bytes.length } };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const le = bytes[0] === 0xff;
    const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
    return { text, problem: { kind: 'utf16' } };
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { text: null, problem: { kind: 'binary' } };
  if (isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }
  {
    // Find the first bad byte for the message, then try the Chinese national encoding.
    const offset = firstInvalidUtf8(bytes);
    try {
      return { text: gb18030.decode(bytes), problem: { kind: 'gb18030' } };
    } catch {
      return { text: null, problem: { kind: 'unknown-encoding', offset } };
    }
  }
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}

/** 1-based line and column of a byte offset, counting only the bytes before it (for a message on undecodable files). */
export function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1, col = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 10) { line++; col = 1; } else if ((bytes[i] & 0xc0) !== 0x80) col++;
  }
  return { line, column: col };
}
