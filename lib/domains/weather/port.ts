/** Where a forecast is for: a place found by name, or coordinates given as "lat,lon". */
export type Place = { name: string; region: string | null; country: string | null; latitude: number; longitude: number };

export type Units = "metric" | "imperial";

export type DayForecast = { date: string; min: number; max: number; description: string; precipitationChance: number | null };

/** One provider's answer, in the units asked for (°C and km/h, or °F and mph). */
export type Forecast = {
  current: { temperature: number; description: string; windSpeed: number | null };
  /** Today first, then the following days. */
  daily: DayForecast[];
};

/** A weather provider: geocoding plus a forecast for coordinates. */
export interface WeatherPort {
  readonly provider: "open-meteo" | "openweathermap";
  /** Best matches first; empty when nothing matches. */
  geocode(name: string, signal?: AbortSignal): Promise<Place[]>;
  /** `days` upcoming days after today (0 = today only). */
  forecast(place: Place, opts: { units: Units; days: number }, signal?: AbortSignal): Promise<Forecast>;
}

const VENDOR_ERROR = Symbol.for("switchboard.WeatherError");

/** The provider could not be reached or answered with an error; `reachable` false means network/timeout. */
export class WeatherError extends Error {
  readonly [VENDOR_ERROR] = true;
  constructor(
    message: string,
    readonly opts: { status?: number; retryable: boolean },
  ) {
    super(message);
    this.name = "WeatherError";
  }
}

export const isWeatherError = (e: unknown): e is WeatherError =>
  typeof e === "object" && e !== null && (e as { [VENDOR_ERROR]?: unknown })[VENDOR_ERROR] === true;
