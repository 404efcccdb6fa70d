import { z } from "zod";

/** Bland v1 response shapes we rely on (https://docs.bland.ai/api-v1). Unknown fields pass through untouched. */
const str = z.string().nullish();
const num = z.coerce.number().nullish();

export const blandSendCallResponse = z.object({ status: z.string(), call_id: z.string().min(1), message: str });

export const blandTranscript = z.object({
  id: z.union([z.number(), z.string()]).nullish(),
  created_at: str,
  text: z.string().default(""),
  user: z.string().default("user"),
});

export const blandCall = z.looseObject({
  call_id: z.string().min(1),
  status: str,
  queue_status: str,
  completed: z.boolean().nullish(),
  answered_by: str,
  call_length: num,
  created_at: str,
  started_at: str,
  end_at: str,
  to: str,
  error_message: str,
  call_ended_by: str,
  summary: str,
  recording_url: str,
  price: num,
  metadata: z.record(z.string(), z.unknown()).nullish(),
  transcripts: z.array(blandTranscript).nullish(),
  concatenated_transcript: str,
});
export type BlandCall = z.infer<typeof blandCall>;

export const blandStopResponse = z.object({ status: z.string(), message: str });

export const blandVoices = z.object({
  voices: z.array(
    z.looseObject({
      id: z.union([z.string(), z.number()]).transform(String),
      name: z.string(),
      description: str,
      public: z.boolean().nullish(),
      tags: z.array(z.string()).nullish(),
    }),
  ),
});

/** Bland errors come as `{status:"error", message}` or `{errors:[{error, message}]}`. */
export function blandErrorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const b = body as { message?: unknown; errors?: Array<{ message?: unknown; error?: unknown }> };
  if (typeof b.message === "string") return b.message;
  const first = Array.isArray(b.errors) ? b.errors[0] : undefined;
  if (first) return String(first.message ?? first.error ?? "error");
  return undefined;
}
