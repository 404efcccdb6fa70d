import type { EvalEntry } from "./types";

export type Ranked = Array<{ id: string; score: number }>;
export type EvalResult = {
  pairs: number;
  paraphrases: number;
  nearMisses: number;
  threshold: number;
  auto: { answered: number; correct: number; wrong: number; precision: number; recall: number; wrongRate: number };
  suggestTop3Recall: number;
  wrongSamples: Array<{ query: string; expected: string | null; got: string; score: number }>;
  missedSamples: Array<{ query: string; expected: string; got: string | null; score: number }>;
};

/**
 * Scores a matcher on the evaluation set. An automatic answer is the top match at or above `threshold`:
 * correct when it is the entry the question belongs to, wrong otherwise (a near-miss answered at all is
 * wrong). Suggestion recall: the right entry among the top 3 shown to an operator.
 */
export async function evaluate(
  accounts: Record<string, EvalEntry[]>,
  search: (account: string, q: string) => Promise<Ranked>,
  threshold: number,
): Promise<EvalResult> {
  const queries = Object.entries(accounts).flatMap(([account, set]) =>
    set.flatMap((e) => [
      ...e.same.map((q) => ({ account, q, expected: e.id as string | null })),
      ...e.not.map((q) => ({ account, q, expected: null })),
    ]),
  );
  let answered = 0;
  let correct = 0;
  let top3 = 0;
  const wrongSamples: EvalResult["wrongSamples"] = [];
  const missedSamples: EvalResult["missedSamples"] = [];
  for (const { account, q, expected } of queries) {
    const ranked = await search(account, q);
    const best = ranked[0];
    if (expected && ranked.slice(0, 3).some((r) => r.id === expected)) top3++;
    if (best && best.score >= threshold) {
      answered++;
      if (best.id === expected) correct++;
      else wrongSamples.push({ query: q, expected, got: best.id, score: best.score });
    } else if (expected) missedSamples.push({ query: q, expected, got: best?.id ?? null, score: best?.score ?? 0 });
  }
  const paraphrases = queries.filter((x) => x.expected).length;
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return {
    pairs: queries.length,
    paraphrases,
    nearMisses: queries.length - paraphrases,
    threshold,
    auto: {
      answered,
      correct,
      wrong: answered - correct,
      precision: r(answered ? correct / answered : 1),
      recall: r(correct / paraphrases),
      wrongRate: r(answered ? (answered - correct) / answered : 0),
    },
    suggestTop3Recall: r(top3 / paraphrases),
    wrongSamples,
    missedSamples,
  };
}
