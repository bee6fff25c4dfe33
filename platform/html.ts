// HTML escaping for the server-rendered pages of the identity provider and the portals: one function,
// so every page escapes text and attribute values the same way.

/** Escape a string for HTML text and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
