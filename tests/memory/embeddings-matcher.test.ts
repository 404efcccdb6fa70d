import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/adapters/db/client";
import { checkDependencies } from "@/lib/composition/health/check-dependencies";
import { embeddingsSettings } from "@/lib/domains/memory/embeddings/settings";
import { createEmbeddingsMatcher } from "@/lib/domains/memory/embeddings/embeddings-matcher";
import { createMemoryEntry, updateMemoryEntry } from "@/lib/domains/memory/entries";
import { lexicalMatcher } from "@/lib/domains/memory/lexical-matcher";
import type { AnswerMatcher, MatchQuery } from "@/lib/domains/memory/port";
import { describeMatcher, findAutoAnswer, searchAnswers } from "@/lib/domains/memory/search";
import { ConfigError, parseConfig } from "@/lib/platform/config/env";
import { withDeps } from "@/lib/platform/deps";
import { addKey } from "@/tests/hitl/helpers";
import { startEmbeddingsStandin, type EmbeddingsStandin } from "@/tests/support/embeddings-standin";
import { createTenant, type Tenant } from "@/tests/support/fixtures";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";

// The embeddings matcher on the real database (PGlite, or PostgreSQL with DATABASE_URL) against a local
// OpenAI-compatible stand-in with toy vectors; the lexical matcher stays the fallback whenever the endpoint fails.
let standin: EmbeddingsStandin;
let deps: TestDeps;
let t: Tenant;
let other: Tenant;
const ids: Record<string, string> = {};

const PARKING = "Do you validate parking?";
// A paraphrase with a word the saved question lacks ("ticket"): the lexical scorer's penalty for it keeps the
// lexical score just under the threshold; the toy vectors still place it close.
const PARAPHRASE = "can you validate my parking ticket";

const env = (url: string, extra: Record<string, string> = {}) => ({
  OUTBOUND_ALLOW_LOOPBACK: "true",
  MEMORY_EMBEDDINGS_URL: url,
  MEMORY_EMBEDDINGS_API_KEY: standin.apiKey!,
  // Generous: a busy test machine must not turn the working endpoint into a "slow" one (the slow case sets its own).
  MEMORY_EMBEDDINGS_TIMEOUT_MS: "10000",
  ...extra,
});
const query = (question: string, accountId = t.account.id): MatchQuery => ({
  accountId,
  question,
  approvedOnly: true,
  limit: 3,
  minScore: 0.25,
});
/** A matcher of its own (its own breaker) on the test database, built from settings as the composition root builds it. */
const matcherFor = (e: Record<string, string>) => createEmbeddingsMatcher(embeddingsSettings(parseConfig({ LOG_LEVEL: "silent", ...e }))!);
const summary = async (m: AnswerMatcher, q: string) =>
  (await m.findMatches(deps.db, query(q))).map((x) => ({ id: x.entry.id, score: x.score }));

beforeAll(async () => {
  standin = await startEmbeddingsStandin();
  deps = await createTestDeps(env(standin.url));
  t = await createTenant(deps.db);
  other = await createTenant(deps.db);
  const admin = await addKey(deps.db, t.account.id, ["admin"]);
  for (const [key, question, answer] of [
    ["parking", PARKING, "Yes, bring your ticket to the front desk."],
    ["sunday", "Are you open on Sunday?", "Sundays 10 am to 4 pm."],
    ["monday", "Are you open on Monday?", "Mondays 9 am to 9 pm."],
    ["allergy", "Can you cook without nuts for a nut allergy?", "Yes, tell your server and the kitchen cooks nut-free."],
  ] as const)
    ids[key] = (await createMemoryEntry(deps, admin, { question, answer, approvedForAuto: true })).id;
  const otherAdmin = await addKey(deps.db, other.account.id, ["admin"]);
  await createMemoryEntry(deps, otherAdmin, { question: PARAPHRASE, answer: "OTHER ACCOUNT", approvedForAuto: true });
}, 60_000);
afterAll(async () => {
  await deps?.close();
  await standin?.close();
});

