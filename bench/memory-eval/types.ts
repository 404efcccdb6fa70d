/**
 * One saved answer of the evaluation set, with questions callers ask that it must answer (`same`) and
 * near-misses it must not (`not`: another day, branch, product or a negation — their right answer is not
 * in memory). Written for this product's callers; used by bench/figures/memory.ts.
 */
export type EvalEntry = { id: string; q: string; a: string; same: string[]; not: string[] };
