/**
 * A zip written again with fixed times: a library's zip (exceljs writes through JSZip, stamping each entry with the
 * clock) becomes the same bytes for the same contents. Entries keep their order, `[Content_Types].xml` first, as Excel
 * expects it. A zip's times are local times without a zone (MS-DOS), which fflate takes from the Date's local fields:
 * the UTC fields are given instead, so that the bytes do not depend on the machine's time zone (TZ).
 */
import { unzipSync, zipSync } from 'fflate';

export function zipWithFixedTimes(bytes: Uint8Array, date: Date): Uint8Array {
  const files = unzipSync(bytes);
  const local = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
  const names = Object.keys(files);
  names.sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0));
  return zipSync(Object.fromEntries(names.map((n) => [n, [files[n]!, { mtime: local, level: 6 }]])));
}