describe("embeddings matcher", () => {
  it("is the process's matcher once MEMORY_EMBEDDINGS_URL is set, and finds a paraphrase the lexical matcher misses", async () => {
    expect(deps.answerMatcher.name).toBe("embeddings");
    const threshold = deps.config.MEMORY_AUTO_THRESHOLD;
    const lexical = await summary(lexicalMatcher, PARAPHRASE);
    expect(lexical[0]?.score ?? 0).toBeLessThan(threshold);
    const [best] = await summary(deps.answerMatcher, PARAPHRASE);
    expect(best).toMatchObject({ id: ids.parking });
    expect(best!.score).toBeGreaterThanOrEqual(threshold);
    // The same through search_answers (what MCP, Retell and REST call): confident, so it says the answer.
    const result = await searchAnswers(deps, t.agent.principal, { question: PARAPHRASE });
    expect(result.message).toBe("Yes, bring your ticket to the front desk.");
    expect(result.answers.map((a) => a.answer)).not.toContain("OTHER ACCOUNT");
    // And ask_human's look-up: answered from memory, no person paged.
    expect((await findAutoAnswer(deps, t.account.id, PARAPHRASE))?.entry.id).toBe(ids.parking);
  });

  it("embeds saved questions once, in the question's own request, and again after an edit", async () => {
    const rows = await queryRows<{ answer_id: string; model: string; dims: number }>(
      deps.db,
      sql`select answer_id, model, dims from memory_answer_embeddings where account_id = ${t.account.id}`,
    );
    expect(rows.map((r) => r.answer_id).sort()).toEqual(Object.values(ids).sort());
    expect(rows.every((r) => r.model === "text-embedding-3-small" && r.dims === 256)).toBe(true);
    const before = standin.requests.length;
    await deps.answerMatcher.findMatches(deps.db, query("Is parking validated?"));
    expect(standin.requests.slice(before).map((r) => r.inputs)).toEqual([1]);
    const admin = await addKey(deps.db, t.account.id, ["admin"]);
    await updateMemoryEntry(deps, admin, ids.parking!, { question: "Do you validate garage parking tickets?" });
    await deps.answerMatcher.findMatches(deps.db, query("Is parking validated?"));
    expect(standin.requests.at(-1)).toMatchObject({ status: 200, inputs: 2, authorization: `Bearer ${standin.apiKey}` });
  });

  it("keeps a different day apart however close the vectors are", async () => {
    const [best] = await deps.answerMatcher.findMatches(deps.db, query("are you guys open sunday"));
    expect(best?.entry.id).toBe(ids.sunday);
    const monday = (await deps.answerMatcher.findMatches(deps.db, query("are you guys open sunday"))).find(
      (m) => m.entry.id === ids.monday,
    );
    expect(monday?.score ?? 0).toBeLessThan(deps.config.MEMORY_AUTO_THRESHOLD);
  });

  it("answers with the lexical matches when the endpoint fails, and stops calling it once the breaker opens", async () => {
    const failing = await startEmbeddingsStandin({ apiKey: standin.apiKey });
    try {
      const matcher = matcherFor(env(failing.url));
      failing.failNext(100, 503);
      const expected = await summary(lexicalMatcher, PARAPHRASE);
      for (let i = 0; i < 3; i++) expect(await summary(matcher, PARAPHRASE)).toEqual(expected);
      expect(failing.requests.map((r) => r.status)).toEqual([503, 503, 503]);
      expect(matcher.state()).toBe("down");
      // Open: the next search never reaches the endpoint and still answers.
      expect(await summary(matcher, PARAPHRASE)).toEqual(expected);
      expect(failing.requests).toHaveLength(3);
      expect(describeMatcher(withDeps(deps, { answerMatcher: matcher }))).toEqual({
        matcher: "embeddings",
        model: "text-embedding-3-small",
        endpoint: "down",
      });
      // /api/health shows it, degraded rather than down: nothing fails for it.
      const health = await checkDependencies(withDeps(deps, { answerMatcher: matcher }));
      expect(health.dependencies.embeddings).toMatchObject({ state: "degraded", breaker: "open", driver: "openai-compatible" });
      expect(health.status).toBe("degraded");
      expect((await checkDependencies(deps)).dependencies.embeddings).toMatchObject({ state: "up", breaker: "closed" });
    } finally {
      await failing.close();
    }
  });

  it("answers lexically when the endpoint is slow, unreachable, refuses the key or is refused by the outbound guard", async () => {
    const expected = await summary(lexicalMatcher, PARAPHRASE);
    standin.delayMs = 5_000;
    try {
      expect(await summary(matcherFor(env(standin.url, { MEMORY_EMBEDDINGS_TIMEOUT_MS: "100" })), PARAPHRASE)).toEqual(expected);
    } finally {
      standin.delayMs = 0;
    }
    const gone = await startEmbeddingsStandin();
    await gone.close();
    expect(await summary(matcherFor(env(gone.url)), PARAPHRASE)).toEqual(expected);

    const before = standin.requests.length;
    expect(await summary(matcherFor(env(standin.url, { MEMORY_EMBEDDINGS_API_KEY: "sk-wrong" })), PARAPHRASE)).toEqual(expected);
    expect(standin.requests.slice(before).map((r) => r.status)).toEqual([401]);
    // Loopback is a private address: without OUTBOUND_ALLOW_LOOPBACK the guard refuses it before any request.
    const guarded = matcherFor(env(standin.url, { OUTBOUND_ALLOW_LOOPBACK: "false" }));
    expect(await summary(guarded, PARAPHRASE)).toEqual(expected);
    expect(standin.requests.length).toBe(before + 1);
  });

  it("stays lexical when unconfigured, and a bad setting stops start-up naming it", async () => {
    const plain = await createTestDeps();
    try {
      expect(plain.answerMatcher.name).toBe("lexical");
      expect(describeMatcher(plain)).toEqual({ matcher: "lexical", model: null, endpoint: null });
    } finally {
      await plain.close();
    }
    const problems = (e: Record<string, string>) => {
      try {
        parseConfig(e);
        return [];
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as { issues: string[] }).issues;
      }
    };
    expect(problems({ MEMORY_EMBEDDINGS_URL: "ftp://embeddings.example" })).toEqual([expect.stringMatching(/^MEMORY_EMBEDDINGS_URL: /)]);
    expect(problems({ MEMORY_EMBEDDINGS_API_KEY: "sk-x" })).toEqual([
      "MEMORY_EMBEDDINGS_URL: required when MEMORY_EMBEDDINGS_API_KEY is set",
    ]);
    expect(problems({ MEMORY_EMBEDDINGS_URL: "http://embeddings.example", NODE_ENV: "production" })).toEqual([
      "MEMORY_EMBEDDINGS_URL: must be an https URL in production",
    ]);
    expect(problems({ MEMORY_EMBEDDINGS_URL: "https://embeddings.example", MEMORY_EMBEDDINGS_DIMENSIONS: "three" })).toEqual([
      expect.stringMatching(/^MEMORY_EMBEDDINGS_DIMENSIONS: /),
    ]);
    expect(problems({ MEMORY_EMBEDDINGS_URL: "https://embeddings.example/v1?key=1" })).toHaveLength(1);
  });
});
