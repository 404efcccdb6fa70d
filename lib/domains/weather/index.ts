import type { Config } from "@/lib/platform/config/env";
import { createOpenMeteo } from "@/lib/domains/weather/open-meteo";
import { createOpenWeatherMap } from "@/lib/domains/weather/openweathermap";
import type { WeatherPort } from "@/lib/domains/weather/port";
import { weatherSettings } from "@/lib/domains/weather/settings";

export { weatherSettings } from "@/lib/domains/weather/settings";

/** The weather adapter for this configuration, built from weatherSettings() only. */
export function createWeatherProvider(config: Config): WeatherPort {
  const s = weatherSettings(config);
  return s.provider === "openweathermap" ? createOpenWeatherMap(s) : createOpenMeteo(s);
}
