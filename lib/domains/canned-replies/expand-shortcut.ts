/** What the composer needs of a canned reply. */
export type Expandable = { shortcut: string; body: string };

/**
 * Expands `/shortcut` tokens in a draft into their replies. A token counts only at the start or after
 * whitespace and must end at whitespace or the end of the text, so URLs ("a/b") and unknown shortcuts
 * stay as typed. Returns the new text and where the caret should go (after the last expansion).
 */
export function expandShortcuts(
  text: string,
  replies: readonly Expandable[],
  caret = text.length,
): { text: string; caret: number; expanded: number } {
  if (!replies.length || !text.includes("/")) return { text, caret, expanded: 0 };
  const byShortcut = new Map(replies.map((r) => [r.shortcut.toLowerCase(), r.body]));
  let expanded = 0;
  let newCaret = caret;
  const out = text.replace(/(^|\s)\/([a-z0-9][a-z0-9_-]{0,31})(?=\s|$)/gi, (match, lead: string, name: string, offset: number) => {
    const body = byShortcut.get(name.toLowerCase());
    if (body === undefined) return match;
    expanded++;
    const end = offset + match.length;
    if (end <= caret) newCaret += body.length - (match.length - lead.length);
    return lead + body;
  });
  return { text: out, caret: Math.max(0, Math.min(newCaret, out.length)), expanded };
}

/** The `/partial` token the caret is in, for suggesting replies while typing; null when there is none. */
export function shortcutAtCaret(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)\/([a-z0-9_-]{0,32})$/i.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, query: m[2]!.toLowerCase() };
}
