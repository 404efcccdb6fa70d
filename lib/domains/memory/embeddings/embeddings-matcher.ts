import type { Db } from "@/lib/adapters/db/client";
import { createEmbedder, type Embedder } from "@/lib/domains/memory/embeddings/client";
import type { EmbeddingsSettings } from "@/lib/domains/memory/embeddings/settings";
import { cosine, readCandidates, storeVectors } from "@/lib/domains/memory/embeddings/vectors";
import { lexicalMatcher } from "@/lib/domains/memory/lexical-matcher";
import { termsOf } from "@/lib/domains/memory/normalize";
import type { AnswerMatcher, Match, MatchQuery } from "@/lib/domains/memory/port";
import { conflictFactor } from "@/lib/domains/memory/score";
import { log, errorForLog } from "@/lib/platform/log";
import type { GuardState } from "@/lib/platform/resilience/breaker";

/** Lexical candidates taken into the vector comparison. */
const LEXICAL_CANDIDATES = 40;
/** Saved questions without a current vector embedded per search, in the same request as the question. */
const EMBED_PER_SEARCH = 64;

export type EmbeddingsMatcher = AnswerMatcher & { state(): GuardState };

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The embeddings matcher: the lexical matcher's candidates plus the account's most recent saved answers
 * (bounded), ranked by the better of their lexical score and their embedding similarity — rescaled so that
 * MEMORY_EMBEDDINGS_FLOOR scores 0 and times the lexical scorer's penalties for a different day, number, name or
 * a negation, which embeddings barely see. Saved questions are embedded on the first search that needs them
 * (at most EMBED_PER_SEARCH at a time, in the question's own request), so saving never waits on the endpoint.
 *
 * The lexical matcher stays the fallback: when the endpoint is down, slow, refused or answers badly, or its
 * breaker is open, the search answers with the lexical matches it already has, with no error to the caller.
 */
export function createEmbeddingsMatcher(s: EmbeddingsSettings, embedder: Embedder = createEmbedder(s)): EmbeddingsMatcher {
  return {
    name: "embeddings",
    state: () => embedder.state(),
    async findMatches(db: Db, q: MatchQuery): Promise<Match[]> {
      const lexical = await lexicalMatcher.findMatches(db, { ...q, limit: Math.max(LEXICAL_CANDIDATES, q.limit), minScore: 0 });
      const lexicalOnly = () => lexical.filter((m) => m.score >= q.minScore).slice(0, q.limit);
      if (!q.question.trim()) return lexicalOnly();
      const candidates = await readCandidates(db, q, { ids: lexical.map((m) => m.entry.id), scan: s.scan, modelKey: embedder.modelKey });
      const missing = candidates.filter((c) => !c.vector).slice(0, EMBED_PER_SEARCH);
      let asked: Float32Array;
      try {
        const vectors = await embedder.embed([q.question, ...missing.map((c) => c.entry.question)]);
        asked = vectors[0]!;
        missing.forEach((c, i) => {
          c.vector = vectors[i + 1]!;
        });
      } catch (e) {
        // The caller's words stay out of the log; the error names the endpoint's status at most. While the
        // breaker is open every search lands here: the breaker said so once when it opened.
        if (embedder.state() !== "down")
          log.warn(
            { dependency: "embeddings endpoint", err: errorForLog(e) },
            "embeddings unavailable: answering with the lexical matcher",
          );
        return lexicalOnly();
      }
      await storeVectors(
        db,
        embedder.modelKey,
        missing.map((c) => ({ entry: c.entry, vector: c.vector! })),
      ).catch((e) => log.warn({ err: errorForLog(e) }, "could not store answer embeddings; they are made again next time"));

      const lexicalScore = new Map(lexical.map((m) => [m.entry.id, m.score]));
      const askedTerms = termsOf(q.question);
      const matches: Match[] = [];
      for (const c of candidates) {
        let score = lexicalScore.get(c.entry.id) ?? 0;
        if (c.vector) {
          const similarity = Math.max(0, (cosine(asked, c.vector) - s.floor) / (1 - s.floor));
          score = Math.max(score, similarity * conflictFactor(askedTerms, termsOf(c.entry.question)));
        }
        score = round(Math.min(1, score));
        if (score >= q.minScore) matches.push({ entry: c.entry, score });
      }
      matches.sort((x, y) => y.score - x.score || y.entry.answeredAt.getTime() - x.entry.answeredAt.getTime());
      return matches.slice(0, q.limit);
    },
  };
}
