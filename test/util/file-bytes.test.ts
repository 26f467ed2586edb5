import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesOf, FileBytes } from '../../src/util/file-bytes.js';
import { tempDir } from '../helpers/repo.js';

describe('FileBytes', () => {
  it('reads the bytes it names, and refuses a file changed since', () => {
    const file = path.join(tempDir('pb-filebytes-'), 'a.png');
    const data = Buffer.from('\x89PNG fake picture bytes');
    writeFileSync(file, data);
    const ref = new FileBytes(file, createHash('sha256').update(data).digest('hex'), data.length);
    expect(Buffer.compare(ref.read(), data)).toBe(0);
    expect(Buffer.compare(Buffer.from(bytesOf(ref)), data)).toBe(0);
    const plain = new Uint8Array([1, 2, 3]);
    expect(bytesOf(plain)).toBe(plain);
    writeFileSync(file, Buffer.from('\x89PNG other picture bytes'));
    expect(() => ref.read()).toThrow(/changed while the build was running/);
    // Once its CRC-32 is known (a zip entry's), a later read is checked against that: a change of the same length too.
    writeFileSync(file, data);
    const crc = ref.crc32();
    expect(Buffer.compare(ref.read(), data)).toBe(0);
    expect(ref.crc32()).toBe(crc);
    writeFileSync(file, Buffer.from('\x89PNG fake picture bytez'));
    expect(() => ref.read()).toThrow(/changed while the build was running/);
  });

  it('gives a file longer than its buffer a piece at a time, and refuses it changed', () => {
    const file = path.join(tempDir('pb-filebytes-'), 'big.png');
    const data = Buffer.from(Array.from({ length: 2_500_000 }, (_, i) => (i * 7919) & 255));
    writeFileSync(file, data);
    const ref = new FileBytes(file, createHash('sha256').update(data).digest('hex'), data.length);
    const joined = (f: FileBytes) => Buffer.concat([...f.chunks()].map((c) => Buffer.from(c)));
    expect(joined(ref).equals(data)).toBe(true); // checked against the SHA-256
    ref.crc32();
    expect(joined(ref).equals(data)).toBe(true); // checked against the CRC-32
    data[2_000_000] ^= 1;
    writeFileSync(file, data);
    expect(() => joined(ref)).toThrow(/changed while the build was running/);
    expect(() => [...new FileBytes(file, 'f'.repeat(64), data.length).chunks()]).toThrow(/changed while the build was running/);
  });
});
