import type { Config } from "@/lib/platform/config/env";

/**
 * What the weather adapter is built from (the composition root keys its cache on it): Open-Meteo unless
 * OpenWeatherMap is chosen (WEATHER_PROVIDER) or, on `auto`, OPENWEATHER_API_KEY is set.
 */
export function weatherSettings(config: Config) {
  const owm = config.WEATHER_PROVIDER === "openweathermap" || (config.WEATHER_PROVIDER === "auto" && !!config.OPENWEATHER_API_KEY);
  if (owm && config.OPENWEATHER_API_KEY)
    return {
      provider: "openweathermap" as const,
      baseUrl: config.OPENWEATHER_BASE_URL,
      apiKey: config.OPENWEATHER_API_KEY,
      timeoutMs: config.WEATHER_TIMEOUT_MS,
    };
  return {
    provider: "open-meteo" as const,
    geocodingUrl: config.OPEN_METEO_GEOCODING_URL,
    forecastUrl: config.OPEN_METEO_FORECAST_URL,
    timeoutMs: config.WEATHER_TIMEOUT_MS,
  };
}
