import type { Deps } from "@/lib/platform/deps";
import type { Db } from "@/lib/adapters/db/client";
import type { MemoryAnswerRow } from "@/lib/adapters/db/schema";

export type MatchQuery = {
  accountId: string;
  question: string;
  /** Only entries an admin approved for automatic use (search_answers, ask_human). */
  approvedOnly: boolean;
  limit: number;
  /** Entries scoring below this are left out. */
  minScore: number;
};
export type Match = { entry: MemoryAnswerRow; score: number };

/**
 * Finds saved answers for a question, best first. The lexical matcher (full-text + trigram, PostgreSQL and
 * PGlite) is the default; the embeddings matcher (embeddings/embeddings-matcher.ts) implements the same port and
 * falls back to it.
 * Never returns another account's entries, nor expired ones.
 */
export interface AnswerMatcher {
  readonly name: string;
  findMatches(db: Db, query: MatchQuery): Promise<Match[]>;
}

/** What memory's domain functions need: the database and settings (the CLI builds just these), and the matcher when built. */
export type MemoryDeps = Pick<Deps, "db" | "config"> & Partial<Pick<Deps, "answerMatcher">>;
