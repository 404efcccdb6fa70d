import type { Term, TermKind } from "@/lib/domains/memory/normalize";

/** How much a word counts: the words that say *which* thing is asked about count most. */
const WEIGHT: Record<TermKind, number> = { content: 1, generic: 0.5, entity: 2, day: 2, number: 2, negation: 1 };
/** Kinds where asking about a different one is asking a different question. */
const EXCLUSIVE: TermKind[] = ["day", "number", "entity"];
// Tuned on bench/memory-eval (npm run bench, figure 8) together with MEMORY_AUTO_THRESHOLD's default.
const SWAP = 0.55;
const EXTRA = 0.8;

/** One edit apart (a typo: "parkng", "resevation"), for words long enough that it is not another word. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || Math.min(a.length, b.length) < 5) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const restA = a.slice(i);
  const restB = b.slice(i);
  return restA.slice(1) === restB.slice(1) || restA.slice(1) === restB || restA === restB.slice(1);
}

type Side = Map<string, Term>;
const byKey = (terms: Term[]): Side => new Map(terms.map((t) => [t.key, t]));
const kindOf = (key: string, a: Side, b: Side): TermKind => {
  const ka = a.get(key)?.kind;
  const kb = b.get(key)?.kind;
  return ka === "entity" || kb === "entity" ? "entity" : (ka ?? kb ?? "content");
};

/**
 * How well a saved question answers an asked one, 0–1. A weighted Dice overlap of the two questions'
 * terms (generic words count half), then penalties where lexical overlap lies: a different day, number or
 * name (x0.25), a negation or "free/without" on one side only, a which-word on one side only (x0.75), a
 * word swapped for another ("downtown" vs "airport"), and a specific word only the caller said.
 */
export function scoreTerms(asked: Term[], saved: Term[]): number {
  if (!asked.length || !saved.length) return 0;
  const a = byKey(asked);
  const s = byKey(saved);
  const matched = new Set<string>();
  for (const k of a.keys()) if (s.has(k)) matched.add(k);
  let fuzzy = 0;
  const onlyA = [...a.keys()].filter((k) => !matched.has(k));
  const onlyS = new Set([...s.keys()].filter((k) => !matched.has(k)));
  for (const k of [...onlyA]) {
    if (a.get(k)!.kind !== "content") continue;
    const twin = [...onlyS].find(
      (o) => s.get(o)!.kind === "content" && (oneEditApart(k, o) || oneEditApart(a.get(k)!.word, s.get(o)!.word)),
    );
    if (!twin) continue;
    fuzzy += 0.8 * WEIGHT.content;
    onlyS.delete(twin);
    onlyA.splice(onlyA.indexOf(k), 1);
  }
  const weight = (k: string) => WEIGHT[kindOf(k, a, s)];
  let shared = fuzzy;
  for (const k of matched) shared += weight(k);
  const total = [...a.keys()].reduce((n, k) => n + weight(k), 0) + [...s.keys()].reduce((n, k) => n + weight(k), 0);
  let score = (2 * shared) / total;

  for (const kind of EXCLUSIVE) {
    const inA = onlyA.filter((k) => kindOf(k, a, s) === kind).length;
    const inS = [...onlyS].filter((k) => kindOf(k, a, s) === kind).length;
    if (inA && inS) score *= 0.25;
    else if (inA || inS) score *= 0.75;
  }
  if (a.has("not") !== s.has("not")) score *= 0.3;
  // "free" / "without" also flip a question: "a visit with insurance" is not "a visit without insurance".
  if (a.has("free") !== s.has("free")) score *= 0.5;
  const count = (keys: string[], kind: TermKind) => keys.filter((k) => kindOf(k, a, s) === kind).length;
  const [contentA, genericA] = [count(onlyA, "content"), count(onlyA, "generic")];
  const [contentS, genericS] = [count([...onlyS], "content"), count([...onlyS], "generic")];
  // A word swapped for another ("shellfish" for "nut", "airport" for "downtown") is the usual near-miss.
  // A swap needs a specific word on at least one side ("cancel" for "book"; "pay" for "accept" is not one).
  score *= SWAP ** Math.max(Math.min(contentA, contentS + genericS), Math.min(contentS, contentA + genericA));
  // A word only the caller said narrows the question ("deliver alcohol?" is not "deliver?").
  score *= EXTRA ** Math.max(0, contentA - contentS);
  return Math.round(score * 1000) / 1000;
}

/**
 * The penalties of scoreTerms alone, for a score that comes from elsewhere (an embedding's similarity): a
 * different day, number or name, or a negation or "free/without" on one side only. Embeddings place "open on
 * Sunday?" right beside "open on Monday?"; this keeps them apart. 1 when nothing conflicts.
 */
export function conflictFactor(asked: Term[], saved: Term[]): number {
  const a = byKey(asked);
  const s = byKey(saved);
  let factor = 1;
  for (const kind of EXCLUSIVE) {
    const inA = [...a.keys()].filter((k) => !s.has(k) && kindOf(k, a, s) === kind).length;
    const inS = [...s.keys()].filter((k) => !a.has(k) && kindOf(k, a, s) === kind).length;
    if (inA && inS) factor *= 0.25;
    else if (inA || inS) factor *= 0.75;
  }
  if (a.has("not") !== s.has("not")) factor *= 0.3;
  if (a.has("free") !== s.has("free")) factor *= 0.5;
  return factor;
}
