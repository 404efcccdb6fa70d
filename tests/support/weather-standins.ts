/**
 * Local stand-ins for the weather providers, speaking their documented wire shapes and CHECKING requests
 * (a malformed one answers 400 like the real service, and is recorded so a test can see it).
 *
 * Open-Meteo (https://open-meteo.com/en/docs, /en/docs/geocoding-api):
 * - `GET /v1/search?name&count&language&format=json` → `{results:[{id,name,latitude,longitude,country,admin1,…}], generationtime_ms}`;
 *   no match → `{generationtime_ms}` with NO `results` key (as the real API does).
 * - `GET /v1/forecast?latitude&longitude&current&daily&timezone&forecast_days[&temperature_unit&wind_speed_unit]` →
 *   `{latitude,longitude,timezone,current_units,current:{time,interval,temperature_2m,weather_code,wind_speed_10m},daily_units,daily:{time:[…],…}}`;
 *   bad parameters → 400 `{error:true, reason}`.
 * OpenWeatherMap (https://openweathermap.org/api/geocoding-api, /current, /forecast5), `appid` required (401 `{cod:401,message}`):
 * - `GET /geo/1.0/direct?q&limit` → `[{name,lat,lon,country,state}]` ([] when nothing matches)
 * - `GET /data/2.5/weather?lat&lon&units` → `{coord,weather:[{id,main,description,icon}],main:{temp,…},wind:{speed,deg},timezone,name,cod:200}`
 * - `GET /data/2.5/forecast?lat&lon&units` → `{cod:"200",cnt,list:[{dt,main:{temp,temp_min,temp_max},weather:[…],pop,dt_txt}],city:{timezone,…}}`
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type Place = { name: string; latitude: number; longitude: number; country: string; admin1: string; tempC: number; code: number };
const PLACES: Place[] = [
  { name: "Limerick", latitude: 52.66472, longitude: -8.62306, country: "Ireland", admin1: "Munster", tempC: 12, code: 61 },
  { name: "Springfield", latitude: 39.80172, longitude: -89.64371, country: "United States", admin1: "Illinois", tempC: 20, code: 0 },
  { name: "Springfield", latitude: 37.21533, longitude: -93.29824, country: "United States", admin1: "Missouri", tempC: 18, code: 2 },
  { name: "Springfield", latitude: 42.10148, longitude: -72.58981, country: "United States", admin1: "Massachusetts", tempC: 15, code: 3 },
];
const KNOWN_CURRENT = new Set(["temperature_2m", "weather_code", "wind_speed_10m"]);
const KNOWN_DAILY = new Set(["weather_code", "temperature_2m_max", "temperature_2m_min", "precipitation_probability_max"]);

export type WeatherRequest = { path: string; query: Record<string, string>; status: number };
export type WeatherStandin = { url: string; apiKey: string; requests: WeatherRequest[]; close(): Promise<void> };

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};
const toF = (c: number) => Math.round((c * 9) / 5 + 32);
const near = (lat: number, lon: number) =>
  PLACES.find((p) => Math.abs(p.latitude - lat) < 0.5 && Math.abs(p.longitude - lon) < 0.5) ?? { ...PLACES[0]!, tempC: 7, code: 45 };
const numberIn = (v: string | undefined, min: number, max: number) =>
  v !== undefined && v !== "" && Number.isFinite(Number(v)) && Number(v) >= min && Number(v) <= max;

export async function startWeatherStandin(opts: { apiKey?: string } = {}): Promise<WeatherStandin> {
  const apiKey = opts.apiKey ?? "owm-standin-key-0123456789";
  const requests: WeatherRequest[] = [];
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://standin");
    const q = Object.fromEntries(u.searchParams);
    const reply = (status: number, body: unknown) => {
      requests.push({ path: u.pathname, query: q, status });
      send(res, status, body);
    };
    if (req.method !== "GET") return reply(405, { error: true, reason: "Method not allowed" });
    const matches = (name: string) => PLACES.filter((p) => p.name.toLowerCase() === name.split(",")[0]!.trim().toLowerCase());

    if (u.pathname === "/v1/search") {
      if (!q.name) return reply(400, { error: true, reason: "Parameter 'name' is required" });
      if (q.format && q.format !== "json") return reply(400, { error: true, reason: "Invalid format" });
      const found = matches(q.name).slice(0, Number(q.count ?? 10));
      const results = found.map((p, i) => ({
        id: 1000 + i,
        name: p.name,
        latitude: p.latitude,
        longitude: p.longitude,
        elevation: 10,
        feature_code: "PPLA",
        country_code: "XX",
        country: p.country,
        admin1: p.admin1,
        timezone: "UTC",
        population: 100000,
      }));
      return reply(200, results.length ? { results, generationtime_ms: 0.4 } : { generationtime_ms: 0.4 });
    }
    if (u.pathname === "/v1/forecast") {
      if (!numberIn(q.latitude, -90, 90) || !numberIn(q.longitude, -180, 180))
        return reply(400, { error: true, reason: "Latitude must be in range of -90 to 90°. Given: NaN." });
      const cur = (q.current ?? "").split(",").filter(Boolean);
      const daily = (q.daily ?? "").split(",").filter(Boolean);
      const bad = [...cur.filter((v) => !KNOWN_CURRENT.has(v)), ...daily.filter((v) => !KNOWN_DAILY.has(v))];
      if (bad.length) return reply(400, { error: true, reason: `Cannot initialize WeatherVariable from invalid String value ${bad[0]}` });
      if (daily.length && !q.timezone) return reply(400, { error: true, reason: "Timezone is required" });
      if (q.forecast_days !== undefined && !numberIn(q.forecast_days, 0, 16))
        return reply(400, { error: true, reason: "Forecast days is invalid. Allowed range 0 to 16." });
      if (q.temperature_unit && !["celsius", "fahrenheit"].includes(q.temperature_unit))
        return reply(400, { error: true, reason: "Invalid temperature_unit" });
      const p = near(Number(q.latitude), Number(q.longitude));
      const f = q.temperature_unit === "fahrenheit";
      const t = (c: number) => (f ? toF(c) : c);
      const n = Number(q.forecast_days ?? 7);
      const days = Array.from({ length: n }, (_, i) => i);
      return reply(200, {
        latitude: p.latitude,
        longitude: p.longitude,
        generationtime_ms: 0.1,
        utc_offset_seconds: 0,
        timezone: "GMT",
        current_units: {
          time: "iso8601",
          interval: "seconds",
          temperature_2m: f ? "°F" : "°C",
          weather_code: "wmo code",
          wind_speed_10m: q.wind_speed_unit === "mph" ? "mp/h" : "km/h",
        },
        current: { time: "2026-12-01T20:00", interval: 900, temperature_2m: t(p.tempC) + 0.2, weather_code: p.code, wind_speed_10m: 14.4 },
        daily_units: {
          time: "iso8601",
          weather_code: "wmo code",
          temperature_2m_max: "°C",
          temperature_2m_min: "°C",
          precipitation_probability_max: "%",
        },
        daily: {
          time: days.map((i) => `2026-12-${String(i + 1).padStart(2, "0")}`),
          weather_code: days.map((i) => (i === 1 ? 80 : p.code)),
          temperature_2m_max: days.map((i) => t(p.tempC + 2 + i)),
          temperature_2m_min: days.map((i) => t(p.tempC - 3 + i)),
          precipitation_probability_max: days.map(() => 40),
        },
      });
    }
    if (u.pathname.startsWith("/geo/") || u.pathname.startsWith("/data/")) {
      if (q.appid !== apiKey)
        return reply(401, { cod: 401, message: "Invalid API key. Please see https://openweathermap.org/faq#error401 for more info." });
      if (u.pathname === "/geo/1.0/direct") {
        if (!q.q) return reply(400, { cod: "400", message: "Nothing to geocode" });
        return reply(
          200,
          matches(q.q)
            .slice(0, Number(q.limit ?? 5))
            .map((p) => ({
              name: p.name,
              local_names: { en: p.name },
              lat: p.latitude,
              lon: p.longitude,
              country: p.country === "Ireland" ? "IE" : "US",
              state: p.admin1,
            })),
        );
      }
      if (!numberIn(q.lat, -90, 90) || !numberIn(q.lon, -180, 180)) return reply(400, { cod: "400", message: "wrong latitude" });
      if (q.units && !["standard", "metric", "imperial"].includes(q.units)) return reply(400, { cod: "400", message: "units is invalid" });
      const p = near(Number(q.lat), Number(q.lon));
      const t = (c: number) => (q.units === "imperial" ? toF(c) : c);
      const weather = [{ id: 500, main: "Rain", description: "light rain", icon: "10d" }];
      if (u.pathname === "/data/2.5/weather") {
        return reply(200, {
          coord: { lon: p.longitude, lat: p.latitude },
          weather,
          base: "stations",
          main: {
            temp: t(p.tempC),
            feels_like: t(p.tempC - 1),
            temp_min: t(p.tempC - 1),
            temp_max: t(p.tempC + 1),
            pressure: 1012,
            humidity: 80,
          },
          wind: { speed: 4, deg: 240 },
          dt: 1796155200,
          timezone: 0,
          id: 2962943,
          name: p.name,
          cod: 200,
        });
      }
      if (u.pathname === "/data/2.5/forecast") {
        const start = Date.UTC(2026, 11, 1, 0, 0, 0) / 1000;
        const list = Array.from({ length: 40 }, (_, i) => ({
          dt: start + i * 10800,
          main: {
            temp: t(p.tempC),
            temp_min: t(p.tempC - 3 + Math.floor(i / 8)),
            temp_max: t(p.tempC + 2 + Math.floor(i / 8)),
            pressure: 1012,
            humidity: 80,
          },
          weather,
          pop: 0.4,
          dt_txt: new Date((start + i * 10800) * 1000).toISOString().replace("T", " ").slice(0, 19),
        }));
        return reply(200, {
          cod: "200",
          message: 0,
          cnt: list.length,
          list,
          city: { id: 1, name: p.name, coord: { lat: p.latitude, lon: p.longitude }, country: "IE", timezone: 0 },
        });
      }
    }
    reply(404, { error: true, reason: "Not found" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, apiKey, requests, close: () => new Promise((r) => server.close(() => r())) };
}
