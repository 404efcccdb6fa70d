import { z } from "zod";
import { fetchWeatherJson } from "@/lib/domains/weather/fetch-json";
import type { DayForecast, Forecast, WeatherPort } from "@/lib/domains/weather/port";

// https://openweathermap.org/api/geocoding-api — an array, empty when nothing matches.
const geocodingSchema = z.array(
  z.object({ name: z.string(), lat: z.number(), lon: z.number(), country: z.string().optional(), state: z.string().optional() }),
);
const condition = z.array(z.object({ id: z.number(), description: z.string() }));
// https://openweathermap.org/current
const currentSchema = z.object({
  weather: condition,
  main: z.object({ temp: z.number() }),
  wind: z.object({ speed: z.number() }).optional(),
  timezone: z.number().optional(),
});
// https://openweathermap.org/forecast5 — 3-hourly steps for 5 days; `city.timezone` is the UTC offset in seconds.
const forecastSchema = z.object({
  list: z.array(
    z.object({
      dt: z.number(),
      main: z.object({ temp_min: z.number(), temp_max: z.number() }),
      weather: condition,
      pop: z.number().optional(),
    }),
  ),
  city: z.object({ timezone: z.number().optional() }).optional(),
});

/** OpenWeatherMap with an API key (free plan's current weather + 5-day/3-hour forecast: up to 5 days ahead). */
export function createOpenWeatherMap(o: { baseUrl: string; apiKey: string; timeoutMs: number }): WeatherPort {
  const get = <S extends z.ZodType>(path: string, params: Record<string, string>, schema: S, vendor: string, signal?: AbortSignal) => {
    const url = new URL(path, o.baseUrl);
    url.search = new URLSearchParams({ ...params, appid: o.apiKey }).toString();
    return fetchWeatherJson({ vendor, url, schema, timeoutMs: o.timeoutMs, signal });
  };
  return {
    provider: "openweathermap",
    async geocode(name, signal) {
      const rows = await get("/geo/1.0/direct", { q: name, limit: "5" }, geocodingSchema, "OpenWeatherMap geocoding", signal);
      return rows.map((r) => ({ name: r.name, region: r.state ?? null, country: r.country ?? null, latitude: r.lat, longitude: r.lon }));
    },
    async forecast(place, { units, days }, signal): Promise<Forecast> {
      const where = { lat: String(place.latitude), lon: String(place.longitude), units };
      const [now, steps] = await Promise.all([
        get("/data/2.5/weather", where, currentSchema, "OpenWeatherMap current", signal),
        get("/data/2.5/forecast", where, forecastSchema, "OpenWeatherMap forecast", signal),
      ]);
      const offsetS = steps.city?.timezone ?? now.timezone ?? 0;
      const byDay = new Map<string, { min: number; max: number; descriptions: string[]; pop: number }>();
      for (const s of steps.list) {
        const date = new Date((s.dt + offsetS) * 1000).toISOString().slice(0, 10);
        const d = byDay.get(date) ?? { min: Infinity, max: -Infinity, descriptions: [], pop: 0 };
        d.min = Math.min(d.min, s.main.temp_min);
        d.max = Math.max(d.max, s.main.temp_max);
        if (s.weather[0]) d.descriptions.push(s.weather[0].description);
        d.pop = Math.max(d.pop, s.pop ?? 0);
        byDay.set(date, d);
      }
      const daily: DayForecast[] = [...byDay.entries()].slice(0, days + 1).map(([date, d]) => ({
        date,
        min: Math.round(d.min),
        max: Math.round(d.max),
        description: mostCommon(d.descriptions),
        precipitationChance: Math.round(d.pop * 100),
      }));
      return {
        current: {
          temperature: Math.round(now.main.temp),
          description: now.weather[0]?.description ?? "unknown conditions",
          windSpeed: now.wind ? Math.round(units === "metric" ? now.wind.speed * 3.6 : now.wind.speed) : null,
        },
        daily,
      };
    },
  };
}

const mostCommon = (xs: string[]) => {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "unknown conditions";
};
