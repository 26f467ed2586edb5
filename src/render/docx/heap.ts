/**
 * How far V8 lets the heaps grow while a large DOCX is rendered.
 *
 * After each full collection V8 lets a heap grow to up to four times what was live then (on a machine with 2 GB or
 * more) before it collects again. Laying out and writing a large document makes hundreds of megabytes of objects that
 * outlive the young generation and die soon after (a batch's docx objects and formatted XML, a group's layout), so
 * the heaps of both threads grew to three or four times what they held: 1.6 GB for the 1,000-power benchmark, most of
 * it garbage. While a large document is rendered, a heap may grow to twice what was live (`--heap-growing-percent`,
 * which V8 reads each time it sets a limit), and the main thread's heap is collected once at the start, so that its
 * next limit is set so too (the one it has was set by the last collection before the render, at four times): ~1.0 GB,
 * for about a second more of collecting (CPU time, both threads). Worker threads started meanwhile grow their heaps so
 * from the start. The default is restored once the render is done.
 *
 * The flags are the process's: a process started with `--heap-growing-percent` (which is better: its heap grows so from
 * the start; `build` sets it so, bin/powerbook.js) keeps its flag, but its heap is still collected at the start: the
 * limit it has was set from the compile's live data, most of it garbage by then.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const GROWING_PERCENT = 100;

let renders = 0;
const given = process.execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a));

/** Heaps grow to twice what they hold until the returned function is called. */
export function collectSooner(): () => void {
  if (renders++ === 0) {
    if (!given) setFlagsFromString(`--heap-growing-percent=${GROWING_PERCENT}`);
    // Also when the flag was given: the limit the heap has was set at the last collection, twice what was live then,
    // which in a build is the model being compiled (the flowcharts' SVGs as read, the rules' trees: 230 MB for 1,000
    // powers), most of it garbage by now; the heap grew to 450 MB before the render's first collection (108 MB live).
    collectNow();
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--renders === 0 && !given) setFlagsFromString('--heap-growing-percent=0');
  };
}

/** A full collection now (V8's `gc`, which a context made while `--expose-gc` is on has). */
function collectNow(): void {
  setFlagsFromString('--expose-gc');
  try {
    (runInNewContext('gc') as () => void)();
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
