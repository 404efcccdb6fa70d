import { z } from "zod";

/** The connect pages' "Send a signed test request": the Switchboard API key the platform will send. */
export const signedTestInput = z.object({
  apiKey: z
    .string({ message: "must be a string (the Switchboard API key the platform's tools send)" })
    .trim()
    .min(8, "must be at least 8 characters")
    .max(200, "must be at most 200 characters"),
});

export type SignedTestResult = { ok: boolean; status: number; signed: boolean; tool: string; message: string; response: unknown };
