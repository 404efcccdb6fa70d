import { z } from "zod";

/** A lone UTF-16 surrogate: JavaScript allows it, PostgreSQL's text and jsonb do not. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text from a vendor we must keep however it arrived (a call's transcript): NUL and lone surrogates become
 * U+FFFD, so PostgreSQL can store it. Input we may refuse goes through safeText instead.
 */
export const storableText = (s: string): string =>
  s.replaceAll("\u0000", "\uFFFD").replace(new RegExp(UNPAIRED_SURROGATE.source, "g"), "\uFFFD");

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain NUL (\\u0000) characters";
  if (UNPAIRED_SURROGATE.test(s)) return "must be valid Unicode text (it contains an unpaired surrogate)";
  return null;
}

/**
 * A string PostgreSQL can store: no NUL characters, no unpaired surrogates. Every free-text field of every
 * input schema starts here, so bad text is a validation error naming the field, never a database error.
 * It is a ZodString: chain .trim(), .min(), .max() as usual.
 */
export const safeText = () =>
  z.string().superRefine((s, ctx) => {
    const problem = textProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const DEFAULT_JSON_DEPTH = 8;

/**
 * A free-form JSON object (callerInfo, metadata-like blobs): at most `maxDepth` levels of objects and
 * arrays (the object itself is level 1), every key and string safe text. Checked without recursion, so
 * even a pathological value cannot overflow the stack; each problem names its path.
 */
export const safeJsonObject = (opts: { maxDepth?: number } = {}) => {
  const maxDepth = opts.maxDepth ?? DEFAULT_JSON_DEPTH;
  return z.record(z.string(), z.unknown()).superRefine((root, ctx) => {
    const stack: Array<{ value: unknown; path: PropertyKey[]; depth: number }> = [{ value: root, path: [], depth: 1 }];
    while (stack.length) {
      const { value, path, depth } = stack.pop()!;
      if (typeof value === "string") {
        const problem = textProblem(value);
        if (problem) return void ctx.addIssue({ code: "custom", message: problem, path });
        continue;
      }
      if (typeof value !== "object" || value === null) continue;
      if (depth > maxDepth)
        return void ctx.addIssue({ code: "custom", message: `must be nested at most ${maxDepth} levels deep`, path: [] });
      const entries: Array<[PropertyKey, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
      for (const [key, child] of entries) {
        const keyProblem = typeof key === "string" ? textProblem(key) : null;
        if (keyProblem) return void ctx.addIssue({ code: "custom", message: `keys ${keyProblem}`, path });
        stack.push({ value: child, path: [...path, key], depth: depth + 1 });
      }
    }
  });
};
