import { z } from "zod";
import type { EmbeddingsSettings } from "@/lib/domains/memory/embeddings/settings";
import { isOutboundError } from "@/lib/platform/outbound/outbound-error";
import { createDependencyGuard, type GuardState } from "@/lib/platform/resilience/breaker";

export interface Embedder {
  /** The model and size the vectors belong to: a stored vector made by another is made again. */
  readonly modelKey: string;
  /** One vector per text, in order. Throws (an `unavailable` AppError) when the endpoint is down, slow or answers badly. */
  embed(texts: string[]): Promise<Float32Array[]>;
  state(): GuardState;
}

// The OpenAI embeddings response (https://platform.openai.com/docs/api-reference/embeddings/create):
// {object: "list", data: [{object: "embedding", index, embedding: number[]}], model, usage}.
const response = z.object({
  data: z.array(z.object({ index: z.number().int().min(0).optional(), embedding: z.array(z.number()).min(1).max(4096) })),
});

/** An endpoint that answered, but not with what we asked for: a fault of the endpoint (it counts for the breaker). */
const badAnswer = (why: string) => Object.assign(new Error(`the embeddings endpoint ${why}`), { code: "embeddings_bad_answer" });

/**
 * An OpenAI-compatible embeddings client: one `POST {base}/v1/embeddings` with `{model, input: [...]}` per
 * call, through the outbound guard, behind a breaker (three failures in a row open it for 30 s: no search waits
 * on a dead endpoint) and a timeout of MEMORY_EMBEDDINGS_TIMEOUT_MS. The key goes in a header and is never logged;
 * the endpoint's error text is never repeated (only its status).
 */
export function createEmbedder(s: EmbeddingsSettings): Embedder {
  const guard = createDependencyGuard({ dependency: "embeddings endpoint", timeoutMs: s.timeoutMs, threshold: 3, resetMs: 30_000 });
  // Loaded as soon as the matcher is built, and awaited outside the timeout: loading code is not the endpoint's slowness.
  const loading = import("@/lib/platform/outbound/guarded-fetch");
  loading.catch(() => {});
  const modelKey = s.dimensions ? `${s.model}@${s.dimensions}` : s.model;
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (s.apiKey) headers.authorization = `Bearer ${s.apiKey}`;
  return {
    modelKey,
    state: () => guard.state(),
    async embed(texts) {
      const { fetchOutbound } = await loading;
      return guard.run(async (signal) => {
        const body: Record<string, unknown> = { model: s.model, input: texts, encoding_format: "float" };
        if (s.dimensions) body.dimensions = s.dimensions;
        const res = await fetchOutbound(s.url, { method: "POST", headers, body: JSON.stringify(body), signal }, s.policy).catch((e) => {
          throw isOutboundError(e) ? badAnswer(`URL ${e.message}`) : e;
        });
        if (!res.ok) throw badAnswer(`answered HTTP ${res.status}`);
        let parsed: z.infer<typeof response>;
        try {
          parsed = response.parse(res.json());
        } catch {
          throw badAnswer("answered with something other than an embeddings list");
        }
        if (parsed.data.length !== texts.length) throw badAnswer(`answered ${parsed.data.length} vectors for ${texts.length} inputs`);
        const data = parsed.data.every((d) => d.index !== undefined) ? [...parsed.data].sort((x, y) => x.index! - y.index!) : parsed.data;
        const dims = data[0]!.embedding.length;
        if (data.some((d) => d.embedding.length !== dims)) throw badAnswer("answered vectors of different sizes");
        if (s.dimensions && dims !== s.dimensions) throw badAnswer(`answered ${dims} dimensions, not ${s.dimensions}`);
        return data.map((d) => Float32Array.from(d.embedding));
      });
    },
  };
}
