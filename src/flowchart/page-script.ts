/**
 * Code that runs inside the Chromium page, after mermaid.min.js. Kept as a plain JavaScript string (not a
 * function passed to page.evaluate) because test runners and bundlers rewrite functions (e.g. inject `__name`),
 * and a rewritten function fails in the page where those helpers do not exist.
 *
 * render(): Mermaid → SVG string, then, on a parsed copy (DOMParser; never innerHTML):
 * - scrub: remove script/iframe/object/embed, on* attributes and javascript: links (defence in depth — Mermaid's
 *   strict mode already sanitises; nothing in a generated label can produce them, see escape.ts);
 * - decode the `&#NNN;` texts that escape.ts produced back into characters, in text nodes only;
 * - give the root explicit width/height from its viewBox (Mermaid writes width="100%"), so the file is usable
 *   stand-alone (DOCX, <img>).
 */
export const PAGE_SCRIPT = String.raw`
(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const NAMED = { quot: '"', apos: "'", amp: '&', lt: '<', gt: '>', nbsp: '\u00a0' };
  const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(quot|apos|amp|lt|gt|nbsp));/g;
  const PARTIAL = /&#?[0-9a-zA-Z]*$/;

  function decode(s) {
    return s.replace(ENTITY, (m, dec, hex, name) => {
      if (name) return NAMED[name];
      const cp = dec ? Number(dec) : parseInt(hex, 16);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : m;
    });
  }

  // Mermaid wraps long edge labels at 200 px and may cut inside a word, so an entity can start at the end of one
  // row and finish at the start of the next: carry the unfinished part over before decoding.
  function decodeTexts(root) {
    for (const text of root.getElementsByTagNameNS(SVG_NS, 'text')) {
      const walker = root.ownerDocument.createTreeWalker(text, 4 /* SHOW_TEXT */);
      const nodes = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
      let carry = '';
      nodes.forEach((node, i) => {
        let s = carry + node.nodeValue;
        carry = '';
        const partial = i < nodes.length - 1 ? PARTIAL.exec(s) : null;
        if (partial) { carry = partial[0]; s = s.slice(0, partial.index); }
        node.nodeValue = decode(s);
      });
    }
  }

  function scrub(root) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const tag = el.localName.toLowerCase();
      if (tag === 'script' || tag === 'iframe' || tag === 'object' || tag === 'embed') { el.remove(); continue; }
      for (const a of [...el.attributes]) {
        if (/^on/i.test(a.localName) || (a.localName === 'href' && /^\s*(javascript|data):/i.test(a.value))) {
          el.removeAttributeNode(a);
        }
      }
    }
  }

  function size(root) {
    const vb = (root.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number);
    if (vb.length !== 4 || !vb.every(Number.isFinite) || vb[2] <= 0 || vb[3] <= 0) return null;
    root.setAttribute('width', String(vb[2]));
    root.setAttribute('height', String(vb[3]));
    root.style.removeProperty('max-width');
    if (!root.getAttribute('style')) root.removeAttribute('style');
    return { width: vb[2], height: vb[3] };
  }

  window.__powerbook = {
    init(config) { mermaid.initialize(config); },
    async render(id, source) {
      try {
        const { svg } = await mermaid.render(id, source);
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        if (doc.getElementsByTagName('parsererror').length) return { ok: false, error: 'Mermaid produced malformed SVG' };
        const root = doc.documentElement;
        scrub(root);
        decodeTexts(root);
        const dims = size(root);
        if (!dims) return { ok: false, error: 'Mermaid produced an SVG without a usable viewBox' };
        const warnings = root.getElementsByTagNameNS(SVG_NS, 'foreignObject').length
          ? ['diagram uses HTML labels (foreignObject), which DOCX/PDF consumers cannot draw'] : [];
        return { ok: true, svg: new XMLSerializer().serializeToString(root), width: dims.width, height: dims.height, warnings };
      } catch (e) {
        return { ok: false, error: String((e && e.message) || e) };
      } finally {
        // On a failed render Mermaid can leave its scratch element behind; later renders would pile up.
        for (const leftover of document.querySelectorAll('body > [id^="d' + id + '"], body > #' + id)) leftover.remove();
      }
    },
  };
})();
`;
