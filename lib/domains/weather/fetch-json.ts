import { handleWhen, retry } from "cockatiel";
import { inlineBackoff } from "@/lib/platform/resilience/backoff";
import type { z } from "zod";
import { log } from "@/lib/platform/log";
import { isWeatherError, WeatherError } from "@/lib/domains/weather/port";

// One quick retry for a network blip or a 5xx/429: a caller on the phone is waiting, so no long backoff.
const policy = retry(
  handleWhen((e) => isWeatherError(e) && e.opts.retryable),
  { maxAttempts: 1, backoff: inlineBackoff({ baseMs: 150, maxMs: 500 }) },
);

/**
 * GETs a weather vendor's JSON and validates its shape. Only the vendor and path reach the log (query
 * strings carry the OpenWeatherMap key and the caller's place names).
 */
export async function fetchWeatherJson<S extends z.ZodType>(o: {
  vendor: string;
  url: URL;
  schema: S;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<z.infer<S>> {
  return policy.execute(async () => {
    let res: Response;
    try {
      const signal = o.signal ? AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs)]) : AbortSignal.timeout(o.timeoutMs);
      res = await fetch(o.url, { headers: { accept: "application/json" }, signal });
    } catch {
      throw new WeatherError(`${o.vendor}: could not be reached`, { retryable: true });
    }
    const body = await res.json().catch(() => undefined);
    if (!res.ok) {
      log.warn({ vendor: o.vendor, path: o.url.pathname, status: res.status }, "weather provider answered with an error");
      throw new WeatherError(`${o.vendor}: HTTP ${res.status}`, { status: res.status, retryable: res.status === 429 || res.status >= 500 });
    }
    const parsed = o.schema.safeParse(body);
    if (!parsed.success) {
      log.warn(
        { vendor: o.vendor, path: o.url.pathname, issues: parsed.error.issues.slice(0, 3).map((i) => i.path.join(".")) },
        "weather provider answered in an unexpected shape",
      );
      throw new WeatherError(`${o.vendor}: unexpected response`, { status: 502, retryable: false });
    }
    return parsed.data;
  });
}
