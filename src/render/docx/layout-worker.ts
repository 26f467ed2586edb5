/**
 * Worker thread of layout-pool.ts: lays out the groups of runs it is sent, and writes the batches it is sent, one at
 * a time, as layout.ts and index.ts would here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { decodeBatch, batchDocument } from './batch.js';
import { BookmarkNames } from './bookmarks.js';
import { useFontFiles } from './fonts.js';
import type { RenderContext } from './context.js';
import { geometryOf } from './geometry.js';
import { layOutItems } from './layout.js';
import { decodeGroup, type LayoutWorkerData, type WorkerMessage } from './layout-pool.js';
import { MediaStore } from './media.js';
import { PageNumberStandIns } from './numbers.js';
import { addRunFonts, compilePackage } from './package.js';
import { buildStyles } from './styles.js';

const data = workerData as LayoutWorkerData;
useFontFiles(data.fonts);
const geometry = geometryOf(data.profile);
const bookmarks = BookmarkNames.fromEntries(data.bookmarks);
const ctx: RenderContext = {
  profile: data.profile,
  geometry,
  bookmarks,
  footnoteIds: new Set(data.footnoteIds),
  tocPageNumbers: data.tocPageNumbers,
  tocEntries: data.tocEntries,
  media: new MediaStore(true),
  state: { figures: 0 },
};
const styles = buildStyles(data.profile, geometry);
const opts = { styles, ...(data.fontFiles ? { fontFiles: data.fontFiles } : {}) };
let grouping = true;
const names = data.bookmarks.map(([, name]) => name);

/** Writes a batch (batch.ts): the parts of its package, and what docx asked the page numbers' stand-ins for. */
function writeBatch(text: string) {
  const media = new MediaStore();
  const { spec, start } = decodeBatch(text, media);
  const standIns = new PageNumberStandIns(names);
  const doc = batchDocument({ ...ctx, media, state: { figures: 0 } }, spec, start, { meta: data.writer!.meta, styles }, standIns.estimator);
  const parts = compilePackage(doc);
  // Every run given its paragraph style's fonts here, not on the thread that joins the batches (package.ts).
  const xml = parts.get('word/document.xml');
  if (typeof xml === 'string') parts.set('word/document.xml', addRunFonts(xml, data.profile));
  return { parts, standIns: standIns.counts(), runFontsAdded: typeof xml === 'string' };
}

parentPort!.on('message', (m: WorkerMessage) => {
  if (m.kind === 'batch') {
    try {
      parentPort!.postMessage({ result: writeBatch(m.data) });
    } catch (e) {
      parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
    }
    return;
  }
  layOutItems(ctx, opts, decodeGroup(m.data), grouping).then(
    ({ results, grouped }) => { grouping &&= grouped; parentPort!.postMessage({ result: results }); },
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
});
