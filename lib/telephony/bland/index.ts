import type { TelephonyPort } from "@/lib/telephony/port";

export type BlandOptions = { apiKey: string; baseUrl: string; webhookSecret: string; timeoutMs: number; maxRetries: number };

// Placeholder until the Bland adapter lands (next commit on this branch).
export function createBlandTelephony(_opts: BlandOptions): TelephonyPort {
  throw new Error("Bland adapter not implemented yet");
}
