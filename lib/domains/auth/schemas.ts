import { z } from "zod";
import { safeText } from "@/lib/platform/validation/safe-text";

/** POST /api/auth/login */
export const loginInput = z.object({
  email: safeText().trim().min(1, "required").max(320),
  password: z.string().min(1, "required").max(200),
});

/** POST /api/presence: a heartbeat (online by default). */
export const presenceInput = z.object({ status: z.enum(["online", "away"]).default("online") });
