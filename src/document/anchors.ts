/** Bookmark names valid in Word (a letter first, then letters, digits and underscores, at most 40) and unique. */
export class Anchors {
  private readonly used = new Set<string>();
  /**
   * For each base name, the suffix to try next: every `base_k` below it is taken. Headings in Chinese all clean to the
   * same base, so a rule with thousands of them would otherwise try every taken suffix again for each (quadratic).
   */
  private readonly next = new Map<string, number>();

  make(prefix: string, key: string): string {
    const clean = (x: string) => x.replace(/[^A-Za-z0-9]/g, '_');
    const base = `${clean(prefix)}_${clean(key)}`.replace(/^[^A-Za-z]/, 'a').slice(0, 34);
    let n = this.next.get(base) ?? 1;
    let name = n === 1 ? base : `${base}_${n}`;
    while (this.used.has(name)) name = `${base}_${++n}`;
    this.used.add(name);
    this.next.set(base, n);
    return name;
  }
}
