import { z } from "zod";

/** POST /api/internal/cli: the CLI's words, bounded so a request cannot make the app parse megabytes of argv. */
export const cliInvocationInput = z.object({
  argv: z.array(z.string().max(4000, "must be at most 4000 characters")).max(40, "must have at most 40 words"),
});
