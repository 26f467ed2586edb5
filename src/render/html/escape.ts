/** Escaping for text and attribute values: every string from a repository goes through one of these. */
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => MAP[c]);
}

/** Only web and mail links leave the document; anything else (javascript:, data:, file:) becomes inert. */
export function safeHref(url: string): string {
  return /^(https?:|mailto:)/i.test(url.trim()) ? esc(url.trim()) : '#';
}
