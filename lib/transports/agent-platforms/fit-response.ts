/** Retell passes at most this many characters of a function's response to the model. */
export const RETELL_RESPONSE_LIMIT = 15_000;

const size = (v: unknown) => JSON.stringify(v).length;

/** The largest array or long string inside `v` (the container and key to shrink), or null. */
function largest(v: unknown): { parent: Record<string, unknown> | unknown[]; key: string | number; size: number } | null {
  let best: { parent: Record<string, unknown> | unknown[]; key: string | number; size: number } | null = null;
  const stack: unknown[] = [v];
  while (stack.length) {
    const cur = stack.pop();
    if (typeof cur !== "object" || cur === null) continue;
    const entries: Array<[string | number, unknown]> = Array.isArray(cur) ? cur.map((x, i) => [i, x]) : Object.entries(cur);
    for (const [key, child] of entries) {
      if (key === "message") continue; // what the agent says is never cut
      const s = (typeof child === "string" && child.length > 200) || Array.isArray(child) ? size(child) : 0;
      if (s && (!best || s > best.size)) best = { parent: cur as Record<string, unknown>, key, size: s };
      stack.push(child);
    }
  }
  return best;
}

/**
 * Keeps a response under Retell's 15,000-character limit: drops the last entries of the biggest arrays
 * (lists are newest first) and halves the longest strings until it fits, and says so with `truncated`.
 */
export function fitResponse(body: Record<string, unknown>, limit: number = RETELL_RESPONSE_LIMIT): Record<string, unknown> {
  if (size(body) <= limit) return body;
  const out = structuredClone(body);
  out.truncated = true;
  for (let i = 0; i < 10_000 && size(out) > limit; i++) {
    const target = largest(out);
    if (!target) break;
    const value = (target.parent as Record<string | number, unknown>)[target.key];
    if (Array.isArray(value)) {
      if (value.length > 1) value.length = Math.floor(value.length / 2);
      else (target.parent as Record<string | number, unknown>)[target.key] = [];
    } else if (typeof value === "string") {
      (target.parent as Record<string | number, unknown>)[target.key] = `${value.slice(0, Math.floor(value.length / 2))}…`;
    }
  }
  if (size(out) > limit) return { message: String(body.message ?? "").slice(0, limit - 100), truncated: true };
  return out;
}
