import type { Deps } from "@/lib/platform/deps";
import type { Principal } from "@/lib/domains/auth/principal";
import { AppError } from "@/lib/platform/errors";
import type { Model, Voice } from "@/lib/adapters/telephony/port";
import { assertScope } from "@/lib/domains/auth/permissions";
import { log } from "@/lib/platform/log";

const TTL_MS = 5 * 60_000;
type Cached<T> = { at: number; value: T };
const cache = new Map<string, Cached<unknown>>();

/** Voices and models change rarely; a short per-process cache spares the provider a request per call. */
async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key) as Cached<T> | undefined;
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  try {
    const value = await load();
    cache.set(key, { at: Date.now(), value });
    return value;
  } catch (e) {
    log.warn({ key, err: String(e) }, "telephony catalog request failed");
    if (hit) return hit.value;
    throw new AppError("unavailable", "The phone provider could not be reached to list its options. Try again shortly.");
  }
}

/** get_voice_options: the provider's voices (id, name, language). */
export async function listVoices(deps: Deps, principal: Principal): Promise<Voice[]> {
  assertScope(principal, "calls:read");
  return cached(`${deps.telephony.name}:voices`, () => deps.telephony.listVoices());
}

/** get_model_options: the provider's conversation models. */
export async function listModels(deps: Deps, principal: Principal): Promise<Model[]> {
  assertScope(principal, "calls:read");
  return cached(`${deps.telephony.name}:models`, () => deps.telephony.listModels());
}
