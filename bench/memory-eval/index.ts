import { CLINICS } from "./clinics";
import { GOLF } from "./golf";
import { RESTAURANTS } from "./restaurants";
import { SHOPS } from "./shops";
import type { EvalEntry } from "./types";

export type { EvalEntry } from "./types";
export const EVAL_SET: EvalEntry[] = [...RESTAURANTS, ...CLINICS, ...GOLF, ...SHOPS];
/** Each business is one account: memory never crosses accounts, so each vertical is evaluated on its own. */
export const EVAL_ACCOUNTS: Record<string, EvalEntry[]> = { restaurant: RESTAURANTS, clinic: CLINICS, golf: GOLF, shop: SHOPS };
export const pairCount = (set: EvalEntry[] = EVAL_SET) => set.reduce((n, e) => n + e.same.length + e.not.length, 0);
