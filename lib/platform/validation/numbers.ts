import { z } from "zod";

/**
 * A whole number from a query string ("20") or JSON (20): 1.5, "abc", 1e400 and out-of-range values are
 * validation errors naming the field (never a LIMIT 1.5 sent to the database).
 */
export const queryInt = (opts: { min: number; max: number }) =>
  z.coerce
    .number({ message: "must be a whole number" })
    .int("must be a whole number")
    .min(opts.min, `must be at least ${opts.min}`)
    .max(opts.max, `must be at most ${opts.max}`);
