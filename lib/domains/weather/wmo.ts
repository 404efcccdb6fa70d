// WMO weather interpretation codes as Open-Meteo documents them (the `weather_code` variable).
const WMO: Record<number, string> = {
  0: "clear sky",
  1: "mainly clear skies",
  2: "partly cloudy skies",
  3: "overcast skies",
  45: "fog",
  48: "freezing fog",
  51: "light drizzle",
  53: "drizzle",
  55: "heavy drizzle",
  56: "light freezing drizzle",
  57: "freezing drizzle",
  61: "light rain",
  63: "rain",
  65: "heavy rain",
  66: "light freezing rain",
  67: "freezing rain",
  71: "light snow",
  73: "snow",
  75: "heavy snow",
  77: "snow grains",
  80: "light showers",
  81: "showers",
  82: "violent showers",
  85: "light snow showers",
  86: "heavy snow showers",
  95: "thunderstorms",
  96: "thunderstorms with light hail",
  99: "thunderstorms with heavy hail",
};

/** A WMO code in words an agent can say ("light rain"); unknown codes say so rather than guess. */
export function describeWmoCode(code: number | null | undefined): string {
  if (code === null || code === undefined) return "unknown conditions";
  return WMO[code] ?? "unsettled weather";
}
