import type { z } from "zod";
import { AppError, describeIssues } from "@/lib/errors";

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError("validation_failed", describeIssues(r.error.issues));
  return r.data;
}
