import { z } from "zod";
import { fetchWeatherJson } from "@/lib/domains/weather/fetch-json";
import type { Forecast, Place, WeatherPort } from "@/lib/domains/weather/port";
import { describeWmoCode } from "@/lib/domains/weather/wmo";

// https://open-meteo.com/en/docs/geocoding-api — `results` is left out entirely when nothing matches.
const geocodingSchema = z.object({
  results: z
    .array(
      z.object({
        name: z.string(),
        latitude: z.number(),
        longitude: z.number(),
        country: z.string().optional(),
        admin1: z.string().optional(),
      }),
    )
    .optional(),
});

const num = z.number().nullable();
// https://open-meteo.com/en/docs — `current` and `daily` hold the variables asked for, `daily` as parallel arrays.
const forecastSchema = z.object({
  current: z.object({ temperature_2m: z.number(), weather_code: num, wind_speed_10m: num.optional() }),
  daily: z.object({
    time: z.array(z.string()),
    weather_code: z.array(num),
    temperature_2m_max: z.array(num),
    temperature_2m_min: z.array(num),
    precipitation_probability_max: z.array(num).optional(),
  }),
});

/** Open-Meteo: free, no key (non-commercial use only — see the README); geocoding and forecast are two hosts. */
export function createOpenMeteo(o: { geocodingUrl: string; forecastUrl: string; timeoutMs: number }): WeatherPort {
  return {
    provider: "open-meteo",
    async geocode(name, signal) {
      const url = new URL("/v1/search", o.geocodingUrl);
      url.search = new URLSearchParams({ name, count: "5", language: "en", format: "json" }).toString();
      const body = await fetchWeatherJson({ vendor: "Open-Meteo geocoding", url, schema: geocodingSchema, timeoutMs: o.timeoutMs, signal });
      return (body.results ?? []).map((r) => ({
        name: r.name,
        region: r.admin1 ?? null,
        country: r.country ?? null,
        latitude: r.latitude,
        longitude: r.longitude,
      }));
    },
    async forecast(place: Place, { units, days }, signal): Promise<Forecast> {
      const url = new URL("/v1/forecast", o.forecastUrl);
      const params = new URLSearchParams({
        latitude: String(place.latitude),
        longitude: String(place.longitude),
        current: "temperature_2m,weather_code,wind_speed_10m",
        daily: "weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max",
        timezone: "auto",
        forecast_days: String(days + 1),
      });
      if (units === "imperial") {
        params.set("temperature_unit", "fahrenheit");
        params.set("wind_speed_unit", "mph");
      }
      url.search = params.toString();
      const b = await fetchWeatherJson({ vendor: "Open-Meteo forecast", url, schema: forecastSchema, timeoutMs: o.timeoutMs, signal });
      const d = b.daily;
      const daily = d.time.flatMap((date, i) => {
        const min = d.temperature_2m_min[i];
        const max = d.temperature_2m_max[i];
        if (min === null || min === undefined || max === null || max === undefined) return [];
        return [
          {
            date,
            min: Math.round(min),
            max: Math.round(max),
            description: describeWmoCode(d.weather_code[i]),
            precipitationChance: d.precipitation_probability_max?.[i] ?? null,
          },
        ];
      });
      return {
        current: {
          temperature: Math.round(b.current.temperature_2m),
          description: describeWmoCode(b.current.weather_code),
          windSpeed:
            b.current.wind_speed_10m === null || b.current.wind_speed_10m === undefined ? null : Math.round(b.current.wind_speed_10m),
        },
        daily,
      };
    },
  };
}
