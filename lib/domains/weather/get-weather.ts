import { z } from "zod";
import type { Deps } from "@/lib/platform/deps";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { sha256 } from "@/lib/domains/auth/secrets";
import { log } from "@/lib/platform/log";
import { safeText } from "@/lib/platform/validation/safe-text";
import { isWeatherError, type Place, type WeatherPort } from "@/lib/domains/weather/port";
import { placeLabel, spokenForecast } from "@/lib/domains/weather/spoken";

export const weatherInput = z.object({
  location: safeText()
    .trim()
    .min(1, "must not be empty")
    .max(200, "must be at most 200 characters")
    .describe('A place name ("Limerick", "Springfield, Illinois") or coordinates as "lat,lon" ("52.66,-8.63").'),
  units: z.enum(["metric", "imperial"]).optional().describe("metric (°C, km/h; default) or imperial (°F, mph)."),
  days: z
    .number()
    .int()
    .min(0)
    .max(7)
    .optional()
    .describe("Days ahead to forecast after today, 0–7; default 1 (tomorrow). 0 = current conditions and today's range."),
});
export type WeatherInput = z.infer<typeof weatherInput>;

const placeSchema = z.object({
  name: z.string(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  latitude: z.number(),
  longitude: z.number(),
});
const daySchema = z.object({
  date: z.string(),
  min: z.number(),
  max: z.number(),
  description: z.string(),
  precipitationChance: z.number().nullable(),
});

export const weatherOutput = z.object({
  message: z.string().describe("A short spoken forecast, or a sentence saying why there is none; say it as is."),
  status: z.enum(["ok", "not_found", "unavailable"]),
  location: placeSchema.optional(),
  alternatives: z.array(z.string()).optional().describe("Other places the name matched, best first."),
  units: z.enum(["metric", "imperial"]),
  provider: z.enum(["open-meteo", "openweathermap"]),
  current: z.object({ temperature: z.number(), description: z.string(), windSpeed: z.number().nullable() }).optional(),
  daily: z.array(daySchema).optional().describe("Today first, then the days asked for."),
});
export type WeatherResult = z.infer<typeof weatherOutput>;

const COORDS = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

/** "52.66,-8.63" as a place, or null when the text is a name to look up. */
export function parseCoordinates(text: string): Place | null {
  const m = COORDS.exec(text);
  if (!m) return null;
  const latitude = Number(m[1]);
  const longitude = Number(m[2]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { name: `${latitude}, ${longitude}`, region: null, country: null, latitude, longitude };
}

/**
 * get_weather: geocode (unless given coordinates), forecast, and say it in a sentence. A provider that
 * cannot be reached is never an error for the agent: it gets a sentence saying so. Answers are cached in
 * kv per provider, location, units and days (WEATHER_CACHE_SECONDS); a kv outage only skips the cache.
 */
export async function getWeather(
  deps: Pick<Deps, "kv" | "config" | "weather">,
  principal: Principal,
  input: WeatherInput,
  opts: { provider?: WeatherPort; signal?: AbortSignal } = {},
): Promise<WeatherResult> {
  assertScope(principal, "weather:read");
  const provider = opts.provider ?? deps.weather;
  const units = input.units ?? "metric";
  const days = input.days ?? 1;
  const base = { units, provider: provider.provider } as const;
  const cacheKey = `weather:${provider.provider}:${units}:${days}:${sha256(input.location.toLowerCase().replace(/\s+/g, " "))}`;
  const cached = await cacheGet(deps, cacheKey);
  if (cached) return cached;
  try {
    const given = parseCoordinates(input.location);
    const matches = given ? [given] : await provider.geocode(input.location, opts.signal);
    const place = matches[0];
    if (!place) {
      const result: WeatherResult = {
        message: `I couldn't find a place called ${input.location}. Could you give me the town and country?`,
        status: "not_found",
        ...base,
      };
      await cacheSet(deps, cacheKey, result);
      return result;
    }
    const forecast = await provider.forecast(place, { units, days }, opts.signal);
    const alternatives = matches.slice(1).map(placeLabel);
    let message = spokenForecast({ place, forecast, units, days });
    if (given) message = message.replace(/^In /, "At ");
    if (alternatives.length) message += ` That's for ${placeLabel(place)}; I also found ${alternatives.slice(0, 3).join("; ")}.`;
    const result: WeatherResult = {
      message,
      status: "ok",
      ...base,
      location: place,
      ...(alternatives.length ? { alternatives } : {}),
      current: forecast.current,
      daily: forecast.daily,
    };
    await cacheSet(deps, cacheKey, result);
    return result;
  } catch (e) {
    if (!isWeatherError(e)) throw e;
    log.warn({ tool: "get_weather", provider: provider.provider, status: e.opts.status, err: e.message }, "weather provider unavailable");
    return {
      message: `I can't reach the weather service right now, so I don't have a forecast for ${input.location}. Please try again in a few minutes.`,
      status: "unavailable",
      ...base,
    };
  }
}

async function cacheGet(deps: Pick<Deps, "kv" | "config">, key: string): Promise<WeatherResult | null> {
  if (deps.config.WEATHER_CACHE_SECONDS === 0) return null;
  try {
    const raw = await deps.kv.get(key);
    const parsed = raw ? weatherOutput.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : null;
  } catch {
    return null; // a cache: kv being away only costs a provider request
  }
}

async function cacheSet(deps: Pick<Deps, "kv" | "config">, key: string, value: WeatherResult): Promise<void> {
  if (deps.config.WEATHER_CACHE_SECONDS === 0) return;
  try {
    await deps.kv.set(key, JSON.stringify(value), { ttlMs: deps.config.WEATHER_CACHE_SECONDS * 1000 });
  } catch {
    /* see cacheGet */
  }
}
