import type { Config } from "@/lib/platform/config/env";
import { type OutboundPolicy, outboundPolicy } from "@/lib/platform/outbound/outbound-error";

/** What the embeddings matcher is built from (the composition root keys its cache on it); null when unconfigured. */
export type EmbeddingsSettings = {
  url: string;
  apiKey: string | null;
  model: string;
  dimensions: number | null;
  timeoutMs: number;
  scan: number;
  floor: number;
  policy: OutboundPolicy;
};

export function embeddingsSettings(config: Config): EmbeddingsSettings | null {
  if (!config.MEMORY_EMBEDDINGS_URL) return null;
  return {
    url: `${config.MEMORY_EMBEDDINGS_URL.replace(/\/+$/, "")}/v1/embeddings`,
    apiKey: config.MEMORY_EMBEDDINGS_API_KEY ?? null,
    model: config.MEMORY_EMBEDDINGS_MODEL,
    dimensions: config.MEMORY_EMBEDDINGS_DIMENSIONS ?? null,
    timeoutMs: config.MEMORY_EMBEDDINGS_TIMEOUT_MS,
    scan: config.MEMORY_EMBEDDINGS_SCAN,
    floor: config.MEMORY_EMBEDDINGS_FLOOR,
    // A batch of 1,536-dimension vectors as JSON is large: 64 of them are ~1.3 MB.
    policy: outboundPolicy(config, { timeoutMs: config.MEMORY_EMBEDDINGS_TIMEOUT_MS, maxBytes: 8 * 1024 * 1024 }),
  };
}
