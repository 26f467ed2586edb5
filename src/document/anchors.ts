/** Bookmark names valid in Word (a letter first, then letters, digits and underscores, at most 40) and unique. */
export class Anchors {
  private readonly used = new Set<string>();

  make(prefix: string, key: string): string {
    const clean = (x: string) => x.replace(/[^A-Za-z0-9]/g, '_');
    const base = `${clean(prefix)}_${clean(key)}`.replace(/^[^A-Za-z]/, 'a').slice(0, 34);
    let name = base, n = 1;
    while (this.used.has(name)) name = `${base}_${++n}`;
    this.used.add(name);
    return name;
  }
}
