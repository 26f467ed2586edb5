/**
 * 事项编码 → the power's id (and file name). A code that can be a file name is kept as it is written (full-width
 * letters and digits made half-width); a power without one gets the next number of its category's prefix (XK-001,
 * CF-002 …: check/rules/power-id-prefix.ts), in the order of the sheet and skipping the numbers the sheet's own codes
 * take. The sheet alone decides: importing it again gives the same ids.
 */
import type { PowerCategory } from '../domain/types.js';
import { CATEGORY_PREFIX } from '../check/rules/power-id-prefix.js';

/** The schema's pattern for an id (schemas/power.schema.json). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Names Windows keeps for devices, with any extension (CON.yaml, NUL.txt.yaml): such a file cannot be made, opened or
 * checked out on the clerks' Windows machines.
 */
const WINDOWS_RESERVED = /^(?:CON|PRN|AUX|NUL|COM[0-9\u00b9\u00b2\u00b3]|LPT[0-9\u00b9\u00b2\u00b3])(?:\.|$)/i;

export function windowsReserved(id: string): boolean {
  return WINDOWS_RESERVED.test(id);
}

/** XK－００１ → XK-001; spaces dropped. Undefined when the result is not an id (or a name Windows reserves). */
export function codeToId(code: string): string | undefined {
  const t = code.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[—–－]/g, '-').replace(/\s+/g, '');
  return ID_PATTERN.test(t) && t.length <= 64 && !windowsReserved(t) ? t : undefined;
}

export function prefixOf(category: PowerCategory): string {
  return CATEGORY_PREFIX[category];
}

/** Hands out generated ids: per prefix, the next number not taken by a code of the sheet. */
export class IdMaker {
  private readonly next = new Map<string, number>();
  constructor(private readonly taken: Set<string>) {}

  make(category: PowerCategory): string {
    const prefix = prefixOf(category);
    let n = this.next.get(prefix) ?? 1;
    let id = format(prefix, n);
    while (this.taken.has(id.toUpperCase())) id = format(prefix, ++n);
    this.next.set(prefix, n + 1);
    this.taken.add(id.toUpperCase());
    return id;
  }
}

function format(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(3, '0')}`;
}
