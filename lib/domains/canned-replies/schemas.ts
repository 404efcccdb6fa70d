import { z } from "zod";
import { safeText } from "@/lib/platform/validation/safe-text";

/** Shared by the REST routes, the domain functions and the OpenAPI document. */
export const shortcutSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "must be 1–32 characters: letters, digits, - or _ (no leading - or _)");

const fields = {
  shortcut: shortcutSchema.describe("Typed after a slash in the reply composer, e.g. `hours` for /hours."),
  title: safeText().trim().max(200, "must be at most 200 characters").describe("A short label shown in the picker."),
  body: safeText()
    .trim()
    .min(1, "must not be empty")
    .max(4000, "must be at most 4000 characters")
    .describe("The text the shortcut expands to."),
};

export const cannedReplyInput = z.object({ ...fields, title: fields.title.default("") });
export type CannedReplyInput = z.input<typeof cannedReplyInput>;

// No defaults here: a PATCH that omits a field leaves it as it is.
export const cannedReplyPatch = z
  .object(fields)
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "send at least one of shortcut, title, body");

export const cannedReplySchema = z.object({
  id: z.string().uuid(),
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PublicCannedReply = z.infer<typeof cannedReplySchema>;
