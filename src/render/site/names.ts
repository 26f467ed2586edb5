/** File names for site pages: only [A-Za-z0-9._-], never hidden or reserved, unique even on case-insensitive disks. */

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

export function safeFileStem(id: string): string {
  let s = id.normalize('NFKC').replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[._-]+/, '').replace(/[.]+$/, '').slice(0, 80);
  if (!s) s = 'page';
  if (RESERVED.test(s.split('.')[0])) s = `${s}_`;
  return s;
}

/** Hands out `dir/<stem>.html` names, de-duplicated (case-insensitively) with -2, -3, … */
export class FileNames {
  private readonly used = new Set<string>();

  take(dir: string, id: string): string {
    const stem = safeFileStem(id);
    const prefix = dir ? `${dir}/` : '';
    let name = `${prefix}${stem}.html`, n = 1;
    while (this.used.has(name.toLowerCase())) name = `${prefix}${stem}-${++n}.html`;
    this.used.add(name.toLowerCase());
    return name;
  }

  /** Reserve a fixed name (index.html, catalogue.html, …) so that no unit takes it. */
  reserve(name: string): string {
    this.used.add(name.toLowerCase());
    return name;
  }
}
