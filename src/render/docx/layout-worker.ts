/** Worker thread of layout-pool.ts: lays out the groups of runs it is sent, one at a time, as layout.ts would. */
import { parentPort, workerData } from 'node:worker_threads';
import { BookmarkNames } from './bookmarks.js';
import { useFontFiles } from './fonts.js';
import type { RenderContext } from './context.js';
import { geometryOf } from './geometry.js';
import { layOutItems } from './layout.js';
import { decodeGroup, type LayoutWorkerData } from './layout-pool.js';
import { MediaStore } from './media.js';
import { buildStyles } from './styles.js';

const data = workerData as LayoutWorkerData;
useFontFiles(data.fonts);
const geometry = geometryOf(data.profile);
const ctx: RenderContext = {
  profile: data.profile,
  geometry,
  bookmarks: BookmarkNames.fromEntries(data.bookmarks),
  footnoteIds: new Set(data.footnoteIds),
  tocPageNumbers: data.tocPageNumbers,
  tocEntries: data.tocEntries,
  media: new MediaStore(true),
  state: { figures: 0 },
};
const opts = { styles: buildStyles(data.profile, geometry), ...(data.fontFiles ? { fontFiles: data.fontFiles } : {}) };
let grouping = true;

parentPort!.on('message', (group: string) => {
  layOutItems(ctx, opts, decodeGroup(group), grouping).then(
    ({ results, grouped }) => { grouping &&= grouped; parentPort!.postMessage({ results }); },
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
});
