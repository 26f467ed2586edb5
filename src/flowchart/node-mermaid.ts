/**
 * Mermaid's parser in Node, without a browser or a DOM library.
 *
 * Measured (Mermaid 11.17, Node 20): `mermaid.parse` runs in Node — import ≈ 0.4 s, then ≈ 2.5 ms a diagram —
 * except that the flowchart database calls DOMPurify while storing labels. Without a `window`, DOMPurify exports a
 * stub with no `addHook`/`sanitize`, and parsing throws. Parsing only needs the grammar, not sanitised labels, so
 * the stub gets pass-through methods. This touches only the stub (`isSupported === false`): where a real DOM
 * exists DOMPurify is left alone, and nothing rendered in Node is ever shown to anyone.
 * The alternative, parsing in the Chromium page, costs a browser launch plus ≈ 0.6 s loading Mermaid.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Mermaid } from 'mermaid';

let loading: Promise<Mermaid> | undefined;

export function nodeMermaid(): Promise<Mermaid> {
  loading ??= load();
  return loading;
}

async function load(): Promise<Mermaid> {
  await shimDomPurify();
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', suppressErrorRendering: true });
  return mermaid;
}

interface PurifyStub { isSupported?: boolean; addHook?: unknown; removeHook?: unknown; removeHooks?: unknown; removeAllHooks?: unknown; sanitize?: unknown }

/** Patch the same DOMPurify instance Mermaid imports: resolved from Mermaid's own location, ES module build. */
async function shimDomPurify(): Promise<void> {
  const fromMermaid = createRequire(createRequire(import.meta.url).resolve('mermaid'));
  const cjsEntry = fromMermaid.resolve('dompurify');
  const pkgDir = dirname(dirname(cjsEntry));
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
    exports?: { '.'?: { import?: { default?: string } } };
    module?: string;
  };
  const esm = pkg.exports?.['.']?.import?.default ?? pkg.module ?? 'dist/purify.es.mjs';
  const mod = (await import(pathToFileURL(join(pkgDir, esm)).href)) as { default: PurifyStub };
  const purify = mod.default;
  if (purify.isSupported !== false) return;
  const noop = () => undefined;
  purify.addHook ??= noop;
  purify.removeHook ??= noop;
  purify.removeHooks ??= noop;
  purify.removeAllHooks ??= noop;
  purify.sanitize ??= (dirty: unknown) => String(dirty);
}
