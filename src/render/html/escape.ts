/** Escaping for text and attribute values: every string from a repository goes through one of these. */
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Control characters (but tab, LF, CR) are dropped, as the DOCX drops them: HTML does not allow them, and a YAML
 * escape ("\x07") puts them into a value without the file's text showing any (validate: hidden-char).
 */
export function esc(s: string): string {
  return s.replace(/[&<>"'\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, (c) => MAP[c] ?? '');
}

/** Only web and mail links leave the document; anything else (javascript:, data:, file:) becomes inert. */
export function safeHref(url: string): string {
  return /^(https?:|mailto:)/i.test(url.trim()) ? esc(url.trim()) : '#';
}
