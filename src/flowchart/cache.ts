/**
 * Content-addressed cache of rendered flowcharts, under `<repo>/.powerbook/cache/flowcharts/`.
 *
 * Key: sha256 of everything that decides the picture — source, Mermaid version, renderer version, theme, font,
 * format, PNG resolution and what draws the PNG (resvg's version). An entry is `<key>.<svg|png>` plus `<key>.<svg|png>.json` holding the content's
 * sha256 and its size. Both are written atomically (temp file + rename), content first: the sidecar is the commit
 * mark, so a crash mid-write leaves at worst an orphan content file, never a sidecar pointing at half a file.
 * On read the hash is checked; a truncated or garbage entry is deleted and reported as a miss (re-rendered).
 */
import { FileBytes } from '../util/file-bytes.js';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mermaidConfig, mermaidVersion, RENDERER_VERSION, type FlowchartFormat, type RenderSettings } from './config.js';
import { rasteriserVersion } from './png.js';

export function flowchartCacheDir(repoRoot: string): string {
  return join(repoRoot, '.powerbook', 'cache', 'flowcharts');
}

export interface CacheEntry {
  data: Buffer;
  width: number;
  height: number;
  pngWidth?: number;
  pngHeight?: number;
  warnings?: string[];
}

interface Sidecar {
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  pngWidth?: number;
  pngHeight?: number;
  warnings?: string[];
}

export function flowchartCacheKey(source: string, format: FlowchartFormat, settings: RenderSettings): string {
  const parts = {
    renderer: RENDERER_VERSION,
    mermaid: mermaidVersion(),
    config: mermaidConfig(settings),
    fontFamily: settings.fontFamily,
    theme: settings.theme,
    format,
    png: format === 'png' ? settings.png : undefined,
    rasteriser: format === 'png' ? rasteriserVersion() : undefined,
    source,
  };
  return sha256(JSON.stringify(parts));
}

export class FlowchartCache {
  constructor(readonly dir: string) {}

  /**
   * The entry with its bytes left in the file (`FileBytes`, checked now and again when read): for a PNG, which only the
   * DOCX's zip reads, at the end of the build.
   */
  async getFile(key: string, format: FlowchartFormat): Promise<(Omit<CacheEntry, 'data'> & { file: FileBytes }) | null> {
    const found = await this.read(key, format);
    if (!found) return null;
    const { entry: { data, ...rest }, sha256: hash } = found;
    return { ...rest, file: new FileBytes(this.path(key, format), hash, data.length) };
  }

  /** The entry, or null if absent or corrupt (a corrupt one is deleted). */
  async get(key: string, format: FlowchartFormat): Promise<CacheEntry | null> {
    return (await this.read(key, format))?.entry ?? null;
  }

  /** The entry and its bytes' SHA-256 (checked against the sidecar's), or null as `get`. */
  private async read(key: string, format: FlowchartFormat): Promise<{ entry: CacheEntry; sha256: string } | null> {
    const file = this.path(key, format);
    let meta: Sidecar;
    let data: Buffer;
    try {
      meta = JSON.parse(await readFile(file + '.json', 'utf8')) as Sidecar;
      data = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      await this.delete(key, format); // unreadable or not JSON
      return null;
    }
    if (!isSidecar(meta) || meta.bytes !== data.length || sha256(data) !== meta.sha256) {
      await this.delete(key, format);
      return null;
    }
    return { sha256: meta.sha256, entry: { data, width: meta.width, height: meta.height, pngWidth: meta.pngWidth, pngHeight: meta.pngHeight, warnings: meta.warnings } };
  }

  async put(key: string, format: FlowchartFormat, entry: CacheEntry): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.path(key, format);
    const meta: Sidecar = {
      sha256: sha256(entry.data),
      bytes: entry.data.length,
      width: entry.width,
      height: entry.height,
      ...(entry.pngWidth !== undefined ? { pngWidth: entry.pngWidth, pngHeight: entry.pngHeight } : {}),
      ...(entry.warnings?.length ? { warnings: entry.warnings } : {}),
    };
    await atomicWrite(file, entry.data);
    await atomicWrite(file + '.json', JSON.stringify(meta) + '\n');
  }

  async delete(key: string, format: FlowchartFormat): Promise<void> {
    const file = this.path(key, format);
    await rm(file + '.json', { force: true });
    await rm(file, { force: true });
  }

  path(key: string, format: FlowchartFormat): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a cache key: ${key}`);
    return join(this.dir, `${key}.${format}`);
  }
}

async function atomicWrite(file: string, data: Buffer | string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

function isSidecar(m: unknown): m is Sidecar {
  const s = m as Sidecar;
  return !!s && typeof s === 'object' && typeof s.sha256 === 'string' && typeof s.bytes === 'number' &&
    typeof s.width === 'number' && typeof s.height === 'number';
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
