import type { z } from "zod";
import { AppError, describeIssues } from "@/lib/platform/errors";

type Issues = z.core.$ZodIssue[];

/**
 * The one way outside input becomes typed input: parse with the domain's schema, or throw a 422
 * `validation_failed` naming each bad field. `describe` is for the few callers whose clients already
 * see a differently worded message (the CLI's flag names, first-run setup).
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  describe: (issues: Issues) => string = describeIssues,
): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError("validation_failed", describe(r.error.issues));
  return r.data;
}
