import { AppError } from "@/lib/platform/errors";

export type Dependency = "database" | "kv" | "event bus" | "embeddings endpoint";

/**
 * A dependency we could not reach in time (or whose breaker is open). It is an `unavailable` AppError
 * (503 if it ever reaches a response) that names the dependency, so callers that can degrade recognise
 * it by its code and details — never by class identity, which does not hold across Next's route chunks.
 */
export function dependencyUnavailable(dependency: Dependency, cause?: unknown): AppError {
  const e = new AppError("unavailable", `The ${dependency} is unreachable right now; try again shortly.`, {
    dependency,
    retryAfterSeconds: 5,
  });
  if (cause !== undefined) (e as Error & { cause?: unknown }).cause = cause;
  return e;
}

export function isDependencyDown(e: unknown, dependency?: Dependency): boolean {
  const x = e as { code?: unknown; details?: { dependency?: unknown } } | null;
  return (
    !!x && x.code === "unavailable" && typeof x.details?.dependency === "string" && (!dependency || x.details.dependency === dependency)
  );
}

/**
 * The dependency answers, but this instance has more work for it than it can take at once (a full or slow
 * queue). Load, not an outage: it carries no `dependency`, so nothing mistakes it for one (the agent hears
 * FALLBACK_BUSY, not FALLBACK_UNREACHABLE, and no breaker counts it).
 */
export function dependencyBusy(busy: Dependency | "escalations"): AppError {
  return new AppError("unavailable", "Switchboard is very busy right now; try again in a moment.", { busy, retryAfterSeconds: 2 });
}

export function isBusy(e: unknown): boolean {
  const x = e as { code?: unknown; details?: { busy?: unknown } } | null;
  return !!x && x.code === "unavailable" && typeof x.details?.busy === "string";
}
